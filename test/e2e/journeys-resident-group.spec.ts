/**
 * A community group's daily path by visible links only, each page checked with axe: it expresses
 * an interest in a service and sees the confirmation with the statutory dates. (The resident's
 * journey is the first test of consultations.spec.ts: it needs the seeded consultation open, and
 * that file closes it later, in order.)
 */
import { expect, test } from "./support/test";
import { expectNoAxeViolations, signIn } from "./support/helpers";

test.describe.configure({ timeout: 120_000 });

const LONG_DATE = /^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$/;

test("a group expresses an interest in a service and sees the statutory dates", async ({ page }) => {
  await signIn(page, "group@moot.example");
  await page.goto("/");
  await page.getByRole("link", { name: "Community Right to Challenge" }).first().click();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Express an interest in running Community libraries" }).click();
  await expect(page.getByRole("heading", { name: "Express an interest in running Community libraries" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Eastmere Community Trust").check();
  await page.getByRole("button", { name: "Start expression of interest" }).click();

  await expect(page).toHaveTitle("The service and the area – Moot");
  await expect(page.getByLabel("Which service does the group want to run?")).toHaveValue(/\d+/);
  await expect(page.getByLabel("Which service does the group want to run?").locator("option:checked")).toHaveText(/Community libraries/);
  const title = `Village libraries ${Date.now()}`;
  await page.getByLabel("A short title for your proposal").fill(title);
  await page.getByLabel("The geographical area the proposal concerns").fill("The villages of Hollin Valley");
  await page.getByRole("checkbox", { name: "Hollin Valley" }).check();
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveTitle("Financial resources – Moot");
  for (const box of await page.locator("textarea").all()) await box.fill("Reserves of £40,000 and a lottery grant");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await page.getByLabel(/Evidence that, by the time of any procurement/).fill("Ten years running the mobile library volunteers.");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveTitle("Outcomes, well-being and service users' needs – Moot");
  // the outcomes are grouped by theme, one fieldset each
  expect(await page.locator("fieldset:has(.govuk-checkboxes__input[name='outcomeNodeIds'])").count()).toBeGreaterThan(1);
  await expectNoAxeViolations(page);
  await page.getByLabel("The outcomes the proposal would achieve").fill("Libraries open longer");
  await page.getByLabel(/social, economic or environmental well-being/).fill("A warm place and local volunteering");
  await page.getByLabel("How it would meet the needs of the service's users").fill("Saturday opening");
  await page.getByRole("checkbox", { name: "Less loneliness and isolation" }).first().check();
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveTitle("Check your answers – Moot");
  await page.getByRole("button", { name: "Submit expression of interest" }).click();

  await expect(page.locator(".govuk-panel")).toContainText("Expression of interest submitted");
  const next = page.locator("ul.govuk-list--bullet").first();
  await expect(next).toContainText("acknowledge it in writing by");
  await expect(next).toContainText("the date by which it will decide");
  const dates = await next.locator("strong").allTextContents();
  expect(dates).toHaveLength(2);
  for (const d of dates) expect(d).toMatch(LONG_DATE);
  await expectNoAxeViolations(page);
});
