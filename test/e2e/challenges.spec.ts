import { expect, test, type Browser, type Page } from "./support/test";
import { expectNoAxeViolations, fillDate, signIn } from "./support/helpers";

test.describe.configure({ mode: "serial" });

async function as(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

const stamp = Date.now();
const GROUP = `Seafront Friends ${stamp}`;
const TITLE = `Seafront youth club ${stamp}`;
const SECRET = `CONFIDENTIAL-FINANCES-${stamp}`;
const decisionDate = new Date(Date.now() + 25 * 86_400_000).toISOString().slice(0, 10);

test("a group registers, drafts an EOI over two visits and submits; the officer handles it to acceptance with an agreed modification", async ({ browser }) => {
  test.setTimeout(120_000);
  const group = await as(browser, "group@moot.example");
  await group.goto("/challenges");
  await expectNoAxeViolations(group);
  await group.getByRole("link", { name: "Register a group" }).click();
  await expect(group).toHaveTitle("Register a group – Moot");
  await expectNoAxeViolations(group);
  await group.getByRole("button", { name: "Register group" }).click();
  await expect(group).toHaveTitle("Error: Register a group – Moot");
  await expect(group.locator(".govuk-error-summary").getByRole("link", { name: "Select what kind of body the group is" })).toBeVisible();
  await group.getByLabel("Group name").fill(GROUP);
  await group.getByLabel("Voluntary or community body").check();
  await group.getByLabel("Contact name").fill("Gareth Lewis");
  await group.getByLabel("Contact email address").fill("group@moot.example");
  await group.getByRole("button", { name: "Register group" }).click();
  await expect(group.getByRole("heading", { name: GROUP })).toBeVisible();
  await expectNoAxeViolations(group);

  await group.getByLabel("Subcontractor").check();
  await group.getByLabel("Partner's name").fill("Estuary Minibus Co-op");
  await group.getByRole("button", { name: "Add partner" }).click();
  await expect(group.getByText("The partner has been recorded")).toBeVisible();

  // First visit: the service page and the finances page, then leave.
  await group.getByRole("button", { name: "Start an expression of interest" }).click();
  await expect(group).toHaveTitle("The service and the area – Moot");
  await expectNoAxeViolations(group);
  await group.getByLabel("Which service does the group want to run?").selectOption({ label: "Youth clubs and detached youth work" });
  await group.getByLabel("A short title for your proposal").fill(TITLE);
  await group.getByLabel("The geographical area the proposal concerns").fill("Eastmere seafront and the estuary villages");
  await group.getByRole("checkbox", { name: "Eastmere" }).check();
  await group.getByRole("button", { name: "Save and continue" }).click();
  await expect(group).toHaveTitle("Financial resources – Moot");
  await group.getByLabel("The financial resources of the group").fill(SECRET);
  await group.getByRole("group", { name: "Is this part confidential?" }).getByRole("checkbox").check();
  await group.getByRole("button", { name: "Save and continue" }).click();
  await expect(group).toHaveTitle("Error: Financial resources – Moot");
  await expect(group.getByLabel("The financial resources of the group")).toHaveValue(SECRET);
  await expectNoAxeViolations(group);
  await group.getByLabel("The financial resources of Estuary Minibus Co-op").fill("Two minibuses owned outright");
  await group.getByRole("button", { name: "Save and come back later" }).click();
  await expect(group.getByText("Your answers have been saved")).toBeVisible();
  await expect(group.getByRole("heading", { name: GROUP })).toBeVisible();
  await group.context().close();

  // Second visit: the answers are still there; finish and submit.
  const again = await as(browser, "group@moot.example");
  await again.goto("/challenges");
  await again.getByRole("link", { name: GROUP }).click();
  await again.getByRole("link", { name: TITLE }).click();
  await expect(again).toHaveTitle("Check your answers – Moot");
  await expect(again.getByText(SECRET)).toBeVisible();
  await expectNoAxeViolations(again);
  await again.getByRole("button", { name: "Submit expression of interest" }).click();
  await expect(again.locator(".govuk-error-summary")).toContainText("Capability to provide the service");
  await again.getByRole("link", { name: "Capability to provide the service", exact: true }).click();
  await again.getByLabel(/Evidence that, by the time of any procurement/).fill("Eight years running holiday schemes with trained youth workers.");
  await again.getByRole("button", { name: "Save and continue" }).click();
  await expect(again).toHaveTitle("Outcomes, well-being and service users' needs – Moot");
  await expectNoAxeViolations(again);
  await again.getByLabel("The outcomes the proposal would achieve").fill("More young people in positive activities");
  await again.getByLabel(/social, economic or environmental well-being/).fill("Safer seafront, local jobs");
  await again.getByLabel("How it would meet the needs of the service's users").fill("Friday late opening");
  await again.getByRole("checkbox", { name: "Safe and connected communities" }).check();
  await again.getByRole("button", { name: "Save and continue" }).click();
  await expect(again).toHaveTitle("Check your answers – Moot");
  await again.getByRole("button", { name: "Submit expression of interest" }).click();
  await expect(again.locator(".govuk-summary-list").first()).toContainText("Submitted");
  await expectNoAxeViolations(again);

  // The officer acknowledges, sets the decision date, considers and proposes a modification.
  const officer = await as(browser, "officer@moot.example");
  await officer.goto("/challenges/manage");
  await expectNoAxeViolations(officer);
  await officer.getByRole("link", { name: TITLE }).click();
  await expectNoAxeViolations(officer);
  await officer.getByRole("button", { name: "Acknowledge receipt" }).click();
  await officer.getByRole("button", { name: "Yes, acknowledge receipt" }).click();
  const dateParts = officer.getByRole("group", { name: "The date by which the council will decide" });
  await dateParts.getByLabel("Day").fill("31");
  await dateParts.getByLabel("Month").fill("2");
  await dateParts.getByLabel("Year").fill("2027");
  await officer.getByRole("button", { name: "Tell the group the decision date" }).click();
  await expect(officer.locator(".govuk-error-summary")).toContainText("Decision date must be a real date");
  await expect(dateParts.getByLabel("Day")).toHaveValue("31");
  await expectNoAxeViolations(officer);
  await dateParts.getByLabel("Day").fill(decisionDate.slice(8, 10));
  await dateParts.getByLabel("Month").fill(decisionDate.slice(5, 7));
  await dateParts.getByLabel("Year").fill(decisionDate.slice(0, 4));
  await officer.getByRole("button", { name: "Tell the group the decision date" }).click();
  await officer.getByRole("button", { name: "Start considering" }).click();
  await officer.getByLabel("The modification the council proposes").fill("Also open on Saturday afternoons");
  await officer.getByRole("button", { name: "Propose modification" }).click();
  await expect(officer.getByText("Modification proposed: Also open on Saturday afternoons")).toBeVisible();

  // The group agrees.
  await again.reload();
  await expect(again.getByRole("heading", { name: "The council proposes a modification" })).toBeVisible();
  await expectNoAxeViolations(again);
  await again.getByRole("button", { name: "The group agrees" }).click();
  await expect(again.locator(".govuk-summary-list").first()).toContainText("Modification agreed");

  // The officer accepts with the modification; the group gets the notice in the app.
  await officer.reload();
  await officer.getByRole("radio", { name: "Accepted with modification" }).check();
  await officer.getByLabel("Reasons for the decision").fill("A strong local proposal with the Saturday opening residents asked for.");
  await officer.getByRole("button", { name: "Issue decision notice" }).click();
  await officer.getByRole("button", { name: "Yes, issue the decision notice" }).click();
  await expect(officer.getByRole("heading", { name: "Decision notice" })).toBeVisible();
  await expect(officer.getByText(/Procurement window/)).toBeVisible();

  await again.goto("/challenges");
  await again.getByRole("link", { name: GROUP }).click();
  await expect(again.getByRole("heading", { name: `Decision: Accepted with modification: ${TITLE}` })).toBeVisible();
});

test("an officer rejects an EOI only with a statutory ground", async ({ browser }) => {
  const officer = await as(browser, "officer@moot.example");
  await officer.goto("/challenges/manage");
  await officer.getByRole("link", { name: "Detached youth work on the coast" }).click();
  await officer.getByRole("radio", { name: "Rejected" }).check();
  await officer.getByLabel("Reasons for the decision").fill("The council is negotiating with the current provider.");
  await officer.getByRole("button", { name: "Issue decision notice" }).click();
  await expect(officer.locator(".govuk-error-summary")).toContainText("Select at least one statutory ground for rejecting the expression of interest");
  await expect(officer.getByLabel("Reasons for the decision")).toHaveValue("The council is negotiating with the current provider.");
  await expectNoAxeViolations(officer);
  await officer.getByRole("checkbox", { name: "The council is already negotiating in writing with a third party to provide the service" }).check();
  await officer.getByRole("button", { name: "Issue decision notice" }).click();
  await officer.getByRole("button", { name: "Yes, issue the decision notice" }).click();
  await expect(officer.getByRole("heading", { name: "Decision notice" })).toBeVisible();
});

test("the public register shows both decisions without confidential parts, filters, and downloads as CSV", async ({ page }) => {
  await page.goto("/challenges/register");
  await expect(page).toHaveTitle("Register of expressions of interest – Moot");
  await expectNoAxeViolations(page);
  await expect(page.getByRole("link", { name: TITLE })).toBeVisible();
  await expect(page.getByRole("link", { name: "Detached youth work on the coast" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Eastmere youth clubs run by the community" })).toHaveCount(0); // a draft

  await page.getByLabel("Locality").selectOption({ label: "Riverside" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("link", { name: "Detached youth work on the coast" })).toBeVisible();
  await expect(page.getByRole("link", { name: TITLE })).toHaveCount(0);

  const csv = await page.request.get("/challenges/register.csv");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const body = await csv.text();
  expect(body).toContain(TITLE);
  expect(body).not.toContain(SECRET);

  await page.goto("/challenges/register");
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByText("Accepted with modification").first()).toBeVisible();
  await expect(page.getByText("Also open on Saturday afternoons")).toBeVisible();
  await expect(page.getByText(/Commercially confidential/).first()).toBeVisible();
  expect(await page.content()).not.toContain(SECRET);
  // dates are shown as London dates with their year (not a Date's string form)
  await expect(page.locator(".govuk-summary-list__row", { hasText: "Received" }).locator("dd").first()).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  await expectNoAxeViolations(page);

  await page.goto("/challenges/register");
  await page.getByRole("link", { name: "Detached youth work on the coast" }).click();
  await expect(page.getByText("The council is already negotiating in writing with a third party to provide the service")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("an officer adds a service to the register; errors keep what was typed", async ({ browser }) => {
  const officer = await as(browser, "officer@moot.example");
  await officer.goto("/challenges/manage");
  await officer.getByRole("link", { name: "Add a service to the register" }).click();
  await expectNoAxeViolations(officer);
  await officer.getByLabel("Service name").fill(`Public toilets ${stamp}`);
  await officer.getByLabel("Web address name").fill(`public-toilets-${stamp}`);
  await officer.getByRole("button", { name: "Add service" }).click();
  await expect(officer.locator(".govuk-error-summary")).toContainText("Enter the date the period opens, or choose any time");
  await expect(officer.getByLabel("Service name")).toHaveValue(`Public toilets ${stamp}`);
  await expectNoAxeViolations(officer);
  await officer.getByLabel("At any time").check();
  await officer.getByRole("button", { name: "Add service" }).click();
  await expect(officer.getByRole("heading", { name: `Public toilets ${stamp}` })).toBeVisible();
});

test("an admin sets the acknowledgement period, and adds a bank holiday on the council's one list", async ({ browser }) => {
  const admin = await as(browser, "admin@moot.example");
  await admin.goto("/challenges/manage");
  await admin.getByRole("link", { name: "Clock settings" }).click();
  await expectNoAxeViolations(admin);
  await admin.getByLabel("Working days to acknowledge an expression of interest").fill("12");
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByText("The settings have been saved")).toBeVisible();
  await expectNoAxeViolations(admin);
  await admin.getByRole("link", { name: "Add or remove bank holidays" }).click();
  await expect(admin).toHaveURL(/\/admin\/bank-holidays$/);
  await fillDate(admin, "Date", "2029-03-30");
  await admin.getByLabel("Name").fill("Good Friday");
  await admin.getByRole("button", { name: "Add bank holiday" }).click();
  await expect(admin.getByText("The bank holiday has been added")).toBeVisible();
  await expect(admin.getByRole("cell", { name: "30 March 2029", exact: true })).toBeVisible();
  await expectNoAxeViolations(admin);
});

test("an officer records the evidence considered; the register shows public evidence only, and the outcome page links back", async ({ browser, page }) => {
  const EOI = "Mobile library service by the staff mutual";
  const PUBLIC = "Listening events with older residents in Hollin Valley";
  const INTERNAL = "Medium-term financial plan: community services budget";
  const officer = await as(browser, "officer@moot.example");
  await officer.goto("/challenges/manage");
  await officer.getByRole("link", { name: EOI }).click();
  await expect(officer.getByRole("heading", { name: EOI })).toBeVisible();
  await expect(officer.getByText("No evidence recorded as considered yet.")).toBeVisible();
  await officer.getByText("Record the evidence considered").click();
  await expectNoAxeViolations(officer);
  await officer.getByRole("checkbox", { name: PUBLIC }).check();
  await officer.getByRole("checkbox", { name: INTERNAL }).check();
  await officer.getByRole("checkbox", { name: "Your life", exact: true }).check();
  await officer.getByRole("button", { name: "Save evidence considered" }).click();
  const considered = officer.locator("section", { has: officer.getByRole("heading", { name: "Evidence considered" }) });
  await expect(considered.getByRole("link", { name: PUBLIC })).toBeVisible();
  await expect(considered.getByRole("link", { name: INTERNAL })).toBeVisible();
  await expect(officer.getByRole("cell", { name: "Evidence considered: 2 evidence items added, 1 outcome linked" })).toBeVisible();
  await expectNoAxeViolations(officer);

  // A resident cannot record evidence, even by posting the form directly.
  const eoiPath = new URL(officer.url()).pathname;
  const resident = await as(browser, "resident@moot.example");
  const refused = await resident.request.post(eoiPath, { form: { intent: "evidence", evidenceItemIds: "1" }, headers: { Origin: new URL(officer.url()).origin }, maxRedirects: 0 });
  expect(refused.status()).toBe(403);

  await page.goto("/challenges/register");
  await page.getByRole("link", { name: EOI }).click();
  await expect(page.getByRole("link", { name: PUBLIC })).toBeVisible();
  await expect(page.getByText(INTERNAL)).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Your life", exact: true }).click();
  const thread = page.getByRole("region", { name: "Right to Challenge" });
  await expect(thread.getByRole("link", { name: EOI })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a group's representative changes the group's details; errors keep what was typed", async ({ page }) => {
  await signIn(page, "group@moot.example");
  await page.goto("/challenges");
  await page.getByRole("link", { name: "Eastmere Community Trust" }).click();
  await page.getByRole("link", { name: "Change the group's details" }).click();
  await expect(page).toHaveTitle("Change the group's details – Moot");
  await expect(page.getByLabel("Group name")).toHaveValue("Eastmere Community Trust");
  await expectNoAxeViolations(page);
  await page.getByLabel("Contact telephone (optional)").fill("01632 960123");
  await page.getByLabel("Contact email address").fill("not an email");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page).toHaveTitle("Error: Change the group's details – Moot");
  await expect(page.getByLabel("Contact telephone (optional)")).toHaveValue("01632 960123");
  await expectNoAxeViolations(page);
  await page.getByLabel("Contact email address").fill("trust@eastmere.example");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByText("The group's details have been saved")).toBeVisible();
  await expect(page.getByText("trust@eastmere.example, 01632 960123")).toBeVisible();
});

test("an officer changes a service on the register and adds a period", async ({ page }) => {
  await signIn(page, "officer@moot.example");
  await page.goto("/challenges");
  await page.getByRole("link", { name: "Change Parks and green spaces maintenance" }).click();
  await expect(page.getByRole("heading", { name: "Change Parks and green spaces maintenance" })).toBeVisible();
  await expectNoAxeViolations(page);
  const opens = page.getByRole("group", { name: "A new period opens on" });
  const closes = page.getByRole("group", { name: "and closes on" });
  await opens.getByLabel("Day").fill("1");
  await opens.getByLabel("Month").fill("4");
  await opens.getByLabel("Year").fill("2030");
  await closes.getByLabel("Day").fill("31");
  await closes.getByLabel("Month").fill("3");
  await closes.getByLabel("Year").fill("2030");
  await page.getByRole("button", { name: "Add period" }).click();
  await expect(page.locator(".govuk-error-summary").getByRole("link", { name: "Closing date must be on or after the opening date" })).toBeVisible();
  await expect(opens.getByLabel("Year")).toHaveValue("2030");
  await closes.getByLabel("Day").fill("30");
  await closes.getByLabel("Month").fill("6");
  await page.getByRole("button", { name: "Add period" }).click();
  await expect(page.getByText("The period has been added")).toBeVisible();
  await expect(page.getByRole("cell", { name: "2030-04-01", exact: true })).toBeVisible();
  await page.getByLabel("Description").fill("Grass cutting, planting, play-area inspections and litter picking in the district's parks.");
  await page.getByRole("button", { name: "Save service" }).click();
  await expect(page.getByText("The service has been saved")).toBeVisible();
  await expect(page.getByLabel("Description")).toHaveValue(/litter picking/);
  await expectNoAxeViolations(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a group saves a page of its EOI; errors keep the answers", async ({ page }) => {
    await signIn(page, "group@moot.example");
    await page.goto("/challenges");
    await page.getByRole("link", { name: "Eastmere Community Trust" }).click();
    await page.getByRole("button", { name: "Start an expression of interest" }).click();
    await expect(page).toHaveTitle("The service and the area – Moot");
    await page.getByLabel("A short title for your proposal").fill("Kept without JavaScript");
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page).toHaveTitle("Error: The service and the area – Moot");
    await expect(page.getByLabel("A short title for your proposal")).toHaveValue("Kept without JavaScript");
    await page.getByLabel("Which service does the group want to run?").selectOption({ label: "Community libraries" });
    await page.getByLabel("The geographical area the proposal concerns").fill("Hollin Valley villages");
    await page.getByRole("checkbox", { name: "Hollin Valley" }).check();
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page).toHaveTitle("Financial resources – Moot");
    await expect(page.getByRole("heading", { name: "Coastal Youth CIC" })).toBeVisible(); // asked per consortium member
    await expect(page.getByRole("heading", { name: "Fenwold Minibus Co-operative" })).toBeVisible(); // and per subcontractor
  });
});
