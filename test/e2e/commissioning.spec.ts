/**
 * Commissioning strategies and plans (issue 17), by visible links: the public follows a strategy
 * to its approved plan and the board decision that approved it (and back); a commissioner is
 * stopped at the approval gate; the clerk puts the plan on a board's agenda for decision. Axe
 * runs on every new page kind.
 */
import { expect, test } from "./support/test";
import { expectNoAxeViolations, fillDate, signIn, signOut } from "./support/helpers";
import { formatDate } from "../../app/lib/dates";

const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test("a visitor follows a strategy to its approved plan and the decision that approved it", async ({ page }) => {
  await page.goto("/commissioning-reviews");
  await expect(page.getByRole("link", { name: "Community transport for older people" })).toHaveCount(0); // a draft
  await page.getByRole("link", { name: "commissioning strategy" }).click();
  await expect(page).toHaveTitle("Commissioning strategies – Moot");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Ageing well: later life commissioning strategy" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ageing well: later life commissioning strategy" })).toBeVisible();
  await expect(page.getByText("£4,200,000")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Home care for older people" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Home care for older people" })).toBeVisible();
  const comparison = page.getByTestId("option-comparison");
  await expect(comparison.getByRole("row", { name: /External, by contract/ })).toContainText("Withheld (commercially confidential)");
  await expect(comparison.getByRole("row", { name: /In-house/ })).toContainText("£10,800,000");
  await expect(page.getByTestId("risk-register")).toHaveCount(0);
  await expect(page.getByText("Late", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: /^Decision of the Northgate Locality Board/ }).click();
  await expect(page.getByTestId("decision-subjects")).toContainText("Approves: commissioning plan");
  await expectNoAxeViolations(page);
  await page.getByTestId("decision-subjects").getByRole("link", { name: "Home care for older people" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Home care for older people" })).toBeVisible();
});

test("a plan cannot pass to Do without a board's approval; the clerk puts it on an agenda for decision", async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, "commissioner@moot.example");
  await page.goto("/commissioning-reviews");
  await page.getByRole("link", { name: "Community transport for older people" }).click();
  await expect(page.getByTestId("risk-register")).toContainText("Not enough volunteer drivers");
  await page.getByRole("button", { name: "Move to Do" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("have the plan approved by a board");
  await expectNoAxeViolations(page);
  for (const [link, title] of [
    ["Change the services analysis and the chosen option", "The plan: Community transport for older people – Moot"],
    ["Appraise a delivery option", "Appraise a delivery option – Moot"],
    ["Record the equality impact assessment", "Equality impact assessment – Moot"],
    ["Manage the risk register", "Risk register – Moot"],
  ] as const) {
    await page.getByRole("link", { name: link }).first().click();
    await expect(page).toHaveTitle(title);
    await expectNoAxeViolations(page);
    await page.goBack();
  }
  // An option without costs is refused with a clear error.
  await page.getByRole("link", { name: "Appraise a delivery option" }).first().click();
  await expect(page).toHaveTitle("Appraise a delivery option – Moot");
  await page.getByLabel("Partnership").check();
  await page.getByLabel("Description").fill("With the NHS trust");
  await page.getByRole("button", { name: "Save the appraisal" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter the cost over the plan period");
  await expect(page.getByLabel("Description")).toHaveValue("With the NHS trust");
  // Re-score a risk: the history shows it.
  await page.goto("/commissioning-reviews");
  await page.getByRole("link", { name: "Community transport for older people" }).click();
  await page.getByRole("link", { name: "Manage the risk register" }).click();
  await expect(page).toHaveTitle("Risk register – Moot");
  await page.getByRole("link", { name: "Change risk: Not enough volunteer drivers" }).click();
  await expect(page).toHaveTitle("Change a risk – Moot");
  await expectNoAxeViolations(page);
  await page.getByRole("group", { name: "Likelihood" }).getByLabel("High").check();
  await page.getByLabel("Note for the history").fill("Two drivers left");
  await page.getByRole("button", { name: "Save the change" }).click();
  await expect(page).toHaveTitle("Risk register – Moot");
  await page.getByRole("link", { name: "Change risk: Not enough volunteer drivers" }).click();
  await expect(page.getByRole("table", { name: "History of this risk" })).toContainText("Two drivers left");
  await signOut(page);

  await signIn(page, "officer@moot.example");
  await page.goto("/boards/northgate-locality-board");
  await page.getByLabel("Title").fill("Commissioning plans");
  await fillDate(page, "Date and time", daysAhead(40), "18:30");
  await page.getByLabel("Venue").fill("Northgate Town Hall");
  await page.getByRole("button", { name: "Create the meeting" }).click();
  await expect(page).toHaveURL(/\/meetings\/\d+\/console$/);
  await page.goto("/commissioning-reviews");
  await page.getByRole("link", { name: "Community transport for older people" }).click();
  await page.getByLabel("Meeting (draft agendas you manage)").selectOption({ label: `Northgate Locality Board: Commissioning plans, ${formatDate(daysAhead(40))}` });
  await page.getByRole("button", { name: "Add to the agenda as an item for decision" }).click();
  await expect(page.getByText("The plan is on the agenda as an item for decision")).toBeVisible();
  await page.getByRole("link", { name: /^Northgate Locality Board: Commissioning plans/ }).click();
  await expect(page).toHaveURL(/\/meetings\/\d+$/);
  await page.goto(`${page.url()}/console`); // the draft agenda, as the clerk sees it
  await expect(page.getByText("Commissioning plan: Community transport for older people").first()).toBeVisible();
});
