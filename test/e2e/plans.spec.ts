/**
 * Issue 17, the rest of the journey by visible links: a head of commissioning reaches strategies
 * from the navigation and keeps the delivery plan and equality impact assessment up to date (with
 * errors that keep their input); the clerk links a decision to the consultation and expression of
 * interest it decides (a bad pick is refused); the public sees, on the consultation and the EOI,
 * the decisions that cite them; a scrutiny member finds the call-in on Your work; the forward plan
 * is one footer link away. Axe runs on each new page kind.
 */
import { expect, test } from "./support/test";
import { expectNoAxeViolations, signIn, signOut } from "./support/helpers";

const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test("a head of commissioning changes a milestone and an equality impact assessment row, with errors that keep the input", async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, "commissioner@moot.example");
  await page.goto("/");
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Commissioning" }).click();
  await expect(page).toHaveTitle("Commissioning strategies – Moot");
  await page.getByRole("link", { name: "Ageing well: later life commissioning strategy" }).click();
  await page.getByRole("link", { name: "Home care for older people" }).click();
  await expect(page.getByText("Two providers could not recruit carers in the valley", { exact: false })).toBeVisible();
  await page.getByRole("link", { name: "Change the milestone: First quarterly contract review" }).click();
  await expect(page).toHaveTitle("Change a milestone – Moot");
  await expectNoAxeViolations(page);
  const tooLate = daysAhead(4 * 365);
  await page.getByLabel("Due date").fill(tooLate);
  await page.getByRole("button", { name: "Save the milestone" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("The milestone is after the plan ends");
  await expect(page.getByLabel("Due date")).toHaveValue(tooLate);
  await expect(page).toHaveTitle("Error: Change a milestone – Moot");
  await expectNoAxeViolations(page);
  await page.getByLabel("Due date").fill(daysAhead(20));
  await page.getByLabel("Done", { exact: true }).check();
  await page.getByLabel("Day it was done").fill(daysAhead(0));
  await page.getByRole("button", { name: "Save the milestone" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Home care for older people" })).toBeVisible();
  await expect(page.getByRole("row", { name: /First quarterly contract review/ })).toContainText("Done");

  // The equality impact assessment of the draft plan: add a group, then change it.
  await page.goto("/commissioning-reviews");
  await page.getByRole("link", { name: "Community transport for older people" }).click();
  await page.getByRole("link", { name: "Record the equality impact assessment" }).click();
  await page.getByLabel("Group affected").selectOption("Carers");
  await page.getByRole("group", { name: "Impact on this group" }).getByLabel("Positive").check();
  await page.getByLabel("How the group is affected").fill("Carers get a break while the person they care for travels");
  await page.getByRole("button", { name: "Add to the assessment" }).click();
  await page.getByRole("link", { name: "Change or remove the group: Carers" }).click();
  await expect(page).toHaveTitle("Change the equality impact assessment – Moot");
  await expectNoAxeViolations(page);
  await page.getByRole("group", { name: "Impact on this group" }).getByLabel("Negative").check();
  await page.getByLabel("How the group is affected").fill("Fewer Sunday trips");
  await page.getByLabel("Why it changed, or why it is removed").fill("The Sunday timetable was cut");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Say how a negative impact will be mitigated");
  await expect(page.getByLabel("How the group is affected")).toHaveValue("Fewer Sunday trips");
  await expectNoAxeViolations(page);
  await page.getByLabel("Mitigation").fill("A Saturday service instead");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveTitle("Equality impact assessment – Moot");
  await expect(page.getByTestId("equality-history")).toContainText("The Sunday timetable was cut");
  await expectNoAxeViolations(page);

  // Your work: the commissioner's governance section.
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Your work" }).click();
  await expect(page.getByRole("heading", { name: "Scrutiny and key decisions" })).toBeVisible();
});

test("the clerk links a decision to a consultation and an EOI; the public sees the decision on both", async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, "officer@moot.example");
  await page.goto("/commissioning-reviews");
  await page.getByRole("link", { name: "Home care for older people" }).click();
  await page.getByRole("link", { name: /^Decision of the Northgate Locality Board/ }).click();
  await page.getByRole("link", { name: "Change the plans, consultations and expressions of interest this decision cites" }).click();
  await expect(page).toHaveTitle("What the decision cites – Moot");
  await expectNoAxeViolations(page);
  const pick = async (text: string) => page.getByLabel("What the decision cites").selectOption((await page.locator("select[name=subject] option", { hasText: text }).getAttribute("value"))!);
  await pick("Detached youth work on the coast");
  await page.getByLabel("Approves", { exact: true }).check();
  await page.getByRole("button", { name: "Save the link" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("The council has not accepted that expression of interest");
  await expectNoAxeViolations(page);
  await pick("Northgate market day: moving to Saturdays");
  await page.getByLabel("Informs (noted, not decided)").check();
  await page.getByRole("button", { name: "Save the link" }).click();
  await expect(page.getByText("The decision now cites it")).toBeVisible();
  await pick("Mobile library service by the staff mutual");
  await page.getByLabel("Approves", { exact: true }).check();
  await page.getByRole("button", { name: "Save the link" }).click();
  await expect(page.getByTestId("cited-now")).toContainText("Mobile library service by the staff mutual");
  await signOut(page);

  await page.goto("/commissioning-reviews");
  await page.getByRole("link", { name: "Home care for older people" }).click();
  await page.getByRole("link", { name: /^Decision of the Northgate Locality Board/ }).click();
  const decisionUrl = page.url();
  await page.getByTestId("decision-subjects").getByRole("link", { name: "Northgate market day: moving to Saturdays" }).click();
  await expect(page.getByTestId("citing-decisions")).toContainText("Informs (noted, not decided)");
  await expectNoAxeViolations(page);
  await page.getByTestId("citing-decisions").getByRole("link", { name: /^Decision of the Northgate Locality Board/ }).click();
  expect(page.url()).toBe(decisionUrl);
  await page.getByTestId("decision-subjects").getByRole("link", { name: "Mobile library service by the staff mutual" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Decisions that cite this expression of interest" })).toBeVisible();
  await expect(page.getByTestId("citing-decisions")).toContainText("Approves");
  await expectNoAxeViolations(page);
});

test("a scrutiny member finds the called-in decision on Your work; the public reaches the forward plan from the footer", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "Forward plan", exact: true }).click();
  await expect(page).toHaveURL(/\/forward-plan$/);
  await signIn(page, "scrutiny-member@moot.example");
  await page.goto("/");
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Your work" }).click();
  const section = page.getByTestId("governance-work");
  await expect(section.getByRole("heading", { name: "Decisions called in, waiting for the scrutiny board’s outcome" })).toBeVisible();
  await expectNoAxeViolations(page);
  await section.getByRole("link", { name: "Mental wellbeing peer support pilot" }).click();
  await expect(page.getByTestId("decision-text")).toBeVisible();
});
