/** Governance (issue 17): the public follows the forward plan to a decision; officers, scrutiny members and the admin use the new pages (axe on each). */
import { expect, test } from "./support/test";
import { expectNoAxeViolations, signIn } from "./support/helpers";

test("a member of the public follows the forward plan to a called-in decision by visible links", async ({ page }) => {
  await page.goto("/boards");
  await page.getByRole("link", { name: "Forward plan of key decisions" }).click();
  await expect(page).toHaveTitle("Forward plan of key decisions – Moot");
  await expect(page.getByRole("table", { name: "Decisions to come" })).toContainText("Community transport contract 2027 to 2030");
  await expectNoAxeViolations(page);

  await page.getByRole("table", { name: "Decisions taken" }).getByRole("link", { name: "Mental wellbeing peer support pilot" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mental wellbeing peer support pilot");
  await expect(page.getByTestId("implications")).toContainText("step-free");
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Read the decision the Northgate Locality Board took" }).click();
  await expect(page.getByTestId("decision-text")).toContainText("A six-month peer support pilot");
  await expect(page.getByTestId("call-in-banner")).toContainText("implementation suspended");
  await expect(page.getByTestId("call-in")).toContainText("The venues were chosen without asking residents of Riverside");
  await expect(page.getByTestId("implications")).toContainText("Alternatives considered");
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Overview and Scrutiny Board" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview and Scrutiny Board");
  await expect(page.getByText("Community transport: performance of the current contract")).toBeVisible();
  await expectNoAxeViolations(page);

  const csv = await page.request.get("/forward-plan.csv");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain("Community transport contract 2027 to 2030");
  const json = (await (await page.request.get("/forward-plan.json")).json()) as { forwardPlan: { title: string; spend_pence: number }[] };
  expect(json.forwardPlan.find((r) => r.title === "Community transport contract 2027 to 2030")?.spend_pence).toBe(75_000_000);
});

test("an officer cannot put a key decision on the forward plan without 28 clear days' notice, and can with it", async ({ page }) => {
  await signIn(page, "officer@moot.example");
  await page.goto("/forward-plan");
  await page.getByRole("link", { name: "Add a decision report" }).click();
  await expect(page).toHaveTitle("Add a decision report – Moot");
  await expectNoAxeViolations(page);
  const soon = new Date(Date.now() + 10 * 86_400_000);
  await page.getByLabel("Board that will take the decision").selectOption({ label: "Eastmere Locality Board" });
  await page.getByLabel("What the decision is about").fill("Eastmere library refurbishment");
  const due = page.getByRole("group", { name: "Date the decision is due to be taken" });
  await due.getByLabel("Day").fill(String(soon.getUTCDate()));
  await due.getByLabel("Month").fill(String(soon.getUTCMonth() + 1));
  await due.getByLabel("Year").fill(String(soon.getUTCFullYear()));
  await page.getByLabel("Spending (pounds)").fill("£900,000");
  await page.getByLabel("Carbon and environmental implications").fill("Heat pumps replace the gas boiler.");
  await page.getByRole("button", { name: "Save the report" }).click();
  await expect(page).toHaveTitle("Error: Add a decision report – Moot");
  await expect(page.locator(".govuk-error-summary")).toContainText("needs 28");
  await expect(page.getByLabel("What the decision is about")).toHaveValue("Eastmere library refurbishment");
  await expectNoAxeViolations(page);

  const later = new Date(Date.now() + 45 * 86_400_000);
  await due.getByLabel("Day").fill(String(later.getUTCDate()));
  await due.getByLabel("Month").fill(String(later.getUTCMonth() + 1));
  await due.getByLabel("Year").fill(String(later.getUTCFullYear()));
  await page.getByRole("button", { name: "Save the report" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Eastmere library refurbishment");
  await expect(page.getByTestId("report-notice")).toContainText("£900,000");
  await page.getByRole("link", { name: "Change this report" }).click();
  await expect(page.getByLabel("Carbon and environmental implications")).toHaveValue("Heat pumps replace the gas boiler.");
  await expectNoAxeViolations(page);
});

test("the scrutiny chair records an outcome; a member sees the call-in page; the admin sets the thresholds", async ({ page }) => {
  await signIn(page, "scrutiny@moot.example");
  await page.goto("/scrutiny/overview-and-scrutiny-board");
  await expect(page.getByRole("heading", { name: "Add to the work programme" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Mental wellbeing peer support pilot" }).click();
  await expect(page.getByTestId("decision-text")).toBeVisible();
  const decisionPath = new URL(page.url()).pathname;
  await page.getByRole("link", { name: "Record the scrutiny board's outcome" }).click();
  await expectNoAxeViolations(page);
  await page.getByLabel("Refer back to the decision-maker with recommendations").check();
  await page.getByRole("button", { name: "Record the outcome" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter the scrutiny board's recommendations");

  await signIn(page, "scrutiny-member@moot.example");
  await page.goto(`${decisionPath}/call-in`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Call in:");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Ask for the decision to be called in" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter your reasons");

  await signIn(page, "admin@moot.example");
  await page.goto("/admin");
  await page.getByRole("link", { name: "Key decisions and call-in" }).click();
  await expect(page.getByLabel("Key decision threshold (pounds)")).toHaveValue("500000.00");
  await expectNoAxeViolations(page);
  await page.getByLabel("Scrutiny members needed to call in a decision").fill("0");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("from 1 to 50");
});
