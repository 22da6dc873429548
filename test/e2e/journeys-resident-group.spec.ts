/**
 * Issue 15's daily paths for a resident and a community group, by visible links only, each page
 * checked with axe: a new resident registers, follows the next step to what is open in their
 * area, responds, changes one answer from check your answers and sees "You responded"; a group
 * expresses an interest in a service and sees the confirmation with the statutory dates.
 */
import { expect, test } from "./support/test";
import { OPEN_TITLE } from "../../db/seed/consultations";
import { expectNoAxeViolations, signIn, uniqueEmail } from "./support/helpers";

test.describe.configure({ timeout: 120_000 });

const LONG_DATE = /^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$/;

test("a resident registers, responds, changes one answer and sees that they responded", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Create an account" }).first().click();
  const email = uniqueEmail("journey");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Your name").fill("Priya Journey");
  await page.getByLabel("The area you live in").selectOption({ label: "Riverside" });
  await page.getByLabel("Create a password").fill("a long enough journey password");
  await page.getByRole("button", { name: "Create account" }).click();
  // Registering answers the same for any email (nobody learns who has an account): sign in next.
  await expect(page.getByText("Next, you will see what is open in the area you live in.")).toBeVisible();
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("a long enough journey password");
  await page.getByRole("button", { name: "Sign in" }).click();

  // The next step after registering: what is open in their area.
  await expect(page.getByRole("heading", { name: "Riverside", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: /Riverside discussion/ })).toBeVisible();
  // the kind of each open thing is a tag, not run into the title
  await expect(page.locator("li", { has: page.getByRole("link", { name: OPEN_TITLE }) }).first()).toHaveText(/^Consultation:\s+Riverside park/);
  await expectNoAxeViolations(page);

  // The home page now puts Riverside first.
  await page.locator(".govuk-generic-header__homepage-link").click();
  await expect(page.getByRole("heading", { name: "Open now in Riverside" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: OPEN_TITLE }).first().click();

  // Never responded: no "View your response", and a start button.
  await expect(page.getByRole("heading", { name: OPEN_TITLE, level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "View your response" })).toHaveCount(0);
  await page.getByRole("button", { name: "Respond to this consultation" }).click();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Start your response" }).click();

  await expect(page.getByRole("heading", { name: "The play area" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back", exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Design A: natural play with logs and sand").check();
  await page.getByRole("group", { name: /better lighting/ }).getByLabel("Agree", { exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Priorities and your comments" })).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Yes, publish it without my name").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Equality monitoring (optional)" })).toBeVisible();
  await page.getByRole("button", { name: "Skip these questions" }).click();
  await expect(page.getByRole("heading", { name: "Check your answers before sending your response" })).toBeVisible();
  await page.getByRole("button", { name: "Send response" }).click();
  await expect(page.getByRole("heading", { name: "Response sent" })).toBeVisible();
  const reference = (await page.locator(".govuk-panel__body strong").textContent())!.trim();

  // Change one answer: Change goes to the question and comes back to the summary.
  await page.getByRole("link", { name: "View or change your response" }).click();
  await page.getByRole("link", { name: /Change.*Which play area design do you prefer/ }).click();
  await expect(page.getByRole("link", { name: "Back", exact: true })).toHaveAttribute("href", /\/respond\/check$/);
  await page.getByLabel("Design B: climbing frame and slides").check();
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByRole("heading", { name: "Your response", exact: true })).toBeVisible();
  await expect(page.getByText("Your response has been updated")).toBeVisible();
  await expect(page.locator(".govuk-summary-list__row", { hasText: "Which play area design do you prefer?" })).toContainText("Design B: climbing frame and slides");
  await expectNoAxeViolations(page);

  // The consultation page says they responded, with the date and reference.
  await page.getByRole("link", { name: "Back", exact: true }).click();
  const said = page.locator(".govuk-inset-text", { hasText: "You responded on" });
  await expect(said).toContainText(reference);
  const date = (await said.textContent())!.match(/You responded on (.+?) \(reference/)![1]!;
  expect(date).toMatch(LONG_DATE);
  await expect(page.getByRole("button", { name: "Respond to this consultation" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // /account lists it.
  await page.getByRole("link", { name: "Your account" }).first().click();
  await expect(page.locator(".govuk-summary-list__row", { hasText: OPEN_TITLE })).toContainText(`Reference ${reference}`);
});

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
