/** Board meetings with the residents' feed, and decisions on the golden thread, in the browser. */
import { expect, test, type Browser, type Page } from "./support/test";
import { expectNoAxeViolations, fillDate, signIn } from "./support/helpers";

const BOARD = "/boards/northgate-locality-board";
const JSNA = "Joint strategic needs assessment: mental wellbeing";
const MTFP = "Medium-term financial plan: community services budget";

async function person(browser: Browser, email: string | null, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const page = await (await browser.newContext(options)).newPage();
  if (email) await signIn(page, email);
  return page;
}

const comment = (page: Page, text: string) => page.locator("[data-slot=residents-comment-feed] .moot-comment__body").filter({ hasText: text });

/** The upcoming Northgate meeting's public page (agenda published). */
async function openUpcomingMeeting(page: Page) {
  await page.goto(BOARD);
  // The meeting's own link (a clerk also sees a link to its console beside it).
  await page.getByRole("listitem").filter({ hasText: "Agenda published" }).getByRole("link").first().click();
  await expect(page.locator("[data-slot=residents-comment-feed]")).toBeVisible();
}

test.describe("without JavaScript", () => {
  test("a resident comments on a meeting page, and a visitor is asked to sign in", async ({ browser }) => {
    const visitor = await person(browser, null, { javaScriptEnabled: false });
    await openUpcomingMeeting(visitor);
    await expect(visitor.getByRole("link", { name: "Sign in to comment and vote" })).toBeVisible();

    const rosa = await person(browser, "resident@moot.example", { javaScriptEnabled: false });
    await openUpcomingMeeting(rosa);
    const feed = rosa.locator("[data-slot=residents-comment-feed]");
    await feed.getByRole("button", { name: "Post comment" }).click(); // empty: a clear error, kept beside the field
    await expect(rosa.getByRole("alert").first()).toBeVisible();
    const text = `Please ask about the bus timetable (${Date.now()})`;
    await feed.getByLabel("Add a comment").fill(text);
    await feed.getByRole("button", { name: "Post comment" }).click();
    await expect(rosa.getByText("Your comment has been posted")).toBeVisible();
    await expect(comment(rosa, text)).toBeVisible();

    await visitor.reload();
    await expect(comment(visitor, text)).toBeVisible();
  });
});

test("with JavaScript a comment arrives live on another viewer's meeting page", async ({ browser }) => {
  const viewer = await person(browser, null);
  await openUpcomingMeeting(viewer);
  await expect(viewer.locator("[data-slot=residents-comment-feed]").getByText("Live")).toBeVisible();
  const rosa = await person(browser, "resident@moot.example");
  await rosa.goto(viewer.url());
  const first = `First thought (${Date.now()})`;
  await rosa.getByLabel("Add a comment").fill(first);
  await rosa.getByRole("button", { name: "Post comment" }).click();
  await expect(comment(viewer, first)).toBeVisible();
  await rosa.reload(); // the page now shows her own comment, with its reply, edit and delete forms
  // She types the moment the page has loaded, before the live feed connects: hydration must not
  // wipe what she typed (a server/client mismatch made React re-render the page and lose it).
  const text = `Live from the meeting page (${Date.now()})`;
  await rosa.getByLabel("Add a comment").fill(text);
  await expect(rosa.locator("[data-slot=residents-comment-feed]").getByText("Live")).toBeVisible();
  await expect(rosa.getByLabel("Add a comment")).toHaveValue(text);
  await rosa.getByRole("button", { name: "Post comment" }).click();
  await expect(comment(viewer, text)).toBeVisible();
  await expect(comment(rosa, text)).toBeVisible();
  await expectNoAxeViolations(viewer);
});

test("a decision's cited evidence appears on the decision page and the decision on its outcome's page; internal evidence stays hidden", async ({ page }) => {
  await page.goto("/decisions");
  await page.getByRole("link", { name: /A six-month peer support pilot/ }).click();
  await expect(page).toHaveURL(/\/decisions\/\d+$/);
  const decisionUrl = page.url();
  const evidence = page.getByTestId("decision-evidence");
  await expect(evidence.getByRole("link", { name: JSNA }).first()).toBeVisible();
  await expect(page.getByText(MTFP)).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Good mental wellbeing" }).click();
  await expect(page).toHaveURL(/\/outcomes\/\d+/);
  const link = page.getByRole("link", { name: /A six-month peer support pilot/ });
  await expect(link).toBeVisible();
  await expectNoAxeViolations(page);
  await link.click();
  await expect(page).toHaveURL(decisionUrl);

  // The meeting page shows the report's evidence beside the item.
  await page.getByRole("link", { name: /Ordinary meeting/ }).click();
  await expect(page.getByTestId("cited-evidence").first()).toContainText(JSNA);
});

