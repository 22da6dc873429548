/**
 * Following a board (issue 16): one e-mail when its agenda is published, with an RFC 8058
 * one-click unsubscribe that works as a POST with no session; none after unsubscribing.
 */
import { describe, expect, it } from "vitest";
import { addAgendaItem, createMeeting, publishAgenda } from "../../app/modules/meetings/meetings.server";
import { deliverDue } from "../../app/modules/notifications/deliver.server";
import { expandEvents } from "../../app/modules/notifications/outbox.server";
import * as follow from "../../app/routes/follow";
import * as outbox from "../../app/routes/admin.outbox";
import { listOutbox } from "../../app/modules/notifications/admin.server";
import * as unsubscribe from "../../app/routes/unsubscribe.$token";
import { actorFor } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { rawHeader, recipientOf, useSmtpInbox } from "../support/mail";
import { value } from "../support/results";
import { callRoute } from "../support/routes";

const t = useTestDatabase({ seeded: true });
const ORIGIN = "http://moot.test";
const DAY = 86_400_000;
const mailer = useSmtpInbox();

const to = recipientOf;

async function publishedMeeting(boardId: number, title: string) {
  const officer = await actorFor(t.db, "officer@moot.example");
  const { meetingId } = value(await createMeeting(t.db, officer, { boardId, title, startsAt: new Date(Date.now() + 30 * DAY).toISOString(), venue: "Town Hall" }));
  value(await addAgendaItem(t.db, officer, { meetingId, kind: "decision", title: "Play park", recommendation: "Approve the play park" }));
  value(await addAgendaItem(t.db, officer, { meetingId, kind: "exempt", title: "Land purchase", exemptParagraph: "3", publicInterestReason: "Price negotiations", summary: "SECRET price £400,000" }));
  const published = await publishAgenda(t.db, officer, { meetingId });
  expect(published.ok && published.effects?.some((e) => e.kind === "deliver")).toBe(true);
  return meetingId;
}

/** What the worker does on a nudge: expand events, deliver what is due. */
async function pump() {
  await expandEvents(t.db, ORIGIN);
  return deliverDue(t.db, mailer.smtp, { origin: ORIGIN });
}

describe("following a board", () => {
  it("a bad address gets a GOV.UK error and keeps what was typed", async () => {
    const board = await t.db.selectFrom("boards").select("id").where("slug", "=", "northgate-locality-board").executeTakeFirstOrThrow();
    const answer = await callRoute<{ errors: Record<string, string>; values: Record<string, unknown> }>(follow, {
      db: t.db,
      method: "POST",
      url: `/follow?kind=board&id=${board.id}`,
      form: { email: "not-an-address", kind: "board", targetId: String(board.id), frequency: "immediate" },
    });
    expect(answer.status).toBe(400);
    expect(answer.data?.errors.email).toBe("Enter an email address in the correct format, like name@example.com");
    expect(JSON.stringify(answer.data)).toContain("not-an-address");
    expect(await t.db.selectFrom("subscriptions").selectAll().execute()).toEqual([]);
  });

  it("one e-mail when its agenda is published (no exempt details), none after the one-click unsubscribe", async () => {
    const board = await t.db.selectFrom("boards").select(["id", "name"]).where("slug", "=", "northgate-locality-board").executeTakeFirstOrThrow();
    const subscribed = await callRoute(follow, { db: t.db, method: "POST", url: `/follow?kind=board&id=${board.id}`, form: { email: "Follower@Test.example", kind: "board", targetId: String(board.id), frequency: "immediate" } });
    expect(subscribed.location).toMatch(/done=1/);

    const meetingId = await publishedMeeting(board.id, "Spring meeting");
    const before = mailer.inbox.received.length;
    await pump();
    await pump(); // running again sends nothing more
    const mails = (await mailer.inbox.waitFor(before + 1)).slice(before).filter((m) => to(m) === "follower@test.example");
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe(`${board.name}: agenda published for Spring meeting`);
    expect(mail.text).toContain(`${ORIGIN}/meetings/${meetingId}`);
    expect(mail.text).not.toContain("SECRET");
    expect(rawHeader(mail, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const link = /^<(.+)>$/.exec(rawHeader(mail, "list-unsubscribe") ?? "")?.[1];
    expect(link).toMatch(new RegExp(`^${ORIGIN}/unsubscribe/[\\w-]+$`));

    // What a mail client does (RFC 8058): POST the body, no cookie, no session.
    const path = new URL(link!).pathname;
    const answer = await callRoute(unsubscribe, { db: t.db, method: "POST", url: path, params: { token: path.split("/").at(-1)! }, form: { "List-Unsubscribe": "One-Click" } });
    expect(answer.status).toBe(200);
    expect(await t.db.selectFrom("subscriptions").selectAll().where("email", "=", "follower@test.example").execute()).toEqual([]);

    await publishedMeeting(board.id, "Summer meeting");
    await pump();
    await new Promise((r) => setTimeout(r, 300));
    expect(mailer.inbox.received.slice(before).filter((m) => to(m) === "follower@test.example")).toHaveLength(1);
  });
});

describe("the outbox page", () => {
  it("shows administrators every message with its status and reason; nobody else", async () => {
    const admin = await t.db.selectFrom("users as u").innerJoin("role_grants as g", "g.user_id", "u.id").select("u.email").where("g.role", "=", "admin").executeTakeFirstOrThrow();
    const page = await callRoute(outbox, { db: t.db, as: admin.email, url: "/admin/outbox" });
    expect(page.status).toBe(200);
    expect(page.text).toContain("follower@test.example");
    expect(page.data).toMatchObject({ counts: { sent: 1 }, rows: [{ recipient: "follower@test.example", status: "sent", attempts: 1 }] });
    const resident = await callRoute(outbox, { db: t.db, as: "resident@moot.example", url: "/admin/outbox" });
    expect(resident.status).toBe(403);
    expect(await listOutbox(t.db, await actorFor(t.db, "officer@moot.example"))).toMatchObject({ ok: false, status: 403 });
  });
});
