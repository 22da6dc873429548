/**
 * Each role's daily path, by visible links only (issue 15): the officer from the home page to an
 * EOI that is due and its acknowledgement; the clerk from the board to a meeting's console,
 * through private session by resolution, closing with confirmation, to structured minutes; the
 * board member's own page. Every page on the way passes axe.
 */
import { expect, test, type Browser, type Page } from "./support/test";
import { expectNoAxeViolations, fillDate, signIn } from "./support/helpers";

async function as(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

function daysAhead(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

test("officer: home, Your work, an EOI due, acknowledge receipt with confirmation", async ({ browser }) => {
  const officer = await as(browser, "officer@moot.example");
  await officer.goto("/");
  await officer.getByRole("link", { name: "Go to your work" }).click();
  await expect(officer.getByRole("heading", { name: "Your work", level: 1 })).toBeVisible();
  const eoi = officer.getByRole("row", { name: /Branch libraries run by a staff mutual/ });
  await expect(eoi).toContainText("Acknowledge receipt");
  await expect(eoi).toContainText(/\d{1,2} [A-Z][a-z]+ \d{4}/); // the statutory date, as people write it
  await expect(officer.getByRole("heading", { name: "Agendas to publish" })).toBeVisible();
  await expect(officer.getByRole("heading", { name: "Reported comments" })).toHaveCount(0); // not a moderator
  await expectNoAxeViolations(officer);
  // The service navigation leads here too.
  await expect(officer.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Your work" })).toBeVisible();

  await eoi.getByRole("link", { name: "Branch libraries run by a staff mutual" }).click();
  await officer.getByRole("button", { name: "Acknowledge receipt" }).click();
  await expect(officer.getByRole("heading", { name: "Are you sure you want to acknowledge receipt?" })).toBeVisible();
  await expectNoAxeViolations(officer);
  await officer.getByRole("button", { name: "Yes, acknowledge receipt" }).click();
  await expect(officer.getByTestId("done-heading")).toHaveText("Receipt acknowledged");
  await expect(officer.getByText(/Next: tell the group the date by which the council will decide, by \d{1,2} [A-Z][a-z]+ \d{4}/)).toBeVisible();
  await expectNoAxeViolations(officer);
});

test("clerk: board, meeting, console, exclude the public by resolution, close with confirmation, publish structured minutes", async ({ browser }) => {
  test.setTimeout(90_000); // a long journey with several axe scans: ~30 s alone on two shared cores
  const clerk = await as(browser, "officer@moot.example");
  const title = `Extraordinary meeting ${Date.now()}`;
  await clerk.goto("/");
  await clerk.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Boards and meetings" }).click();
  await clerk.getByRole("link", { name: "Northgate Locality Board" }).click();
  await clerk.getByLabel("Title").fill(title);
  await fillDate(clerk, "Date and time", daysAhead(30), "18:30");
  await clerk.getByLabel("Venue").fill("Northgate Town Hall");
  await clerk.getByRole("button", { name: "Create the meeting" }).click();
  for (const [kind, itemTitle] of [["Report for decision", "Library opening hours"], ["Exempt item (in private)", "Sale of the depot"]] as const) {
    await clerk.getByRole("radio", { name: kind, exact: true }).check();
    await clerk.getByLabel("Title", { exact: true }).fill(itemTitle);
    if (kind === "Report for decision") await clerk.getByLabel("Recommendation: the decision sought").fill("Open on Saturdays");
    else {
      await clerk.getByLabel("Paragraph of Schedule 12A that applies").selectOption({ value: "3" });
      await clerk.getByLabel("Public interest test").fill("Bids from named companies");
    }
    await clerk.getByRole("button", { name: "Add the item" }).click();
    await expect(clerk.getByRole("heading", { name: new RegExp(itemTitle) })).toBeVisible();
  }
  await clerk.getByRole("button", { name: "Publish the agenda" }).click();
  await expect(clerk.getByTestId("done-heading")).toHaveText("The agenda is published");

  // From the board page to the meeting, and from the meeting page to its console.
  await clerk.getByRole("link", { name: "Public page" }).click();
  await clerk.getByRole("link", { name: "Northgate Locality Board" }).click();
  await clerk.getByRole("link", { name: new RegExp(`: ${title}$`) }).click();
  await clerk.getByRole("link", { name: /Open the meeting console/ }).click();

  // Starting days early is confirmed, and the real start is recorded.
  await clerk.getByRole("button", { name: "Start the meeting" }).click();
  await expect(clerk.getByRole("heading", { name: "This meeting is not due to start today" })).toBeVisible();
  await expectNoAxeViolations(clerk);
  await clerk.getByRole("button", { name: "Yes, start the meeting now" }).click();
  await expect(clerk.getByTestId("done-heading")).toHaveText("The meeting has started");
  for (const name of ["Cllr Helen Okafor", "Cllr Tom Reed", "Dr Aisha Bello"]) {
    await clerk.getByRole("button", { name: `Present: ${name}` }).click();
    await expect(clerk.getByRole("table", { name: "Attendance" }).getByRole("row", { name: new RegExp(name) }).getByRole("cell").first()).toHaveText(/^present/);
  }
  await clerk.getByRole("button", { name: "Arrived late: Sam Price" }).click();
  await expect(clerk.getByTestId("console-quorum")).toContainText("4 voting members present");

  // The exempt item cannot be opened until the press and public are excluded by resolution.
  await expect(clerk.getByRole("button", { name: "Open item 2" })).toHaveCount(0);
  await expect(clerk.getByText(/paragraph 3 of Part 1 of Schedule 12A/)).toBeVisible();
  await clerk.getByLabel("Mover of the resolution").selectOption({ label: "Cllr Helen Okafor" });
  await clerk.getByLabel("Seconder of the resolution").selectOption({ label: "Cllr Tom Reed" });
  await clerk.getByLabel("Number voting for").fill("4");
  await clerk.getByLabel("Number voting against").fill("0");
  await clerk.getByRole("button", { name: "Record the resolution" }).click();
  await expect(clerk.getByText("In private session", { exact: true })).toBeVisible();
  await expectNoAxeViolations(clerk);
  await clerk.getByRole("button", { name: "Return to public session" }).click();
  await expect(clerk.getByTestId("done-heading")).toHaveText("The meeting is back in public session");

  // Closing asks first, then says what comes next.
  await clerk.getByRole("button", { name: "Close the meeting" }).click();
  await expect(clerk.getByRole("heading", { name: "Are you sure you want to close the meeting?" })).toBeVisible();
  await expectNoAxeViolations(clerk);
  await clerk.getByRole("button", { name: "Yes, close the meeting" }).click();
  await expect(clerk.getByTestId("done-heading")).toHaveText("The meeting is closed");
  await expect(clerk.getByText("Next, draft the minutes from the record")).toBeVisible();

  await clerk.getByRole("button", { name: "Draft the minutes from the record" }).click();
  await expect(clerk.getByLabel("Draft minutes")).toHaveValue(/RESOLVED: That under section 100A\(4\) of the Local Government Act 1972 the press and public be excluded/);
  await expect(clerk.getByLabel("Confidential minutes of the exempt items (members only)")).toHaveValue(/Sale of the depot/);
  await clerk.getByRole("button", { name: "Publish the draft minutes" }).click();
  await expect(clerk.getByTestId("done-heading")).toHaveText("The draft minutes are published");

  // The public page shows the minutes with their structure, and when the meeting really started.
  await clerk.getByRole("link", { name: "Public page" }).click();
  const minutes = clerk.getByTestId("minutes");
  await expect(minutes.getByRole("heading", { name: "1. Library opening hours" })).toBeVisible();
  await expect(minutes.getByRole("heading", { name: "2. Sale of the depot" })).toBeVisible();
  await expect(minutes.getByRole("listitem").filter({ hasText: /Sam Price arrived at/ })).toBeVisible();
  expect(await minutes.locator("p").count()).toBeGreaterThan(5);
  await expect(clerk.getByTestId("started-at")).toBeVisible();
  await expect(clerk.getByTestId("confidential-minutes")).toBeVisible(); // the clerk may see them
  await expectNoAxeViolations(clerk);

  // A closed meeting is no longer "upcoming" on the board page.
  await clerk.getByRole("link", { name: "Northgate Locality Board" }).click();
  const upcoming = clerk.getByRole("heading", { name: "Upcoming meetings" }).locator("xpath=following-sibling::*[1]");
  await expect(upcoming).not.toContainText(title);

  // A visitor sees the minutes but never the confidential ones.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(clerk.url());
  await visitor.getByRole("link", { name: new RegExp(`: ${title}$`) }).click();
  await expect(visitor.getByTestId("minutes")).toBeVisible();
  await expect(visitor.getByTestId("confidential-minutes")).toHaveCount(0);
});

test("member: their boards, meetings to come, papers and their own register of interests", async ({ browser }) => {
  const member = await as(browser, "member@moot.example");
  await member.goto("/");
  await member.getByRole("link", { name: "Go to your boards" }).click();
  await expect(member.getByRole("heading", { name: "Your boards", level: 1 })).toBeVisible();
  await expect(member.getByRole("link", { name: "Northgate Locality Board", exact: true })).toBeVisible();
  await expect(member.getByRole("heading", { name: "Meetings to come" })).toBeVisible();
  await expect(member.getByRole("heading", { name: "Northgate Locality Board: Ordinary meeting", exact: true })).toBeVisible();
  await expect(member.getByText("Paid coordinator, Northgate Youth Forum")).toBeVisible();
  await expectNoAxeViolations(member);

  await member.getByText("Register a new interest").click();
  await member.getByRole("radio", { name: "Other registrable interest" }).check();
  await member.getByLabel("The interest").fill("Trustee, Northgate Allotments Society");
  await member.getByRole("button", { name: "Register the interest" }).click();
  await expect(member.getByTestId("done-heading")).toHaveText("Your interest is registered");
  await expect(member.getByText("Trustee, Northgate Allotments Society")).toBeVisible();
  await expectNoAxeViolations(member);
});