test("the clerk chooses the evidence a decision cites, and the public sees it", async ({ browser }) => {
  const clerk = await person(browser, "officer@moot.example");
  await clerk.goto("/decisions");
  await clerk.getByRole("link", { name: /£12,000 is awarded/ }).click();
  await clerk.getByRole("link", { name: "Change the evidence and outcomes this decision cites" }).click();
  await expect(clerk.getByRole("heading", { level: 1, name: "Evidence and outcomes for this decision" })).toBeVisible();
  await expectNoAxeViolations(clerk);
  await clerk.getByRole("checkbox", { name: "Northgate community safety survey" }).check();
  await clerk.getByRole("button", { name: "Save the evidence and outcomes" }).click();
  await expect(clerk).toHaveURL(/\/decisions\/\d+$/);

  const visitor = await person(browser, null);
  await visitor.goto(clerk.url());
  await expect(visitor.getByTestId("decision-evidence").getByRole("link", { name: "Northgate community safety survey" })).toBeVisible();
  await expect(visitor.getByRole("link", { name: "Change the evidence and outcomes this decision cites" })).toHaveCount(0);
  await visitor.goto(`${clerk.url()}/evidence`);
  await expect(visitor).toHaveURL(/sign-in/);
});

test("the clerk sets up a board, changes its quorum and ends a membership; the pages pass axe", async ({ browser }) => {
  const clerk = await person(browser, "officer@moot.example");
  await clerk.goto("/boards");
  await clerk.getByRole("link", { name: "Set up a board" }).click();
  await expectNoAxeViolations(clerk);
  const name = `Harbour Board ${Date.now()}`;
  await clerk.getByLabel("Name").fill(name);
  await clerk.getByLabel("Quorum: number of voting members").fill("1");
  await clerk.getByRole("button", { name: "Set up the board" }).click();
  await expect(clerk.getByRole("link", { name: "The smallest quorum cannot be more than the quorum" })).toBeVisible();
  await expect(clerk.getByLabel("Name")).toHaveValue(name); // what they typed is kept
  await clerk.getByLabel("Quorum: number of voting members").fill("3");
  await clerk.getByRole("button", { name: "Set up the board" }).click();
  await expect(clerk.getByRole("heading", { level: 1, name: "Board members and interests" })).toBeVisible();

  await clerk.goto(BOARD);
  await clerk.getByRole("link", { name: "Change the board’s details" }).click();
  await expect(clerk.getByLabel("Name")).toHaveValue("Northgate Locality Board");
  await expectNoAxeViolations(clerk);

  await clerk.goto(`${BOARD}/members`);
  await expectNoAxeViolations(clerk);
  await clerk.getByRole("link", { name: /Dr Aisha Bello/ }).click();
  await expectNoAxeViolations(clerk);
  await fillDate(clerk, "Last day of the membership", "2020-01-01");
  await clerk.getByRole("button", { name: "End the membership" }).click();
  await expect(clerk.getByRole("link", { name: /cannot end before it started/ })).toBeVisible();
  await fillDate(clerk, "Last day of the membership", "2030-01-01");
  await clerk.getByRole("button", { name: "End the membership" }).click();
  await expect(clerk.getByRole("listitem").filter({ hasText: "Dr Aisha Bello" })).toContainText("Member, term ends 1 January 2030");
});

test("the clerk's console and the agenda item's evidence page pass axe", async ({ browser }) => {
  const clerk = await person(browser, "officer@moot.example");
  await openUpcomingMeeting(clerk);
  await clerk.goto(`${clerk.url()}/console`);
  await expectNoAxeViolations(clerk);
  const itemLink = clerk.locator("section[aria-labelledby=citations-heading] a").first();
  await itemLink.click();
  await expect(clerk.getByRole("heading", { level: 1, name: "Evidence and outcomes for this report" })).toBeVisible();
  await expectNoAxeViolations(clerk);
});
