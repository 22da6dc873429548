import { expect, test, type Page } from "./support/test";
import { OPEN_TITLE } from "../../db/seed/consultations";
import { expectNoAxeViolations, signIn, uniqueEmail } from "./support/helpers";

// A journey in order; several axe runs per test, so allow more than the default 30 s on a busy machine.
test.describe.configure({ mode: "serial", timeout: 120_000 });

const LONG_DATE = /^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$/;

const day = (offset: number) => {
  const d = new Date(Date.now() + offset * 24 * 60 * 60 * 1000);
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) };
};

async function fillDate(page: Page, legend: string, d: { day: string; month: string; year: string }, time?: string) {
  const group = page.getByRole("group", { name: legend });
  await group.getByLabel("Day").fill(d.day);
  await group.getByLabel("Month").fill(d.month);
  await group.getByLabel("Year").fill(d.year);
  if (time) await group.getByLabel("Time").fill(time);
}

async function openConsultationId(page: Page): Promise<string> {
  await page.goto("/consultations?status=open");
  const href = await page.getByRole("link", { name: OPEN_TITLE }).getAttribute("href");
  return href!.split("/").pop()!;
}

/** The resident's daily path by visible links only (issue 15), while the seeded consultation is open. */
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

test("an officer creates a consultation, adds questions, schedules it and opens it", async ({ page }) => {
  await signIn(page, "officer@moot.example");
  await page.goto("/consultations");
  await page.getByRole("link", { name: "Manage consultations" }).click();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Create a consultation" }).click();
  await expectNoAxeViolations(page);

  // Close before open is refused, with everything typed kept.
  await page.getByLabel("Title").fill("Eastmere seafront shelters");
  await page.getByLabel("Summary").fill("Should we replace the seafront shelters?");
  await page.getByLabel("Eastmere").check();
  await fillDate(page, "Opens", day(1), "09:00");
  await fillDate(page, "Closes", day(0), "09:00");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveTitle(/^Error: Create a consultation/);
  await expect(page.locator(".govuk-error-summary").getByRole("link", { name: "Closing date must be after the opening date" })).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue("Eastmere seafront shelters");
  await expectNoAxeViolations(page);

  await fillDate(page, "Closes", day(20), "17:00");
  await page.getByLabel("Background").fill("The shelters are 60 years old.");
  await page.getByLabel("What is proposed").fill("Replace four shelters with two larger ones.");
  await page.getByLabel("Options considered").fill("Repair (rejected: cost); replace.");
  await page.getByLabel("Statement that no decision has yet been taken").fill("No decision has been taken.");
  await page.getByLabel("Who is being consulted").fill("Eastmere residents and visitors.");
  await page.getByLabel("How responses will be used").fill("Reported to the Eastmere board.");
  await page.getByLabel("Privacy notice").fill("We keep responses for two years.");
  await page.getByLabel("Contact", { exact: true }).fill("seafront@fenwold.example");
  await page.getByRole("button", { name: "Save draft" }).click();

  await expect(page.getByRole("heading", { name: "Eastmere seafront shelters" })).toBeVisible();
  await expect(page.getByText(/shorter than the usual 6 weeks/)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Add at least one question before scheduling");

  await page.getByRole("link", { name: /^Questions/ }).click();
  await page.getByLabel("Section title").fill("The shelters");
  await page.getByRole("button", { name: "Add section" }).click();
  await page.getByLabel("Question", { exact: true }).fill("Which do you prefer?");
  await page.getByLabel("People must answer this question").check();
  await page.getByLabel("Options (for choice and ranking questions)").fill("Repair\nReplace");
  await page.getByRole("button", { name: "Add question" }).click();
  await expect(page.getByText("Which do you prefer?", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Back to the consultation" }).click();

  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByText("The consultation is now scheduled")).toBeVisible();
  await page.getByRole("button", { name: "Open now" }).click();
  await expect(page.getByText("The consultation is now open")).toBeVisible();
  await expect(page.getByRole("cell", { name: /Scheduled → Open/ })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Omar Haddad" }).first()).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "View the public page" }).click();
  await expect(page.getByRole("button", { name: "Respond to this consultation" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the hub filters by locality and status and searches, and open consultations show on the home page", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: OPEN_TITLE })).toBeVisible();
  await page.goto("/consultations?q=market+saturday");
  await expect(page.getByRole("link", { name: "Northgate market day: moving to Saturdays" })).toBeVisible();
  await expect(page.getByRole("link", { name: OPEN_TITLE })).toHaveCount(0);
  await page.goto("/consultations");
  await page.getByLabel("Locality").selectOption({ label: "Hollin Valley" });
  await page.getByLabel("Status").selectOption({ label: "Upcoming" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("link", { name: "Hollin Valley bus routes review" })).toBeVisible();
  await expect(page.getByRole("link", { name: OPEN_TITLE })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("a resident responds across two visits with JavaScript off, checks and submits", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill("resident@moot.example");
  await page.getByLabel("Password").fill("moot-demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const id = await openConsultationId(page);
  await page.goto(`/consultations/${id}`);
  await page.getByRole("button", { name: "Respond to this consultation" }).click();
  await page.getByRole("button", { name: "Start your response" }).click();

  // Missing required answers: error summary, nothing lost.
  await page.getByLabel("Weekends").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Select an answer to “Which play area design do you prefer?”");
  await expect(page.getByLabel("Weekends")).toBeChecked();

  await page.getByLabel("Design A: natural play with logs and sand").check();
  await page.getByRole("button", { name: "Save and come back later" }).click();

  // Second visit.
  await page.goto("/");
  await page.goto(`/consultations/${id}/respond`);
  await page.getByRole("link", { name: "Continue your response" }).click();
  await expect(page.getByLabel("Design A: natural play with logs and sand")).toBeChecked();
  await expect(page.getByLabel("Weekends")).toBeChecked();
  await page.getByLabel("Agree", { exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();

  await page.getByLabel("Lighting").selectOption("1");
  await page.getByLabel("Play area").selectOption("2");
  await page.getByLabel("Toilets").selectOption("3");
  await page.getByLabel("Seating").selectOption("4");
  await page.getByLabel(/How many times a month/).fill("8");
  await page.getByLabel(/Is there anything else/).fill("Please light the path by the bridge, it is very dark in winter.");
  await page.getByRole("button", { name: "Continue" }).click();

  await page.getByLabel("Yes, publish it without my name").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("25 to 34").check();
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByRole("heading", { name: "Check your answers before sending your response" })).toBeVisible();
  await expect(page.getByText("1. Lighting; 2. Play area; 3. Toilets; 4. Seating")).toBeVisible();
  await page.getByRole("button", { name: "Send response" }).click();
  await expect(page.getByRole("heading", { name: "Response sent" })).toBeVisible();
  await expect(page.locator(".govuk-panel__body strong")).toHaveText(new RegExp(`^C${id}-[A-Z2-9]{4}-[A-Z2-9]{4}$`));
  await context.close();
});

test("a second resident responds with JavaScript on; every respond page passes axe", async ({ page }) => {
  await signIn(page, "member@moot.example");
  const id = await openConsultationId(page);
  await page.goto(`/consultations/${id}`);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Respond to this consultation" }).click();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Start your response" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator(".govuk-error-summary")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Design B: climbing frame and slides").check();
  await page.getByLabel("Strongly agree").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expectNoAxeViolations(page);
  await page.getByLabel(/Is there anything else/).fill("More seating near the play area for parents, please.");
  await expect(page.locator(".govuk-character-count__status")).toHaveText("You have 948 characters remaining");
  await page.getByRole("button", { name: "Continue" }).click();
  await expectNoAxeViolations(page);
  await page.getByLabel("Yes, publish it with my name").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Skip these questions" }).click();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Send response" }).click();
  await expect(page.getByRole("heading", { name: "Response sent" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the officer closes it, tags themes, publishes results; a visitor reads them and cannot download responses", async ({ page, browser }) => {
  await signIn(page, "officer@moot.example");
  const id = await openConsultationId(page);
  await page.goto(`/officer/consultations/${id}`);
  await page.getByRole("button", { name: "Close now" }).click();
  await expect(page.getByText("The consultation is now closed")).toBeVisible();

  await page.getByRole("link", { name: "Analysis of responses" }).click();
  await expect(page.getByRole("img", { name: /Which play area design do you prefer\?/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /Figures for “Which play area design do you prefer\?”/ })).toBeVisible();
  await expectNoAxeViolations(page);
  const csv = await page.request.get(`/officer/consultations/${id}/export/csv`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const csvText = await csv.text();
  expect(csvText).toContain("Please light the path by the bridge");
  expect(csvText).not.toContain("Rosa Martin");
  const xlsx = await page.request.get(`/officer/consultations/${id}/export/xlsx`);
  expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");

  await page.goto(`/officer/consultations/${id}/themes`);
  await page.getByLabel("New theme").fill("Lighting and safety");
  await page.getByRole("button", { name: "Add theme" }).click();
  await page.getByRole("searchbox", { name: "Search answers" }).fill("bridge");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("button", { name: /^Tag: Lighting and safety/ }).first().click();
  await expect(page.getByText("Lighting and safety (1)")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(`/officer/consultations/${id}`);
  await page.getByRole("link", { name: "Publish the results" }).click();
  await page.getByRole("button", { name: "Publish results" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Summarise what people said");
  await expectNoAxeViolations(page);
  await page.getByLabel("You said: a summary of what people told us").fill("Most people want better lighting first.");
  await page.getByLabel("We did: what was decided, or what will be decided and when").fill("Lighting will be installed this winter; the play area follows in spring.");
  await page.getByLabel("Who decided, or who will decide").fill("Riverside locality board");
  await page.getByRole("button", { name: "Publish results" }).click();
  await page.getByRole("button", { name: "Yes, publish the results" }).click();
  await expect(page.getByRole("heading", { name: "We did" })).toBeVisible();

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/consultations/${id}`);
  await visitor.getByRole("link", { name: /Read what we asked/ }).click();
  await expect(visitor).toHaveTitle(`Results: ${OPEN_TITLE} – Moot`);
  await expect(visitor.getByRole("heading", { name: "We asked" })).toBeVisible();
  await expect(visitor.getByRole("heading", { name: "You said" })).toBeVisible();
  await expect(visitor.getByRole("rowheader", { name: "Lighting and safety" })).toBeVisible();
  await expect(visitor.getByText("Please light the path by the bridge")).toBeVisible();
  await expect(visitor.getByRole("heading", { name: "Mei Chen" })).toBeVisible(); // named consent
  await expect(visitor.getByText("Rosa Martin")).toHaveCount(0); // anonymous consent
  await expect(visitor.getByRole("link", { name: /CSV|XLSX|Excel/ })).toHaveCount(0);
  await expectNoAxeViolations(visitor);
  const download = await visitor.request.get(`/officer/consultations/${id}/export/csv`, { maxRedirects: 0 });
  expect(download.status()).toBe(302);
  expect(download.headers().location).toMatch(/^\/sign-in/);
  await visitorContext.close();
});

test("the other consultation pages pass axe: officer list and edit, analysis with equality for an analyst, seeded results", async ({ page, browser }) => {
  await page.goto("/consultations?status=closed");
  await page.getByRole("link", { name: "Northgate market day: moving to Saturdays" }).click();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: /Read what we asked/ }).click();
  await expect(page.getByRole("heading", { name: "Alan Brook" })).toBeVisible();
  await expect(page.getByText("Dina Ellis")).toHaveCount(0); // did not consent
  await expect(page.getByText("My shift pattern means Saturday suits me.")).toHaveCount(0);
  await expectNoAxeViolations(page);
  const closedId = page.url().split("/").at(-2)!;

  const analystContext = await browser.newContext();
  const analyst = await analystContext.newPage();
  await signIn(analyst, "analyst@moot.example");
  await analyst.goto(`/officer/consultations/${closedId}/analysis`);
  // 5 aged 35 to 44 and 2 aged 65 to 74 of 7: both hidden, or 7 − 5 would give the 2 away.
  const age = analyst.getByRole("table", { name: "What is your age?" });
  await expect(age.getByRole("row", { name: /35 to 44/ })).toContainText("Hidden");
  await expect(age.getByRole("row", { name: /65 to 74/ })).toContainText("Hidden");
  await expectNoAxeViolations(analyst);
  await analystContext.close();

  await signIn(page, "officer@moot.example");
  await page.goto(`/officer/consultations/${closedId}/analysis`);
  await expect(page.getByRole("heading", { name: "Equality monitoring" })).toHaveCount(0);
  await page.goto("/officer/consultations");
  await page.getByRole("link", { name: "Hollin Valley bus routes review" }).click();
  await page.getByRole("link", { name: "Edit details" }).click();
  await expect(page.getByLabel("Title")).toHaveValue("Hollin Valley bus routes review");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("heading", { name: "Hollin Valley bus routes review" })).toBeVisible();

  // Supporting documents: a wrong type is refused, a PDF is stored and downloadable from the public page.
  await page.getByRole("link", { name: "Supporting documents" }).click();
  await page.getByLabel("Document title").fill("Route map");
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "map.pdf", mimeType: "application/pdf", buffer: Buffer.from("not really a pdf") });
  await page.getByRole("button", { name: "Upload document" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("The file must be a PDF, Word, Excel, PowerPoint or OpenDocument file");
  await expectNoAxeViolations(page);
  await page.getByLabel("Document title").fill("Route map");
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "map.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n") });
  await page.getByRole("button", { name: "Upload document" }).click();
  await expect(page.getByRole("link", { name: "Route map" })).toBeVisible();
  const href = await page.getByRole("link", { name: "Route map" }).getAttribute("href");
  const pdf = await page.request.get(href!);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await page.goto(`/officer/consultations/${closedId}/questions`);
  await expect(page.getByText(/Questions can no longer be changed because people have started responding/)).toBeVisible();
  await expectNoAxeViolations(page);
});

test("an officer changes and reorders a question before anyone has responded", async ({ page }) => {
  await signIn(page, "officer@moot.example");
  await page.goto("/officer/consultations");
  await page.getByRole("link", { name: "Hollin Valley bus routes review" }).click();
  await page.getByRole("link", { name: "Questions for this consultation" }).click();
  await page.getByRole("link", { name: "Change question “Where do you travel to by bus?”" }).click();
  await expect(page).toHaveTitle("Change a question – Moot");
  await expect(page.getByLabel("Question", { exact: true })).toHaveValue("Where do you travel to by bus?");
  await expectNoAxeViolations(page);

  await page.getByLabel("Question", { exact: true }).fill("");
  await page.getByLabel("Help text (optional)").fill("For example, work, school or the shops.");
  await page.getByRole("button", { name: "Save the question" }).click();
  await expect(page).toHaveTitle("Error: Change a question – Moot");
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter the question");
  await expect(page.getByLabel("Help text (optional)")).toHaveValue("For example, work, school or the shops.");
  await expectNoAxeViolations(page);
  await page.getByLabel("Question", { exact: true }).fill("Where do you usually travel to by bus?");
  await page.getByRole("button", { name: "Save the question" }).click();
  await expect(page).toHaveTitle("Questions – Moot");

  // a second question, then move it above the first
  await page.getByRole("radio", { name: "Single choice (radios)" }).check();
  await page.getByLabel("Question", { exact: true }).fill("How often do you take the bus?");
  await page.getByLabel("Options (for choice and ranking questions)").fill("Every day\nEvery week\nLess often");
  await page.getByRole("button", { name: "Add question" }).click();
  await page.getByRole("button", { name: "Move up question “How often do you take the bus?”" }).click();
  const questions = page.locator("main ol > li");
  await expect(questions.first()).toContainText("How often do you take the bus?");
  await expect(questions.nth(1)).toContainText("Where do you usually travel to by bus?");
  await expectNoAxeViolations(page);
});
