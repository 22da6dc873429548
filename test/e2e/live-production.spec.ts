/**
 * Against the production build (build/server.js + the Remix build, one module graph):
 * - a role removed and a sign-out reach a socket that is already open (the route that commits
 *   the change and the socket server share one effect bus);
 * - a viewer of a public meeting page sees a recorded vote without any HTTP request: the event
 *   carries what changed and the page applies it.
 */
import { expect, test, type BrowserContext, type Page } from "./support/test";
import { io as connect, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../app/lib/socket-events";
import { fillDate, signIn, uniqueEmail } from "./support/helpers";

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

async function register(context: BrowserContext, name: string): Promise<{ page: Page; email: string }> {
  const email = uniqueEmail("live");
  const page = await context.newPage();
  await page.goto("/register");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("The area you live in").selectOption({ label: "Riverside" });
  await page.getByLabel("Create a password").fill("another long password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/sign-in\?registered=1/); // registering answers the same for any email; then sign in
  await signIn(page, email, "another long password");
  return { page, email };
}

/** A socket opened with this browser context's session cookie, as a second tab would. */
async function socketOf(context: BrowserContext, baseURL: string): Promise<LiveSocket> {
  const cookie = (await context.cookies(baseURL)).map((c) => `${c.name}=${c.value}`).join("; ");
  const socket: LiveSocket = connect(baseURL, { transports: ["websocket"], extraHeaders: { cookie }, reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

async function northgateFeedId(page: Page): Promise<number> {
  await page.goto("/feeds");
  const href = await page.getByRole("link", { name: /Northgate/ }).first().getAttribute("href");
  return Number(/\/feeds\/(\d+)/.exec(href ?? "")![1]);
}

test("a moderator's open socket cannot hide comments once the role is removed", async ({ browser, page, baseURL }) => {
  const personContext = await browser.newContext();
  const { page: personPage, email } = await register(personContext, "Soon Not Moderator");
  const feedId = await northgateFeedId(personPage);

  await signIn(page, "admin@moot.example");
  await page.goto("/admin/roles");
  await page.getByLabel("Their email address").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Moderator" });
  await page.getByLabel("Across the council").check();
  await page.getByRole("button", { name: "Give role" }).click();
  await expect(page.getByText("The role has been given")).toBeVisible();

  const socket = await socketOf(personContext, baseURL!);
  try {
    expect(await socket.timeout(5000).emitWithAck("session:whoami")).toMatchObject({ ok: true, roles: ["moderator"] });
    const first = await socket.timeout(5000).emitWithAck("comment:post", { feedId, body: "A comment to hide while a moderator" });
    expect(first).toMatchObject({ ok: true });
    const second = await socket.timeout(5000).emitWithAck("comment:post", { feedId, body: "A comment to try to hide after" });
    expect(second).toMatchObject({ ok: true });
    const hidden = await socket.timeout(5000).emitWithAck("comment:hide", { commentId: first.ok ? first.comment.id : 0, reason: "Testing moderation" });
    expect(hidden).toMatchObject({ ok: true });

    await page.getByRole("button", { name: new RegExp(`Remove Moderator role from Soon Not Moderator`) }).click();
    await expect(page.getByText("The role has been removed")).toBeVisible();

    // The same open socket, with no reconnect: the role is gone at once.
    expect(await socket.timeout(5000).emitWithAck("session:whoami")).toMatchObject({ ok: true, roles: [] });
    const refused = await socket.timeout(5000).emitWithAck("comment:hide", { commentId: second.ok ? second.comment.id : 0, reason: "Should be refused" });
    expect(refused).toMatchObject({ ok: false });
  } finally {
    socket.close();
    await personContext.close();
  }
});

test("a signed-out session's open socket can no longer post", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "resident@moot.example");
  const feedId = await northgateFeedId(page);
  const socket = await socketOf(context, baseURL!);
  try {
    expect(await socket.timeout(5000).emitWithAck("comment:post", { feedId, body: "Posted while signed in" })).toMatchObject({ ok: true });
    await page.goto("/");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("You have signed out")).toBeVisible();
    expect(await socket.timeout(5000).emitWithAck("session:whoami")).toEqual({ ok: true, user: null, roles: [] });
    expect(await socket.timeout(5000).emitWithAck("comment:post", { feedId, body: "Posted after signing out" })).toMatchObject({ ok: false });
  } finally {
    socket.close();
    await context.close();
  }
});

test("a viewer's meeting page shows a recorded vote with no HTTP request after the event", async ({ browser }) => {
  test.setTimeout(90_000);
  const clerk = await (await browser.newContext()).newPage();
  const chair = await (await browser.newContext()).newPage();
  const viewer = await (await browser.newContext()).newPage();
  await signIn(clerk, "officer@moot.example");
  await signIn(chair, "chair@moot.example");

  await clerk.goto("/boards/northgate-locality-board");
  const day = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  await clerk.getByLabel("Title").fill(`Live vote ${Date.now()}`);
  await fillDate(clerk, "Date and time", day, "18:30");
  await clerk.getByLabel("Venue").fill("Northgate Town Hall");
  await clerk.getByRole("button", { name: "Create the meeting" }).click();
  await expect(clerk).toHaveURL(/\/meetings\/\d+\/console$/);
  const meeting = clerk.url().replace(/\/console$/, "");
  await clerk.getByRole("radio", { name: "Report for information", exact: true }).check();
  await clerk.getByLabel("Title", { exact: true }).fill("Library opening hours");
  await clerk.getByRole("button", { name: "Add the item" }).click();
  await expect(clerk.getByRole("heading", { name: /Library opening hours/ })).toBeVisible();
  await clerk.getByRole("button", { name: "Publish the agenda" }).click();
  await expect(clerk.getByText("Agenda published", { exact: true })).toBeVisible();

  await chair.goto(`${meeting}/console`);
  await chair.getByRole("button", { name: "Start the meeting" }).click();
  await chair.getByRole("button", { name: "Yes, start the meeting now" }).click(); // days before its published date
  await expect(chair.getByRole("button", { name: "Open item 1" })).toBeVisible();
  for (const name of ["Cllr Helen Okafor", "Cllr Tom Reed", "Dr Aisha Bello", "Sam Price"]) {
    await chair.getByRole("button", { name: `Present: ${name}` }).click();
    await expect(chair.getByRole("table", { name: "Attendance" }).getByRole("row", { name: new RegExp(name) }).getByRole("cell").first()).toHaveText(/^present/);
  }
  await chair.getByRole("button", { name: "Open item 1" }).click();
  await chair.getByLabel("Wording").fill("That the library opens on Sundays.");
  await chair.getByLabel("Proposed by").selectOption({ label: "Cllr Helen Okafor" });
  await chair.getByLabel("Seconded by").selectOption({ label: "Cllr Tom Reed" });
  await chair.getByRole("button", { name: "Record the motion" }).click();
  await chair.getByRole("button", { name: /Call the vote/ }).click();

  await viewer.goto(meeting);
  await expect(viewer.getByTestId("live-status")).toHaveText("Updating live.");
  await expect(viewer.getByTestId("meeting-log")).toContainText("Vote called");
  const origin = new URL(meeting).origin;
  const requests: string[] = [];
  viewer.on("request", (request) => {
    if (request.url().startsWith(origin) && !new URL(request.url()).pathname.startsWith("/socket.io/")) requests.push(`${request.method()} ${request.url()}`);
  });

  await chair.getByRole("button", { name: "For: Dr Aisha Bello" }).click();
  await expect(viewer.getByTestId("meeting-log")).toContainText("Dr Aisha Bello voted for");
  // The named vote in the agenda record came with the event too.
  await expect(viewer.getByRole("table", { name: /Named vote/ }).getByRole("row", { name: /Dr Aisha Bello/ })).toContainText("For");
  await viewer.waitForTimeout(1000);
  expect(requests).toEqual([]);
});
