/**
 * The clerk changes a published agenda by visible links only: board → meeting → console →
 * "Add, change or withdraw an item" → a numbered supplement with its reason, shown on the public
 * page; then cancels the meeting, which the public page, the council's meetings page and the
 * board's calendar show. Each new kind of page passes axe (with and without errors).
 */
import { expect, test } from "./support/test";
import { expectNoAxeViolations, fillDate, signIn } from "./support/helpers";

// Another board than the Northgate one the other meeting specs run, so their lists stay as they expect.
const BOARD_NAME = "Hollin Valley Locality Board";

function daysAhead(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

test("a published agenda changes only through a numbered supplement, and a cancelled meeting says so everywhere", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const title = `Supplement meeting ${Date.now()}`;
  await signIn(page, "officer@moot.example");
  await page.goto("/boards");
  await page.getByRole("link", { name: BOARD_NAME }).click();
  await page.getByLabel("Title").fill(title);
  await fillDate(page, "Date and time", daysAhead(30), "18:30");
  await page.getByLabel("Venue").fill("Hollin Valley Village Hall");
  await page.getByRole("button", { name: "Create the meeting" }).click();
  await expect(page).toHaveURL(/\/meetings\/\d+\/console$/);
  const meetingPath = page.url().replace(/\/console$/, "");

  // The item form shows only the chosen type's fields: a report for information asks for no recommendation.
  await page.getByRole("radio", { name: "Report for information", exact: true }).check();
  await expect(page.getByLabel("Recommendation: the decision sought")).toBeHidden();
  await page.getByLabel("Title", { exact: true }).fill("Village bus timetable");
  await page.getByRole("button", { name: "Add the item" }).click();
  await expect(page.getByRole("heading", { name: /Village bus timetable/ })).toBeVisible();
  await page.getByRole("button", { name: "Publish the agenda" }).click();
  await expect(page.getByText("The agenda is published", { exact: false }).first()).toBeVisible();

  // Console → the supplement page, by its link.
  await page.getByRole("link", { name: "Add, change or withdraw an item" }).click();
  await expect(page.getByRole("heading", { name: "Change the published agenda", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Add an item" }).click();
  await expect(page.getByRole("heading", { name: "Add an item to the published agenda" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("radio", { name: "Report for decision", exact: true }).check();
  await expect(page.getByLabel("Recommendation: the decision sought")).toBeVisible();
  await expect(page.getByLabel("Paragraph of Schedule 12A that applies")).toBeHidden();
  await page.getByLabel("Title", { exact: true }).fill("Winter grit bins");
  await page.getByRole("button", { name: "Publish the agenda supplement" }).click();
  // GOV.UK errors, the input kept.
  await expect(page.getByRole("link", { name: "Enter the recommendation for decision" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Enter the reason for the supplement" })).toBeVisible();
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue("Winter grit bins");
  await expect(page.getByRole("radio", { name: "Report for decision", exact: true })).toBeChecked();
  await expectNoAxeViolations(page);
  await page.getByLabel("Recommendation: the decision sought").fill("That the board funds six grit bins.");
  await page.getByLabel("Reason for the supplement").fill("The highways report arrived after publication");
  await page.getByRole("button", { name: "Publish the agenda supplement" }).click();
  await expect(page.getByTestId("done-heading")).toHaveText("Agenda supplement 1 is published");
  await expectNoAxeViolations(page);

  // Withdraw the first item, by its link in the list.
  await page.getByRole("link", { name: "Withdraw item 1, Village bus timetable" }).click();
  await expect(page.getByRole("heading", { name: "Withdraw item 1: Village bus timetable" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Why is the item withdrawn?").fill("The operator has not confirmed the times");
  await page.getByRole("button", { name: "Withdraw the item and publish the supplement" }).click();
  await expect(page.getByTestId("done-heading")).toHaveText("Agenda supplement 2 is published");

  // The public page, as a visitor, by the banner's link.
  const visitor = await (await browser.newContext()).newPage();
  await page.getByRole("link", { name: "meeting’s public page" }).click();
  await expect(page).toHaveURL(/\/meetings\/\d+#supplements$/);
  await expect(page.getByTestId("supplements")).toBeVisible();
  await visitor.goto(page.url());
  const supplements = visitor.getByTestId("supplements");
  await expect(supplements).toContainText(/Agenda supplement 1, published \d{1,2} \w+ \d{4}/);
  await expect(supplements).toContainText("Item 2 added: Winter grit bins");
  await expect(supplements).toContainText("Reason: The highways report arrived after publication");
  await expect(supplements).toContainText("Item 1 withdrawn: Village bus timetable");
  await expect(visitor.getByRole("heading", { name: /1\. Village bus timetable/ })).toContainText("Withdrawn");
  await expect(visitor.getByRole("link", { name: "Subscribe to all the council’s public meetings (iCal)" })).toBeVisible();
  await expect(visitor.locator('head link[rel="alternate"][type="text/calendar"]').first()).toHaveAttribute("href", /calendar\.ics$/);
  await expectNoAxeViolations(visitor);

  // Cancel it from the console, with a reason.
  await page.getByRole("link", { name: /Open the meeting console/ }).click();
  await page.getByRole("link", { name: "Cancel the meeting" }).click();
  await expect(page.getByRole("heading", { name: /Are you sure you want to cancel/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Yes, cancel the meeting" }).click();
  await expect(page.getByRole("link", { name: "Enter the reason the meeting is cancelled" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Why is the meeting cancelled?").fill("Too few members can attend");
  await page.getByRole("button", { name: "Yes, cancel the meeting" }).click();
  await expect(page.getByTestId("done-heading")).toHaveText("The meeting is cancelled");
  await expect(page.getByRole("button", { name: "Start the meeting" })).toHaveCount(0);

  await visitor.reload();
  await expect(visitor.getByTestId("cancelled")).toContainText("Too few members can attend");
  await visitor.goto("/boards");
  await visitor.getByRole("link", { name: "All public meetings", exact: true }).click();
  await expect(visitor.getByRole("heading", { name: "Public meetings", level: 1 })).toBeVisible();
  await expect(visitor.getByRole("row", { name: new RegExp(title) })).toContainText("Cancelled");
  await expectNoAxeViolations(visitor);
  const ics = await visitor.request.get("/meetings/calendar.ics");
  expect(ics.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const body = (await ics.text()).replace(/\r\n[ \t]/g, "");
  const id = meetingPath.split("/").pop();
  const event = body.split("BEGIN:VEVENT").find((e) => e.includes(`UID:meeting-${id}@`));
  expect(event).toContain("STATUS:CANCELLED");
});
