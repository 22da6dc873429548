import { expect, test, type Page } from "./support/test";
import { expectNoAxeViolations, fillDate, signIn } from "./support/helpers";

const BOARD = "/boards/northgate-locality-board";

/** A date-time `days` from now, as the meeting form takes it. */
function daysAhead(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

test("the public board pages, interests, decisions and a past meeting's approved minutes pass axe", async ({ page }) => {
  await page.goto("/boards");
  await expect(page).toHaveTitle("Boards and meetings – Moot");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Northgate Locality Board" }).click();
  await expect(page.getByRole("heading", { name: "Northgate Locality Board", level: 1 })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Mei Chen" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Register of members’ interests" }).click();
  await expect(page.getByText("Paid coordinator, Northgate Youth Forum")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(BOARD);
  await page.getByRole("listitem").filter({ hasText: "Minutes approved" }).getByRole("link").click();
  await expect(page.getByTestId("minutes")).toContainText("RESOLVED");
  await expect(page.getByText("Approved", { exact: true })).toBeVisible();
  await expect(page.getByText("Not open to the public: exempt under paragraph 3")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto("/decisions");
  await expect(page.getByTestId("decision").first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Locality").selectOption({ label: "Riverside" });
  await page.getByRole("button", { name: "Filter decisions" }).click();
  await expect(page.getByText("0 decisions")).toBeVisible();
});

test("the upcoming meeting's public agenda says it may be recorded and offers a calendar file", async ({ page }) => {
  await page.goto(BOARD);
  await page.getByRole("listitem").filter({ hasText: "Agenda published" }).getByRole("link").click();
  await expect(page.getByText("The meeting may be filmed or recorded.", { exact: false })).toBeVisible();
  await expect(page.locator("[data-slot=residents-comment-feed]")).toContainText("not part of the meeting");
  const calendar = await page.request.get(`${page.url()}/calendar.ics`);
  expect(calendar.headers()["content-type"]).toContain("text/calendar");
  expect(await calendar.text()).toContain("BEGIN:VEVENT");
  await expectNoAxeViolations(page);
});

async function createMeeting(clerk: Page, title: string, days: number): Promise<string> {
  await clerk.goto(BOARD);
  await clerk.getByLabel("Title").fill(title);
  await fillDate(clerk, "Date and time", daysAhead(days), "18:30");
  await clerk.getByLabel("Venue").fill("Northgate Town Hall");
  await clerk.getByRole("button", { name: "Create the meeting" }).click();
  await expect(clerk).toHaveURL(/\/meetings\/\d+\/console$/);
  return clerk.url().replace(/\/console$/, "");
}

async function addItem(clerk: Page, kind: string, title: string, extra: (p: Page) => Promise<void> = async () => {}) {
  await clerk.getByRole("radio", { name: kind, exact: true }).check();
  await clerk.getByLabel("Title", { exact: true }).fill(title);
  await extra(clerk);
  await clerk.getByRole("button", { name: "Add the item" }).click();
  await expect(clerk.getByRole("heading", { name: new RegExp(title) })).toBeVisible();
}

async function present(chair: Page, ...names: string[]) {
  for (const name of names) {
    await chair.getByRole("button", { name: `Present: ${name}` }).click();
    await expect(chair.getByRole("table", { name: "Attendance" }).getByRole("row", { name: new RegExp(name) }).getByRole("cell").first()).toHaveText(/^present/);
  }
}

async function propose(chair: Page, wording: string, proposer: string, seconder: string) {
  await chair.getByLabel("Wording").fill(wording);
  await chair.getByLabel("Proposed by").selectOption({ label: proposer });
  await chair.getByLabel("Seconded by").selectOption({ label: seconder });
  await chair.getByRole("button", { name: "Record the motion" }).click();
  await expect(chair.getByText(`“${wording}”`).first()).toBeVisible();
}

async function motionAndVote(chair: Page, wording: string, proposer: string, seconder: string, votes: [string, "For" | "Against" | "Abstain"][], viewer?: Page) {
  await propose(chair, wording, proposer, seconder);
  await chair.getByRole("button", { name: /Call the vote/ }).click();
  for (const [name, choice] of votes) {
    await chair.getByRole("button", { name: `${choice}: ${name}` }).click();
    await expect(chair.getByRole("table", { name: "Record the named vote" }).getByRole("row", { name: new RegExp(name) }).getByRole("cell").first()).not.toHaveText("not yet");
    if (viewer) await expect(viewer.getByTestId("meeting-log")).toContainText(`${name} ${choice === "Abstain" ? "abstained" : `voted ${choice.toLowerCase()}`}`);
  }
  await chair.getByRole("button", { name: "Declare the result" }).click();
}

test("the clerk publishes an agenda, the chair runs the meeting while the public watch live, minutes are approved at the next meeting", async ({ browser }) => {
  test.setTimeout(120_000);
  const clerkContext = await browser.newContext();
  const chairContext = await browser.newContext();
  const publicContext = await browser.newContext();
  const clerk = await clerkContext.newPage();
  const chair = await chairContext.newPage();
  const viewer = await publicContext.newPage();
  await signIn(clerk, "officer@moot.example");
  await signIn(chair, "chair@moot.example");

  // The clerk builds and publishes the agenda.
  // Other tests (roles.spec.ts, live-production.spec.ts) add meetings to this board at the same
  // time, so this one is told apart by its title, never by its place in a list.
  const title = `Extraordinary meeting ${Date.now()}`;
  const meeting = await createMeeting(clerk, title, 20);
  await expectNoAxeViolations(clerk);
  await addItem(clerk, "Apologies for absence", "Apologies");
  await addItem(clerk, "Report for decision", "Community bus for the villages", async (p) => {
    await p.getByLabel("Recommendation: the decision sought").fill("That the board funds a community bus pilot.");
  });
  await clerk.getByRole("radio", { name: "Exempt item (in private)", exact: true }).check();
  await clerk.getByLabel("Title", { exact: true }).fill("Depot lease");
  await clerk.getByRole("button", { name: "Add the item" }).click();
  await expect(clerk.getByRole("link", { name: "Select the paragraph of Schedule 12A that applies" })).toBeVisible();
  await expect(clerk.getByLabel("Title", { exact: true })).toHaveValue("Depot lease");
  await expectNoAxeViolations(clerk);
  await clerk.getByLabel("Paragraph of Schedule 12A that applies").selectOption({ value: "3" });
  await clerk.getByLabel("Public interest test").fill("Commercial terms under negotiation");
  await clerk.getByLabel("Summary (optional)").fill("TOP-SECRET rent figures");
  await clerk.getByRole("button", { name: "Add the item" }).click();
  await expect(clerk.getByRole("heading", { name: /Depot lease/ })).toBeVisible();
  // Papers: a text file named .pdf is refused; a real PDF is stored.
  await clerk.getByLabel("For agenda item").selectOption({ label: "2. Community bus for the villages" });
  await clerk.getByLabel("Title of the paper").fill("Community bus business case");
  await clerk.getByLabel("Upload a file").setInputFiles({ name: "case.pdf", mimeType: "application/pdf", buffer: Buffer.from("not really a pdf") });
  await clerk.getByRole("button", { name: "Upload the paper" }).click();
  await expect(clerk.getByRole("link", { name: /must be a PDF/ })).toBeVisible();
  await expectNoAxeViolations(clerk);
  await clerk.getByLabel("For agenda item").selectOption({ label: "2. Community bus for the villages" });
  await clerk.getByLabel("Upload a file").setInputFiles({ name: "case.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n") });
  await clerk.getByRole("button", { name: "Upload the paper" }).click();
  await expect(clerk.getByRole("link", { name: "Community bus business case" })).toBeVisible();
  await clerk.getByRole("button", { name: "Publish the agenda" }).click();
  await expect(clerk.getByText("Agenda published", { exact: true })).toBeVisible();

  // The public see the agenda: exempt item by title and paragraph only.
  await viewer.goto(meeting);
  await expect(viewer.getByText("Not open to the public: exempt under paragraph 3")).toBeVisible();
  await expect(viewer.locator("body")).not.toContainText("TOP-SECRET");
  const paperLink = viewer.getByRole("link", { name: "Community bus business case" });
  const paper = await viewer.request.get(`${new URL(viewer.url()).origin}${await paperLink.getAttribute("href")}`);
  expect(paper.headers()["content-type"]).toBe("application/pdf");
  await expectNoAxeViolations(viewer);

  // The chair runs the meeting; the public page updates without reloading.
  await chair.goto(`${meeting}/console`);
  await chair.getByRole("button", { name: "Start the meeting" }).click();
  // It is days before the published date: the chair confirms (and the real start is recorded).
  await chair.getByRole("button", { name: "Yes, start the meeting now" }).click();
  await expect(viewer.getByTestId("meeting-log")).toContainText("The meeting has started");
  await present(chair, "Cllr Helen Okafor", "Cllr Tom Reed");
  await expect(viewer.getByTestId("meeting-log")).toContainText("Cllr Tom Reed is present");
  await expect(viewer.getByTestId("quorum")).toContainText("Not quorate");
  await chair.getByRole("button", { name: "Open item 2" }).click();
  await expect(viewer.getByTestId("current-item")).toContainText("Community bus for the villages");
  await propose(chair, "That the board funds a community bus pilot.", "Cllr Helen Okafor", "Cllr Tom Reed");
  await chair.getByRole("button", { name: /Call the vote/ }).click();
  await expect(chair.getByText(/The meeting is not quorate/).first()).toBeVisible();
  await expectNoAxeViolations(chair);
  await present(chair, "Dr Aisha Bello", "Sam Price");
  await expect(viewer.getByTestId("quorum")).toContainText("Quorate");
  await expect(viewer.getByTestId("attendance")).toContainText("Sam Price");
  await chair.getByRole("button", { name: /Call the vote/ }).click();
  for (const [name, choice] of [["Cllr Helen Okafor", "For"], ["Cllr Tom Reed", "Against"], ["Dr Aisha Bello", "For"], ["Sam Price", "Against"]] as const) {
    await chair.getByRole("button", { name: `${choice}: ${name}` }).click();
    await expect(viewer.getByTestId("meeting-log")).toContainText(`${name} voted ${choice.toLowerCase()}`);
  }
  await chair.getByRole("button", { name: "Declare the result" }).click();
  await expect(chair.getByText(/the chair must give a casting vote/).first()).toBeVisible();
  await chair.getByRole("group", { name: /casting vote/ }).getByLabel("For", { exact: true }).check();
  await chair.getByRole("button", { name: "Declare the result" }).click();
  await expect(viewer.getByTestId("meeting-log")).toContainText("Motion carried: 2 for, 2 against, 0 abstained; the chair gave a casting vote for");
  await expect(viewer.getByRole("table", { name: /Named vote/ })).toContainText("Dr Aisha Bello");
  await expectNoAxeViolations(viewer);

  await chair.getByLabel("The vote it follows").selectOption({ index: 1 });
  await chair.getByLabel("Decision", { exact: true }).fill("A community bus pilot is funded for the northern villages.");
  await chair.getByLabel("Reasons").fill("Residents without cars cannot reach the health centre.");
  await chair.getByLabel("Safe and connected communities").check();
  await chair.getByRole("button", { name: "Record the decision" }).click();
  await expect(viewer.getByTestId("meeting-log")).toContainText("A community bus pilot is funded");

  // Private session: the public get a notice and nothing else, and only after a resolution to exclude the press and public (s100A(4)) is carried.
  await chair.getByLabel("Mover of the resolution").selectOption({ label: "Cllr Helen Okafor" });
  await chair.getByLabel("Seconder of the resolution").selectOption({ label: "Dr Aisha Bello" });
  await chair.getByLabel("Number voting for").fill("4");
  await chair.getByLabel("Number voting against").fill("0");
  await chair.getByRole("button", { name: "Record the resolution" }).click();
  await expect(chair.getByText("The resolution to exclude the press and public is recorded")).toBeVisible(); // the console has reloaded its forms
  await expect(viewer.getByTestId("meeting-log")).toContainText("The meeting is in private for item 3 under paragraph 3");
  await propose(chair, "SECRET-MOTION accept the rent", "Cllr Helen Okafor", "Dr Aisha Bello");
  await expect(viewer.getByTestId("private-notice")).toBeVisible();
  await chair.getByRole("button", { name: "Close the meeting" }).click();
  await chair.getByRole("button", { name: "Yes, close the meeting" }).click();
  await expect(viewer.getByTestId("meeting-log")).toContainText("The meeting is closed");
  // Events arrive in order, so once the closing has arrived the motion would have too.
  await expect(viewer.locator("body")).not.toContainText("SECRET-MOTION");

  // The clerk drafts, edits and publishes the minutes.
  await clerk.goto(`${meeting}/console`);
  await clerk.getByRole("button", { name: "Draft the minutes from the record" }).click();
  const minutes = clerk.getByLabel("Draft minutes");
  await expect(minutes).toHaveValue(/For \(2\): Cllr Helen Okafor, Dr Aisha Bello/);
  await expectNoAxeViolations(clerk);
  await minutes.fill(`${await minutes.inputValue()}\nThe chair thanked the residents who attended.`);
  await clerk.getByRole("button", { name: "Save the minutes" }).click();
  await expect(clerk.getByLabel("Draft minutes")).toHaveValue(/thanked the residents/);
  await clerk.getByRole("button", { name: "Publish the draft minutes" }).click();
  await expect(clerk.getByText("The draft minutes are published.", { exact: false })).toBeVisible();
  await viewer.reload();
  await expect(viewer.getByTestId("minutes")).toContainText("The chair thanked the residents who attended.");
  await expect(viewer.getByText("Draft: to be approved at the next meeting")).toBeVisible();
  await expect(viewer.getByTestId("minutes")).not.toContainText("SECRET-MOTION");

  // The next meeting approves them by a vote on its minutes item.
  const next = await createMeeting(clerk, "Ordinary meeting after the extraordinary", 40);
  await addItem(clerk, "Minutes of the previous meeting", "Minutes of the previous meeting", async (p) => {
    // Earlier meetings are listed most recent first: this one (20 days ahead) before every seeded
    // one (14 days ahead and in the past).
    const previous = p.getByLabel(/Meeting whose minutes are to be approved/);
    const labels = await previous.locator("option").allTextContents();
    const ours = labels.findIndex((l) => l.startsWith(`${title},`));
    expect(ours).toBeGreaterThan(0);
    expect(ours).toBeLessThan(labels.findIndex((l) => l.startsWith("Ordinary meeting,")));
    await previous.selectOption({ label: labels[ours]! });
  });
  await clerk.getByRole("button", { name: "Publish the agenda" }).click();
  await expect(clerk.getByText("Agenda published", { exact: true })).toBeVisible();
  await chair.goto(`${next}/console`);
  await chair.getByRole("button", { name: "Start the meeting" }).click();
  await chair.getByRole("button", { name: "Yes, start the meeting now" }).click();
  await present(chair, "Cllr Helen Okafor", "Cllr Tom Reed", "Dr Aisha Bello");
  await chair.getByRole("button", { name: "Open item 1" }).click();
  await motionAndVote(chair, "That the minutes be approved as a correct record.", "Cllr Tom Reed", "Dr Aisha Bello", [["Cllr Helen Okafor", "For"], ["Cllr Tom Reed", "For"], ["Dr Aisha Bello", "For"]]);
  await expect(chair.getByText("carried", { exact: true }).first()).toBeVisible();
  await viewer.goto(meeting);
  await expect(viewer.getByText("Approved", { exact: true })).toBeVisible();

  // The decision is in the register.
  await viewer.goto("/decisions");
  await expect(viewer.getByTestId("decision").filter({ hasText: "A community bus pilot is funded" })).toContainText("carried");
  await expect(viewer.locator("body")).not.toContainText("SECRET-MOTION");
  await expectNoAxeViolations(viewer);

  await Promise.all([clerkContext.close(), chairContext.close(), publicContext.close()]);
});

test("an admin keeps the bank holidays up to date", async ({ page }) => {
  await signIn(page, "admin@moot.example");
  await page.goto("/admin/bank-holidays");
  await expect(page.getByRole("cell", { name: "Christmas Day" }).first()).toBeVisible();
  await page.getByRole("button", { name: "Add bank holiday" }).click();
  // The one GOV.UK date input: nothing entered, then a day that does not exist (input kept), then a real one.
  await expect(page.getByRole("link", { name: "Enter the date of the bank holiday" })).toBeVisible();
  await expectNoAxeViolations(page);
  await fillDate(page, "Date", "2029-02-29");
  await page.getByLabel("Name").fill("New Year’s Day");
  await page.getByRole("button", { name: "Add bank holiday" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary.getByRole("link", { name: "Date must be a real date" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Date" }).getByLabel("Day")).toHaveValue("29");
  await expect(page.getByLabel("Name")).toHaveValue("New Year’s Day");
  await summary.getByRole("link", { name: "Date must be a real date" }).click();
  await expect(page.getByRole("group", { name: "Date" }).getByLabel("Day")).toBeFocused();
  await fillDate(page, "Date", "2029-01-01");
  await page.getByRole("group", { name: "Date" }).getByLabel("Month").fill("");
  await page.getByRole("button", { name: "Add bank holiday" }).click();
  await expect(summary.getByRole("link", { name: "Date must include a month" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Date" }).getByLabel("Month")).toHaveClass(/govuk-input--error/);
  await expect(page.getByRole("group", { name: "Date" }).getByLabel("Day")).not.toHaveClass(/govuk-input--error/);
  await fillDate(page, "Date", "2029-01-01");
  await page.getByRole("button", { name: "Add bank holiday" }).click();
  await expect(page.getByText("The bank holiday has been added")).toBeVisible();
  await expect(page.getByRole("cell", { name: "1 January 2029", exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a resident asks a public question, the clerk accepts it, and it shows on the agenda with the answer", async ({ browser }) => {
  const residentContext = await browser.newContext();
  const clerkContext = await browser.newContext();
  const resident = await residentContext.newPage();
  const clerk = await clerkContext.newPage();
  await signIn(resident, "resident@moot.example");
  await resident.goto(BOARD);
  // The seeded upcoming meeting: roles.spec, commissioning.spec and live-production.spec publish
  // agendas on this board too, while this runs.
  await resident.getByRole("listitem").filter({ hasText: "Agenda published" }).getByRole("link", { name: /: Ordinary meeting$/ }).click();
  await expect(resident).toHaveURL(/\/meetings\/\d+$/);
  const meeting = resident.url();
  await resident.getByRole("button", { name: "Send your question" }).click();
  await expect(resident.getByRole("link", { name: "Enter your question" })).toBeVisible();
  await expectNoAxeViolations(resident);
  await resident.getByLabel("Your question").fill("Will the warm spaces be open on Sundays?");
  await resident.getByRole("button", { name: "Send your question" }).click();
  await expect(resident.getByText("Your question has been sent to the clerk.")).toBeVisible();

  await signIn(clerk, "officer@moot.example");
  await clerk.goto(`${meeting}/console`);
  await expect(clerk.getByRole("heading", { name: "Public questions", level: 2 })).toBeVisible();
  await clerk.getByLabel("Accept", { exact: true }).check();
  await clerk.getByLabel("Answer (if accepted)").fill("Yes: two of the four will open on Sundays.");
  await clerk.getByRole("button", { name: "Record the decision on the question" }).click();
  await expect(clerk.getByText("accepted", { exact: true })).toBeVisible();
  await expectNoAxeViolations(clerk);

  await resident.goto(meeting);
  await expect(resident.getByTestId("public-question")).toContainText("Yes: two of the four will open on Sundays.");
  await Promise.all([residentContext.close(), clerkContext.close()]);
});

test("an officer adds a board member and registers an interest", async ({ page }) => {
  await signIn(page, "officer@moot.example");
  await page.goto(BOARD);
  await page.getByRole("link", { name: "Add members and register interests" }).click();
  await page.getByRole("button", { name: "Add the member" }).click();
  await expect(page.getByRole("link", { name: "Enter the member’s name" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Name", { exact: true }).fill("Vera Stone");
  await page.getByRole("group", { name: "Role" }).getByLabel("Co-opted member (non-voting)").check();
  await page.getByRole("group", { name: "Represents" }).getByLabel("Provider").check();
  await fillDate(page, "Term starts", "2026-01-01");
  await page.getByRole("button", { name: "Add the member" }).click();
  await expect(page.getByText("The member has been added")).toBeVisible();
  await page.getByRole("combobox", { name: "Member" }).selectOption({ label: "Vera Stone" });
  await page.getByLabel("Other registrable interest").check();
  await page.getByLabel("The interest").fill("Trustee of a care charity");
  await page.getByRole("button", { name: "Register the interest" }).click();
  await expect(page.getByText("The interest has been registered")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto(`${BOARD}/interests`);
  await expect(page.getByText("Trustee of a care charity")).toBeVisible();
});
