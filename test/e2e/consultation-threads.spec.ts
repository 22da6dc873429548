/**
 * Consultations joined to the live feeds and the golden thread, in the browser: a resident
 * discusses a consultation without JavaScript; a closed consultation's discussion is read-only;
 * an officer adds a closed consultation's results to the evidence library and they show on the
 * outcome page; axe on every page touched.
 */
import { expect, test, type Page } from "./support/test";
import { CLOSED_TITLE, OPEN_TITLE } from "../../db/seed/consultations";
import { expectNoAxeViolations, signIn } from "./support/helpers";

test.describe.configure({ timeout: 120_000 });

const OUTCOME = "Safe and connected communities";

async function consultationId(page: Page, title: string, status: "open" | "closed"): Promise<string> {
  await page.goto(`/consultations?status=${status}`);
  const href = await page.getByRole("link", { name: title }).getAttribute("href");
  return href!.split("/").pop()!;
}

test("a resident joins the discussion on an open consultation without JavaScript; the page passes axe", async ({ browser, page }) => {
  const id = await consultationId(page, OPEN_TITLE, "open");
  await page.goto(`/consultations/${id}`);
  await expect(page.getByRole("heading", { name: "Residents’ discussion" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in to comment and vote" })).toBeVisible();
  await expectNoAxeViolations(page);

  const context = await browser.newContext({ javaScriptEnabled: false });
  const resident = await context.newPage();
  await signIn(resident, "resident@moot.example");
  await resident.goto(`/consultations/${id}`);
  const text = `Without JavaScript ${Date.now()}`;
  await resident.getByRole("button", { name: "Post comment" }).click();
  await expect(resident.locator(".govuk-error-summary")).toBeVisible();
  await resident.getByLabel("Add a comment").fill(text);
  await resident.getByRole("button", { name: "Post comment" }).click();
  await expect(resident.getByText("Your comment has been posted")).toBeVisible();
  await expect(resident.locator("article", { hasText: text })).toBeVisible();
  await context.close();

  // Everyone sees it; the officer may open a quick poll there.
  await page.reload();
  await expect(page.locator("article", { hasText: text })).toBeVisible();
  await signIn(page, "officer@moot.example");
  await page.goto(`/consultations/${id}`);
  await expect(page.getByText("Open a quick poll")).toBeVisible();
  // With JavaScript the same form posts and the page stays live.
  await expect(page.getByText(/Live/).first()).toBeVisible();
  const officerText = `With JavaScript ${Date.now()}`;
  await page.getByLabel("Add a comment").fill(officerText);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByText("Your comment has been posted")).toBeVisible();
  await expect(page.locator("article", { hasText: officerText })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a closed consultation's discussion is read-only and its results link to the evidence library", async ({ page }) => {
  const id = await consultationId(page, CLOSED_TITLE, "closed");
  await signIn(page, "resident@moot.example");
  await page.goto(`/consultations/${id}`);
  await expect(page.getByText("Saturdays would let me come with the children")).toBeVisible();
  await expect(page.getByText(/This consultation has closed, so its discussion is read-only/)).toBeVisible();
  await expect(page.getByLabel("Add a comment")).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.goto(`/consultations/${id}/results`);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: `${CLOSED_TITLE}: what residents told us` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${CLOSED_TITLE}: what residents told us` })).toBeVisible();
  await expect(page.getByRole("link", { name: CLOSED_TITLE, exact: true })).toBeVisible();
});

test("an officer adds a closed consultation's results to the evidence library once, and they show on the outcome page", async ({ page }) => {
  const title = `Westfield allotments ${Date.now()}`;
  await signIn(page, "officer@moot.example");
  await page.goto("/officer/consultations/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary").fill("Should we open new allotments in Riverside?");
  await page.getByLabel("Riverside").check();
  const when = (offset: number) => new Date(Date.now() + offset * 24 * 60 * 60 * 1000);
  for (const [legend, d] of [["Opens", when(1)], ["Closes", when(60)]] as const) {
    const group = page.getByRole("group", { name: legend });
    await group.getByLabel("Day").fill(String(d.getUTCDate()));
    await group.getByLabel("Month").fill(String(d.getUTCMonth() + 1));
    await group.getByLabel("Year").fill(String(d.getUTCFullYear()));
    await group.getByLabel("Time").fill("09:00");
  }
  await page.getByLabel("Background").fill("The waiting list is two years long.");
  await page.getByLabel("What is proposed").fill("Twenty new plots on the old depot site.");
  await page.getByLabel("Options considered").fill("New plots; smaller plots (rejected: too small to grow food).");
  await page.getByLabel("Statement that no decision has yet been taken").fill("No decision has been taken.");
  await page.getByLabel("Who is being consulted").fill("Riverside residents.");
  await page.getByLabel("How responses will be used").fill("Reported to the Riverside board.");
  await page.getByLabel("Privacy notice").fill("We keep responses for two years.");
  await page.getByLabel("Contact", { exact: true }).fill("allotments@fenwold.example");
  await page.getByRole("checkbox", { name: new RegExp(`${OUTCOME}$`) }).first().check();
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  const base = new URL(page.url()).pathname;
  await page.goto(`${base}/questions`);
  await page.getByLabel("Section title").fill("Allotments");
  await page.getByRole("button", { name: "Add section" }).click();
  await page.getByLabel("Question", { exact: true }).fill("Would you like a plot?");
  await page.getByLabel("Options (for choice and ranking questions)").fill("Yes\nNo");
  await page.getByRole("button", { name: "Add question" }).click();
  await page.goto(base);
  for (const [button, done] of [["Schedule", "scheduled"], ["Open now", "open"], ["Close now", "closed"]]) {
    await page.getByRole("button", { name: button }).click();
    await expect(page.getByText(`The consultation is now ${done}`)).toBeVisible();
  }

  await page.getByRole("link", { name: "Add the results to the evidence library" }).click();
  await expect(page.getByRole("heading", { name: "Add to the evidence library" })).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue(`${title}: what residents told us`);
  await expect(page.getByLabel("Summary")).toHaveValue(/^0 responses from Riverside\./);
  const outcome = page.getByRole("checkbox", { name: new RegExp(`${OUTCOME}$`) }).first();
  await expect(outcome).toBeChecked();
  const outcomeId = await outcome.getAttribute("value");
  await expectNoAxeViolations(page);

  // A mistake is shown in the error summary, with what was typed kept.
  await page.getByLabel("Title").fill("");
  await page.getByLabel("Summary").fill("Kept summary");
  await page.getByRole("button", { name: "Add to the evidence library" }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.locator(".govuk-error-summary").getByRole("link", { name: "Enter a title" })).toBeVisible();
  await expect(page.getByLabel("Summary")).toHaveValue("Kept summary");
  await expectNoAxeViolations(page);

  await page.getByLabel("Title").fill(`${title}: what residents told us`);
  await page.getByRole("button", { name: "Add to the evidence library" }).click();
  await expect(page.getByText("These results are recorded in the evidence library")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add to the evidence library" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.goto(base);
  await expect(page.getByRole("link", { name: "The results in the evidence library" })).toBeVisible();

  // The golden thread: the outcome page shows the consultation and its finding.
  await page.goto(`/outcomes/${outcomeId}`);
  await expect(page.getByRole("link", { name: title, exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: `${title}: what residents told us` })).toBeVisible();
  await expectNoAxeViolations(page);
});
