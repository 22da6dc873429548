/** Grant approval by the panel, spend per outcome on a locality dashboard, and intentions on /market (issue 18). */
import { expect, test } from "./support/test";
import { expectNoAxeViolations, signIn, signOut } from "./support/helpers";

test("the grant panel approves a new grant: a member with an interest cannot sit, bad input keeps what was typed", async ({ page }) => {
  test.setTimeout(90_000);
  const title = `Riverside warm spaces grant ${Date.now()}`;
  await signIn(page, "officer@moot.example");
  await page.goto("/contracts");
  await page.getByRole("link", { name: "The grant panel" }).click();
  await expect(page).toHaveTitle("The grant panel – Moot");
  await expect(page.getByRole("table", { name: "Members of the grant panel" })).toContainText("Sam Adeyemi");
  await expectNoAxeViolations(page);

  await page.goto("/contracts");
  await page.getByRole("link", { name: "Record a contract, grant or in-house service agreement" }).click();
  await page.getByRole("textbox", { name: "Service" }).fill(title);
  await page.getByRole("group", { name: "Kind of arrangement" }).getByLabel("Grant", { exact: true }).check();
  await page.getByLabel("Provider").selectOption({ label: "Eastmere Community Trust" });
  await page.getByLabel("Total value, in pounds").fill("20,000");
  await page.getByRole("group", { name: "How the provider is paid" }).getByLabel("Fixed price").check();
  await page.getByLabel("Start date").fill("2026-12-01");
  await page.getByLabel("End date").fill("2027-11-30");
  await page.getByRole("group", { name: /how it was approved/ }).getByLabel(/Grant panel/).check();
  await page.getByRole("button", { name: "Record and add KPIs" }).click();
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("not approved yet. Payments are held until it is.")).toBeVisible();

  await page.getByRole("link", { name: "Grant approval and declarations of interest" }).click();
  await expect(page).toHaveTitle(`Grant approval: ${title} – Moot`);
  await expectNoAxeViolations(page);
  await page.getByLabel("Panel member").selectOption({ label: "Cllr Helen Okafor (councillor)" });
  await page.getByLabel("Their interest").fill("Her sister chairs the trust");
  await page.getByRole("button", { name: "Record the declaration" }).click();
  await expect(page.getByText("The declaration of interest has been recorded")).toBeVisible();
  await expect(page.getByRole("table", { name: "Declarations of interest" })).toContainText("Her sister chairs the trust");

  await page.getByLabel("Councillor", { exact: true }).selectOption({ label: "Cllr Helen Okafor (Northgate ward)" });
  await page.getByLabel("Conditions of grant").fill("Open three afternoons a week all winter");
  await page.getByRole("button", { name: "Record the panel’s approval" }).click();
  await expect(page).toHaveTitle(`Error: Grant approval: ${title} – Moot`);
  const errors = page.locator(".govuk-error-summary");
  await expect(errors).toContainText("Select the voluntary-sector representative who sat");
  await expect(errors).toContainText("Select the officer who sat");
  await expect(page.getByLabel("Conditions of grant")).toHaveValue("Open three afternoons a week all winter");
  await expect(page.getByLabel("Councillor", { exact: true })).toHaveValue(/\d+/);
  await expectNoAxeViolations(page);

  await page.getByLabel("Voluntary-sector representative").selectOption({ label: "Sam Adeyemi (Fenwold Voluntary Action)" });
  await page.getByLabel("Officer", { exact: true }).selectOption({ label: "Omar Haddad (Commissioning team)" });
  await page.getByRole("button", { name: "Record the panel’s approval" }).click();
  await expect(errors).toContainText("Cllr Helen Okafor declared an interest in this grant (“Her sister chairs the trust”) and cannot sit on its approval");
  await expect(page.getByText("Awaiting approval")).toBeVisible();

  await page.getByLabel("Councillor", { exact: true }).selectOption({ label: "Cllr Tom Reeve (Hollin Valley ward)" });
  await page.getByRole("button", { name: "Record the panel’s approval" }).click();
  await expect(page.getByText("The grant panel’s approval has been recorded")).toBeVisible();
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByText(/The grant panel: approved on .* by Cllr Tom Reeve \(councillor\), Sam Adeyemi \(voluntary-sector representative\), Omar Haddad \(officer\)/)).toBeVisible();
});

test("anyone can see what is being bought towards each outcome on a locality dashboard", async ({ page }) => {
  await page.goto("/outcomes");
  await page.getByRole("link", { name: "Outcomes in Hollin Valley" }).click();
  const spend = page.getByRole("region", { name: "What is being bought towards each outcome" });
  const table = spend.getByRole("table", { name: "Spend towards each outcome in Hollin Valley" });
  await expect(table.getByRole("row", { name: /Later life Council-wide/ })).toContainText("£");
  await expect(spend.getByRole("img", { name: /Annual value being bought towards each outcome in Hollin Valley/ })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a commissioner publishes an intention for a strategy and the market sees it; a draft stays hidden", async ({ page }) => {
  test.setTimeout(60_000);
  const what = `Handyperson service for older homeowners ${Date.now()}`;
  await signIn(page, "commissioner@moot.example");
  await page.goto("/commissioning-strategies");
  await page.getByRole("link", { name: "Ageing well: later life commissioning strategy" }).click();
  await expect(page.getByRole("table", { name: /What the council intends to buy/ })).toContainText("Digital inclusion for older people (draft)"); // officers see drafts, tagged
  await page.getByRole("link", { name: "Write the commissioning intentions and market position statement" }).click();
  await expect(page).toHaveTitle("Commissioning intentions: Ageing well: later life commissioning strategy – Moot");
  await expectNoAxeViolations(page);
  await page.getByLabel("What", { exact: true }).fill(what);
  await page.getByLabel("From", { exact: true }).fill("2027-02-30");
  await page.getByRole("button", { name: "Add intention" }).click();
  const errors = page.locator(".govuk-error-summary");
  await expect(errors).toContainText("Select whether the council intends to buy, change or stop buying");
  await expect(errors).toContainText("The date it starts from must be a real date, like 2027-04-01");
  await expect(errors).toContainText("Select how it will go to the market");
  await expect(page.getByLabel("What", { exact: true })).toHaveValue(what);
  await expectNoAxeViolations(page);
  await page.getByRole("group", { name: "The council intends to" }).getByLabel("Buy", { exact: true }).check();
  await page.getByLabel("From", { exact: true }).fill("2027-06-01");
  await page.getByLabel("Estimated value a year, in pounds (optional)").fill("80,000");
  await page.getByRole("group", { name: "How it will go to the market" }).getByLabel("Open tender").check();
  await page.getByLabel("Publish it now (otherwise it stays a draft only officers see)").check();
  await page.getByRole("button", { name: "Add intention" }).click();
  await expect(page.getByText("The intention has been added")).toBeVisible();
  await signOut(page);

  await page.goto("/contracts");
  await page.getByRole("link", { name: /Market position/ }).click();
  const intentions = page.getByRole("table", { name: "Intentions: Ageing well: later life commissioning strategy" });
  await expect(intentions.getByRole("row", { name: new RegExp(what) })).toContainText("£80,000");
  await expect(intentions).not.toContainText("Digital inclusion for older people (draft)");
  await page.getByText("Market position statement: Ageing well: later life commissioning strategy").click();
  await expect(page.getByText("What we want from the market")).toBeVisible();
  await expectNoAxeViolations(page);
  const csv = await page.request.get("/open-data/commissioning-intentions.csv");
  expect(await csv.text()).toContain(what);
});
