import { expect, test } from "./support/test";
import { expectNoAxeViolations, signIn, signOut } from "./support/helpers";

/** The month that ended last (the seed leaves it open for a return), as 2026-10 and "October 2026". */
function lastMonth() {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return { value: d.toISOString().slice(0, 7), label: d.toLocaleString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }) };
}

test("a provider sends a return; the manager rates it “concerns” and opens an improvement plan; the outcome page shows who delivers it", async ({ page }) => {
  test.setTimeout(90_000); // a long journey: two people, six pages, each scanned with axe
  const month = lastMonth();
  await signIn(page, "group@moot.example");
  await page.goto("/provider");
  await expect(page).toHaveTitle("Your provider area – Moot");
  await expect(page.getByRole("link", { name: "Day services for older and disabled adults", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: /Household waste/ })).toHaveCount(0); // another provider's
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Send a return for Day services for older and disabled adults" }).click();
  await expect(page).toHaveTitle("Send a return: Day services for older and disabled adults – Moot");
  await expectNoAxeViolations(page);
  await page.getByLabel("Month", { exact: true }).selectOption(month.value);
  await page.getByLabel("Attendance against planned sessions (%)").fill("140");
  await page.getByLabel("What happened this month").fill("Two sessions lost to a minibus breakdown.");
  await page.getByRole("button", { name: "Send return" }).click();
  await expect(page).toHaveTitle("Error: Send a return: Day services for older and disabled adults – Moot");
  await expect(page.locator(".govuk-error-summary")).toContainText("The value for “Attendance against planned sessions” must be between 0 and 100%");
  await expect(page.getByLabel("What happened this month")).toHaveValue("Two sessions lost to a minibus breakdown.");
  await expectNoAxeViolations(page);
  await page.getByLabel("Attendance against planned sessions (%)").fill("78");
  await page.getByRole("button", { name: "Send return" }).click();
  await expect(page.getByText(`Your return for ${month.label} has been sent`)).toBeVisible();

  // Another provider's return form is not there for them.
  const other = await page.request.get("/provider/contracts/1");
  expect(other.status()).toBe(404);
  await signOut(page);

  await signIn(page, "officer@moot.example");
  await page.goto("/contracts");
  await expect(page).toHaveTitle("Contracts and grants – Moot");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Day services for older and disabled adults" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Day services for older and disabled adults" })).toBeVisible();
  await page.getByText("Show the data for Attendance against planned sessions").click();
  await expect(page.getByRole("table", { name: "Attendance against planned sessions (%)" }).getByRole("row").last()).toContainText("78");
  await expectNoAxeViolations(page);

  await page.getByLabel("Period").fill(month.value);
  await page.getByRole("group", { name: "Rating" }).getByLabel("Concerns").check();
  await page.getByLabel("Notes").fill("Attendance well below the 90% target.");
  await page.getByRole("button", { name: "Save rating" }).click();
  await expect(page.getByText("The period has been rated")).toBeVisible();
  await expect(page.getByRole("table", { name: "Ratings by period" }).getByRole("row", { name: new RegExp(month.label) })).toContainText("Concerns");

  await page.getByRole("button", { name: "Open improvement plan" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter why the plan is needed");
  await expectNoAxeViolations(page);
  await page.getByLabel("Why the plan is needed").fill("Attendance below target after the minibus failures.");
  await page.getByRole("group", { name: "Step 1" }).getByLabel("What will be done").fill("Hire a replacement minibus");
  await page.getByRole("group", { name: "Step 1" }).getByLabel("Due date").fill("2027-01-31");
  await page.getByRole("button", { name: "Open improvement plan" }).click();
  await expect(page.getByText("The improvement plan has been opened")).toBeVisible();
  await expect(page.getByText(/under an improvement plan opened on/)).toBeVisible();
  await expect(page.getByRole("table", { name: /Steps of the plan/ })).toContainText("Hire a replacement minibus");

  await signOut(page);
  await page.goto("/outcomes");
  await page.getByRole("link", { name: "Less loneliness and isolation" }).first().click();
  const delivered = page.getByRole("region", { name: "Delivered by" });
  await expect(delivered.getByRole("link", { name: "Day services for older and disabled adults: Eastmere Community Trust" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto("/market");
  await expect(page.getByRole("heading", { level: 1, name: /Market position/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /Household waste and recycling collection/ })).toContainText("Confidential");
  await expectNoAxeViolations(page);
  const csv = await page.request.get("/open-data/contracts-ending.csv");
  expect(csv.ok()).toBe(true);
  expect(await csv.text()).toMatch(/^id,service_area,title,kind,provider/);
});

test("a contract manager's set-up pages keep what was typed on errors and pass axe", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, "officer@moot.example");
  await page.goto("/contracts/new");
  await expect(page).toHaveTitle("Record a contract, grant or in-house service agreement – Moot");
  await page.getByRole("textbox", { name: "Service" }).fill("Community transport");
  await page.getByRole("group", { name: "Kind of arrangement" }).getByLabel("Grant", { exact: true }).check();
  await page.getByRole("button", { name: "Record and add KPIs" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Select the provider");
  await expect(page.getByRole("textbox", { name: "Service" })).toHaveValue("Community transport");
  await expectNoAxeViolations(page);

  await page.goto("/contracts/providers");
  await expect(page).toHaveTitle("Providers – Moot");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Greenline Environmental Services Ltd" }).click();
  await expect(page.getByText("Dan Whitfield (provider@moot.example)")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto("/contracts");
  await page.getByRole("link", { name: "Household waste and recycling collection" }).first().click();
  await page.getByRole("link", { name: /Add KPIs, social value commitments/ }).click();
  await page.getByRole("button", { name: "Add KPI" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter the KPI");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Add commitment" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Select the theme");
  await expectNoAxeViolations(page);
});

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
/** "31 October 2027" plus some months, as 2028-10-31. */
function monthsAfter(longDate: string, months: number) {
  const [, day, month, year] = /(\d{1,2}) (\w+) (\d{4})/.exec(longDate)!;
  const d = new Date(Date.UTC(Number(year), MONTHS.indexOf(month!) + months, Number(day)));
  return d.toISOString().slice(0, 10);
}

test("a contract manager extends a contract within its option and changes a KPI; a resident sends feedback the manager then sees", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, "officer@moot.example");
  await page.goto("/contracts");
  await page.getByRole("link", { name: "Household waste and recycling collection" }).first().click();
  const arrangementUrl = page.url();
  await page.getByRole("link", { name: "Change the terms, extend, end early or reopen a rated period" }).click();
  await expect(page).toHaveTitle("Change: Household waste and recycling collection – Moot");
  await expectNoAxeViolations(page);
  const runs = (await page.getByText(/^Runs from/).textContent())!;
  const end = /to (\d{1,2} \w+ \d{4})/.exec(runs)![1]!;

  await page.getByRole("group", { name: "Option to use" }).getByLabel("Up to 12 months").first().check();
  await page.getByLabel("New end date").fill(monthsAfter(end, 13));
  await page.getByRole("button", { name: "Extend" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("this option extends by at most 12 months");
  await expect(page.getByLabel("New end date")).toHaveValue(monthsAfter(end, 13));
  await expectNoAxeViolations(page);
  await page.getByLabel("New end date").fill(monthsAfter(end, 12));
  await page.getByLabel("Why it is being extended (optional)").fill("Performance recovered");
  await page.getByRole("button", { name: "Extend" }).click();
  await expect(page.getByText("The arrangement has been extended")).toBeVisible();
  await expect(page.getByRole("table", { name: "History of changes" })).toContainText(`Extended from ${end}`);

  await page.goto(arrangementUrl);
  await page.getByRole("link", { name: /^Change KPI \d+ ?: Missed bins/ }).click();
  await expect(page).toHaveTitle("Change KPI: Missed bins per 100,000 collections – Moot");
  await page.getByLabel(/^Target/).fill("45");
  await page.getByRole("button", { name: "Save KPI" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter why the KPI changed");
  await expectNoAxeViolations(page);
  await page.getByLabel("Why the KPI is changing").fill("Tighter standard agreed at the annual review");
  await page.getByRole("button", { name: "Save KPI" }).click();
  await expect(page.getByText("The KPI has been changed")).toBeVisible();
  await expect(page.getByRole("table", { name: "Changes to this KPI" })).toContainText("target 50 to 45");
  await signOut(page);

  // A resident, not signed in: the public feedback form, without JavaScript-only behaviour.
  await page.goto(arrangementUrl);
  await page.getByRole("link", { name: "Tell us about this service" }).click();
  await expect(page).toHaveTitle("Tell us about a service: Household waste and recycling collection – Moot");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Send feedback" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Select how the service was for you");
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter what you want to tell us about the service");
  await expectNoAxeViolations(page);
  await page.getByLabel("Poor").check();
  await page.getByLabel("What do you want to tell us about the service?").fill("Our bins were missed three weeks running.");
  await page.getByRole("button", { name: "Send feedback" }).click();
  await expect(page.getByRole("heading", { name: "Thank you" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto(arrangementUrl);
  await expect(page.getByText("Our bins were missed three weeks running.")).toHaveCount(0); // never published

  await signIn(page, "officer@moot.example");
  await page.goto(arrangementUrl);
  await expect(page.getByRole("region", { name: "What residents say" })).toContainText("Our bins were missed three weeks running.");
  await expect(page.getByRole("table", { name: "History of changes" })).toContainText("Tighter standard agreed at the annual review");
});
