import { expect, test, type Page } from "./support/test";
import { expectNoAxeViolations, fillDate, signIn, signOut } from "./support/helpers";

async function upload(page: Page, csv: string) {
  await page.getByLabel("CSV file").setInputFiles({ name: "values.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Import" }).click();
}

test("an officer imports indicator values and adds evidence tagged to two outcomes", async ({ page }) => {
  await signIn(page, "officer@moot.example");
  await page.goto("/outcomes");
  await page.getByRole("link", { name: "Import indicator values" }).click();
  await expect(page).toHaveTitle("Import indicator values – Moot");
  await expectNoAxeViolations(page);

  // A bad file: every problem listed by line, nothing imported.
  await upload(page, 'measure,locality,period,value,unit\n"Council tax collected in year",Northgate,2026,97.4,%\n"Council tax collected in year",Atlantis,2026-02-30,x,%\n');
  await expect(page).toHaveTitle("Error: Import indicator values – Moot");
  await expect(page.locator(".govuk-error-summary")).toContainText("1 row has a problem. Nothing was imported");
  const problem = page.getByRole("row", { name: /^3 / });
  await expect(problem).toContainText("There is no locality “Atlantis”");
  await expect(problem).toContainText("“2026-02-30” is not a date");
  await expect(problem).toContainText("“x” is not a number");
  await expectNoAxeViolations(page);

  await upload(page, 'measure,locality,period,value,unit\n"Council tax collected in year",Northgate,2026,97.4,%\n"Council tax collected in year",council-wide,2026,97.0,%\n');
  await expect(page.getByText("2 indicator values imported")).toBeVisible();
  // The new year shows in the chart's data table on the outcome page.
  await page.goto("/outcomes/localities/northgate");
  await page.getByRole("link", { name: "Your council" }).click();
  await page.getByText("Show the data for Council tax collected in year").click();
  const table = page.getByRole("table", { name: "Council tax collected in year (%)" });
  await expect(table.getByRole("row", { name: "2026 97.4% 97%" })).toBeAttached();

  await page.goto("/evidence");
  await page.getByRole("link", { name: "Add evidence" }).click();
  await expect(page).toHaveTitle("Add evidence – Moot");
  await page.getByRole("button", { name: "Add evidence" }).click();
  await expect(page).toHaveTitle("Error: Add evidence – Moot");
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter a link to the source");
  await expectNoAxeViolations(page);

  await page.getByLabel("Title").fill("Northgate food bank demand, winter 2025");
  await page.getByLabel("Type of evidence").selectOption({ label: "Lived experience or community voice" });
  await page.getByLabel("Summary").fill("Food bank volunteers report demand up by half, mostly working families.");
  await page.getByLabel("Source organisation").fill("Northgate Food Bank");
  await page.getByLabel("Link to the source").fill("https://northgate-foodbank.example/winter-2025");
  await fillDate(page, "Date, or start of the period it covers", "2025-12-01");
  await fillDate(page, "End of the period (optional)", "2026-02-28");
  await page.getByLabel("Area", { exact: true }).selectOption({ label: "Northgate" });
  await page.getByRole("group", { name: "Commissioning stage" }).getByLabel("Analyse").check();
  await page.getByRole("group", { name: "Who can see it" }).getByLabel("Everyone (published)").check();
  await page.getByLabel("Your money", { exact: true }).check();
  await page.getByLabel("Your health", { exact: true }).check();
  await page.getByRole("button", { name: "Add evidence" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Northgate food bank demand, winter 2025" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Your money" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Your health" })).toBeVisible();
  await expectNoAxeViolations(page);
  // It is found by search and shows on both outcomes' pages.
  await page.goto("/evidence?q=food+bank");
  await expect(page.getByRole("link", { name: "Northgate food bank demand, winter 2025" })).toBeVisible();
  await page.goto("/outcomes/localities/northgate");
  await page.getByRole("link", { name: "Your health" }).click();
  await expect(page.getByRole("link", { name: "Northgate food bank demand, winter 2025" })).toBeVisible();
});

test("a visitor follows the golden thread from the locality dashboard to evidence and the review that cited it", async ({ page }) => {
  await page.goto("/localities/riverside");
  await page.getByRole("link", { name: /Outcomes in Riverside/ }).click();
  await expect(page).toHaveTitle("Outcomes in Riverside – Moot");
  await expect(page.getByRole("heading", { level: 1, name: "Outcomes in Riverside" })).toBeVisible();
  await expect(page.locator("svg[role=img]").first()).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Your environment" }).click();
  await expect(page).toHaveTitle("Your environment in Riverside – Moot");
  await expect(page.getByRole("img", { name: /Household waste sent for reuse, recycling or composting \(%\), chart/ })).toBeVisible();
  await page.getByText("Show the data for Household waste sent for reuse, recycling or composting").click();
  await expect(page.getByRole("table", { name: "Household waste sent for reuse, recycling or composting (%)" }).getByRole("columnheader", { name: "Council-wide" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Waste collection contract performance, quarter 2" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Waste collection contract performance, quarter 2" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Household waste and recycling collection" }).click();
  await expect(page).toHaveTitle("Household waste and recycling collection – Moot");
  await expect(page.getByText("Seven-year contract with a waste company")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the new pages pass axe for visitors, officers and admins", async ({ page }) => {
  test.setTimeout(60_000); // three roles and a dozen pages
  for (const [path, title] of [
    ["/evidence", "Evidence library – Moot"],
    ["/open-data", "Open data – Moot"],
    ["/commissioning-reviews", "Commissioning reviews – Moot"],
  ] as const) {
    expect((await page.goto(path))?.status()).toBe(200);
    await expect(page).toHaveTitle(title);
    await expectNoAxeViolations(page);
  }
  await signIn(page, "commissioner@moot.example"); // reviews are managed by commissioners (issue 17), not every officer
  await page.goto("/commissioning-reviews");
  for (const name of ["Fuel poverty advice", "Low-level mental wellbeing support"]) {
    await page.goto("/commissioning-reviews");
    await page.getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { name: /^Update the/ })).toBeVisible();
    await expectNoAxeViolations(page);
  }
  await page.getByRole("button", { name: "Move to Plan" }).click();
  await expect(page.getByText("Before moving to Plan")).toBeHidden();
  await expect(page.getByText("The review has moved to the next stage")).toBeVisible();

  await signOut(page);
  await signIn(page, "admin@moot.example");
  await page.goto("/admin");
  await page.getByRole("link", { name: "Outcome frameworks" }).click();
  await expect(page).toHaveTitle("Edit outcome frameworks – Moot");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Your money (edit)" }).click();
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("“Your money” is in use");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Retire" }).click();
  await expect(page.getByText("It has been retired, with everything under it")).toBeVisible();
  await page.getByRole("button", { name: "Reinstate" }).click();
  await expect(page.getByText("It has been reinstated")).toBeVisible();
});

test("an officer changes evidence and attaches its report; visitors download it", async ({ page, request }) => {
  const title = "Waste collection contract performance, quarter 2";
  await signIn(page, "officer@moot.example");
  await page.goto(`/evidence?q=${encodeURIComponent("waste collection contract")}`);
  await page.getByRole("link", { name: title }).click();
  const itemUrl = page.url();
  await page.getByRole("link", { name: "Change this evidence" }).click();
  await expect(page).toHaveTitle("Change evidence – Moot");
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await expectNoAxeViolations(page);

  // A mistake keeps what was typed and saves nothing.
  await page.getByLabel("Summary").fill("Missed bins fell to 41 per 100,000 collections.");
  await page.getByLabel("Link to the source").fill("");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveTitle("Error: Change evidence – Moot");
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter a link to the source");
  await expect(page.getByLabel("Summary")).toHaveValue("Missed bins fell to 41 per 100,000 collections.");
  await page.getByLabel("Link to the source").fill("https://fenwold.example/waste/q2");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Your changes have been saved")).toBeVisible();
  await expect(page.getByText("Missed bins fell to 41 per 100,000 collections.")).toBeVisible();

  // A file that is not what it says is refused; a PDF is attached.
  await page.getByLabel("Title of the file").fill("Quarter 2 performance report");
  await page.getByLabel("Attach a file").setInputFiles({ name: "report.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ this is a program") });
  await page.getByRole("button", { name: "Attach file" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("The file must be a PDF, Word, Excel");
  await expect(page.getByLabel("Title of the file")).toHaveValue("Quarter 2 performance report");
  await expectNoAxeViolations(page);
  await page.getByLabel("Attach a file").setInputFiles({ name: "report.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7\n%%EOF\n") });
  await page.getByRole("button", { name: "Attach file" }).click();
  await expect(page.getByText("The attachment has been added")).toBeVisible();
  const href = await page.getByRole("link", { name: "Quarter 2 performance report" }).getAttribute("href");
  await expectNoAxeViolations(page);

  await signOut(page);
  await page.goto(itemUrl);
  await expect(page.getByRole("link", { name: "Quarter 2 performance report" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Change this evidence" })).toHaveCount(0);
  const file = await request.get(href!);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("application/pdf");
  expect(file.headers()["content-disposition"]).toBe('attachment; filename="report.pdf"');
});
