/**
 * Live feeds over real Socket.IO: a real server (startMoot) on a real database, and real
 * socket.io-client clients signed in with real session cookies.
 */
import { sql } from "kysely";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { COMMENT_LIMIT } from "../../app/modules/feeds/feeds.server";
import type { FeedEventView } from "../../app/modules/feeds/types";
import { useMoot } from "./support/one-moot";
import { newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { clientAs, collect, localityFeedId, pause, until, type FeedSocket } from "./support/feed-clients";

const t = useTestDatabase({ seeded: true });
let feedId: number;
const server = useMoot(t);
const open: FeedSocket[] = [];

beforeAll(async () => {
  feedId = await localityFeedId(t.db, "northgate");
});
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

async function client(email: string | null): Promise<FeedSocket> {
  const socket = await clientAs(server.moot.url, t.db, email);
  open.push(socket);
  return socket;
}

async function joined(email: string | null, id = feedId): Promise<FeedSocket> {
  const socket = await client(email);
  const reply = await socket.timeout(5000).emitWithAck("feed:join", { feedId: id });
  expect(reply.ok).toBe(true);
  return socket;
}

async function freshResidentEmail(): Promise<string> {
  return (await newResident(t.db, "Live Tester")).user!.email;
}

const countComments = async () => Number((await t.db.selectFrom("comments").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
const countEvents = async () => Number((await t.db.selectFrom("feed_events").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

describe("posting", () => {
  it("a comment posted by one person arrives at everyone watching, with its event id", async () => {
    const author = await joined("resident@moot.example");
    const watcher = await joined(null);
    const seen = collect(watcher, "feed:event");
    const reply = await author.timeout(5000).emitWithAck("comment:post", { feedId, body: "  Street lights on Mill Lane are out again.  " });
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.comment.body).toBe("Street lights on Mill Lane are out again.");
    await until(() => seen.length === 1);
    expect(seen[0]).toMatchObject({ id: reply.eventId, feedId, kind: "comment.posted", comment: { id: reply.comment.id, authorName: "Rosa Martin" } });
    const stored = await t.db.selectFrom("comments").select("body").where("id", "=", reply.comment.id).executeTakeFirstOrThrow();
    expect(stored.body).toBe("Street lights on Mill Lane are out again.");
  });

  it("replies nest, edits show as edited, deletes leave the comment as deleted, reactions are one per person", async () => {
    const author = await joined("member@moot.example");
    const other = await joined("officer@moot.example");
    const seen = collect(other, "feed:event");
    const top = await author.timeout(5000).emitWithAck("comment:post", { feedId, body: "Top" });
    if (!top.ok) throw new Error(top.error);
    const r1 = await other.timeout(5000).emitWithAck("comment:post", { feedId, parentId: top.comment.id, body: "Reply" });
    if (!r1.ok) throw new Error(r1.error);
    const r2 = await author.timeout(5000).emitWithAck("comment:post", { feedId, parentId: r1.comment.id, body: "Reply to reply" });
    if (!r2.ok) throw new Error(r2.error);
    expect(r2.comment.depth).toBe(2);
    const tooDeep = await other.timeout(5000).emitWithAck("comment:post", { feedId, parentId: r2.comment.id, body: "Too deep" });
    expect(tooDeep).toEqual({ ok: false, error: expect.stringMatching(/three levels/) });

    expect(await author.timeout(5000).emitWithAck("comment:edit", { commentId: top.comment.id, body: "Top (fixed)" })).toMatchObject({ ok: true });
    expect(await other.timeout(5000).emitWithAck("comment:edit", { commentId: top.comment.id, body: "Not mine" })).toEqual({ ok: false, error: "You can only edit your own comments." });

    expect(await other.timeout(5000).emitWithAck("comment:react", { commentId: top.comment.id, reaction: "agree" })).toMatchObject({ ok: true });
    expect(await other.timeout(5000).emitWithAck("comment:react", { commentId: top.comment.id, reaction: "disagree" })).toMatchObject({ ok: true });
    expect(await author.timeout(5000).emitWithAck("comment:react", { commentId: top.comment.id, reaction: "agree" })).toEqual({ ok: false, error: "You cannot agree or disagree with your own comment." });

    expect(await author.timeout(5000).emitWithAck("comment:delete", { commentId: r2.comment.id })).toMatchObject({ ok: true });
    await until(() => seen.length >= 6);
    const kinds = seen.map((e) => e.kind);
    expect(kinds).toEqual(["comment.posted", "comment.posted", "comment.posted", "comment.edited", "comment.reacted", "comment.reacted", "comment.deleted"].slice(0, kinds.length));
    await until(() => seen.some((e) => e.kind === "comment.deleted"));
    const edited = seen.find((e) => e.kind === "comment.edited")!;
    expect(edited.comment).toMatchObject({ body: "Top (fixed)", edited: true });
    const reacted = seen.filter((e) => e.kind === "comment.reacted").at(-1)!;
    expect(reacted.comment).toMatchObject({ agree: 0, disagree: 1 });
    const deleted = seen.find((e) => e.kind === "comment.deleted")!;
    expect(deleted.comment).toMatchObject({ state: "deleted", body: null });
    // ids only go up
    expect(seen.map((e) => e.id)).toEqual([...seen.map((e) => e.id)].sort((a, b) => a - b));
  });

  it("broadcasts nothing when the transaction fails, and stores nothing", async () => {
    const author = await joined("chair@moot.example");
    const watcher = await joined(null);
    const seen = collect(watcher, "feed:event");
    // Make the write fail inside the transaction, after the comment row is inserted.
    await sql`CREATE FUNCTION feed_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated failure'; END $$`.execute(t.db);
    await sql`CREATE TRIGGER feed_test_fail BEFORE INSERT ON feed_events FOR EACH ROW EXECUTE FUNCTION feed_test_fail()`.execute(t.db);
    const before = await countComments();
    try {
      const reply = await author.timeout(5000).emitWithAck("comment:post", { feedId, body: "This will not be saved" });
      expect(reply).toEqual({ ok: false, error: "Sorry, that could not be saved. Nothing was changed. Try again." });
    } finally {
      await sql`DROP TRIGGER feed_test_fail ON feed_events`.execute(t.db);
      await sql`DROP FUNCTION feed_test_fail()`.execute(t.db);
    }
    await pause(300);
    expect(seen).toEqual([]);
    expect(await countComments()).toBe(before);
    // and the server is fine afterwards
    const ok = await author.timeout(5000).emitWithAck("comment:post", { feedId, body: "Saved now" });
    expect(ok.ok).toBe(true);
  });
});

describe("reconnect catch-up", () => {
  it("replays every missed event exactly once, in order, from the database", async () => {
    const author = await joined("analyst@moot.example");
    const first = await author.timeout(5000).emitWithAck("comment:post", { feedId, body: "Before the gap" });
    if (!first.ok) throw new Error(first.error);
    const lastSeen = first.eventId;
    // The watcher is offline while five things happen.
    const missed: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await author.timeout(5000).emitWithAck("comment:post", { feedId, body: `Missed ${i}` });
      if (!r.ok) throw new Error(r.error);
      missed.push(r.eventId);
    }
    const watcher = await client(null);
    const live = collect(watcher, "feed:event");
    const reply = await watcher.timeout(5000).emitWithAck("feed:join", { feedId, after: lastSeen });
    if (!reply.ok) throw new Error(reply.error);
    expect(reply.complete).toBe(true);
    expect(reply.events.map((e: { id: number; comment?: { body: string | null } }) => e.id)).toEqual(missed);
    expect(reply.events.map((e: { id: number; comment?: { body: string | null } }) => e.comment?.body)).toEqual(["Missed 0", "Missed 1", "Missed 2", "Missed 3", "Missed 4"]);
    // Nothing is replayed twice over the live channel.
    await pause(200);
    expect(live).toEqual([]);
    // Asking again from the newest id gives nothing.
    const again = await watcher.timeout(5000).emitWithAck("feed:join", { feedId, after: missed.at(-1)! });
    expect(again).toMatchObject({ ok: true, events: [] });
  });

  it("a client that really disconnects and reconnects gets what it missed", async () => {
    const author = await joined("group@moot.example");
    const watcher = await joined(null);
    const seen = collect(watcher, "feed:event");
    const before = await author.timeout(5000).emitWithAck("comment:post", { feedId, body: "Seen live" });
    await until(() => seen.length === 1);
    watcher.disconnect();
    const gap = await author.timeout(5000).emitWithAck("comment:post", { feedId, body: "Missed while away" });
    if (!before.ok || !gap.ok) throw new Error("post failed");
    watcher.connect();
    await until(() => watcher.connected);
    const reply = await watcher.timeout(5000).emitWithAck("feed:join", { feedId, after: seen.at(-1)!.id });
    if (!reply.ok) throw new Error(reply.error);
    expect(reply.events.map((e: { id: number; comment?: { body: string | null } }) => e.comment?.body)).toEqual(["Missed while away"]);
  });
});

describe("rate limits and permissions", () => {
  it("refuses comments past the per-person limit with a clear message, storing nothing more", async () => {
    const email = await freshResidentEmail();
    const author = await joined(email);
    const before = await countComments();
    const replies = [];
    for (let i = 0; i < COMMENT_LIMIT.points + 3; i++) replies.push(await author.timeout(5000).emitWithAck("comment:post", { feedId, body: `Comment ${i}` }));
    expect(replies.filter((r) => r.ok)).toHaveLength(COMMENT_LIMIT.points);
    expect(replies.at(-1)).toEqual({ ok: false, error: expect.stringMatching(/^You can send at most 10 comments a minute\. Wait \d+ seconds and try again\.$/) });
    expect(await countComments()).toBe(before + COMMENT_LIMIT.points);
  });

  it("lets visitors watch but not post, react, vote or flag", async () => {
    const visitor = await joined(null);
    const before = await countEvents();
    for (const [event, payload] of [
      ["comment:post", { feedId, body: "Hello" }],
      ["comment:react", { commentId: 1, reaction: "agree" }],
      ["comment:flag", { commentId: 1, reason: "Rude" }],
      ["poll:vote", { pollId: 1, optionIds: [1] }],
    ] as const) {
      const reply = await (visitor.timeout(5000).emitWithAck as (e: string, p: unknown) => Promise<unknown>)(event, payload);
      expect(reply, event).toEqual({ ok: false, error: "Sign in to take part in this discussion." });
    }
    expect(await (visitor.timeout(5000).emitWithAck as (e: string, p: unknown) => Promise<unknown>)("comment:hide", { commentId: 1, reason: "x" })).toEqual({ ok: false, error: "Sign in to do this" });
    expect(await countEvents()).toBe(before);
  });
});

describe("polls", () => {
  it("an officer opens a poll; residents vote and change their vote; tallies arrive coalesced; closing freezes", async () => {
    const officer = await joined("officer@moot.example");
    const watcher = await joined(null);
    const tallies = collect(watcher, "feed:tally");
    const events = collect(watcher, "feed:event");
    const resident = await joined("resident@moot.example");
    expect(await resident.timeout(5000).emitWithAck("poll:open", { feedId, question: "Q?", options: ["A", "B"], multiple: false })).toEqual({ ok: false, error: "You do not have permission to do this" });
    expect(await officer.timeout(5000).emitWithAck("poll:open", { feedId, question: "Q?", options: ["Only one"], multiple: false })).toEqual({ ok: false, error: "Enter at least 2 options" });
    const opened = await officer.timeout(5000).emitWithAck("poll:open", { feedId, question: "Which day for the litter pick?", options: ["Saturday", "Sunday", "Either"], multiple: false });
    if (!opened.ok) throw new Error(opened.error);
    await until(() => events.some((e) => e.kind === "poll.opened"));
    const poll = events.find((e) => e.kind === "poll.opened")!.poll!;
    const [sat, sun] = poll.options;

    // 12 voters at once: far fewer than 12 tally broadcasts.
    const voters = await Promise.all(Array.from({ length: 12 }, async () => joined(await freshResidentEmail())));
    const acks = await Promise.all(voters.map((v) => v.timeout(5000).emitWithAck("poll:vote", { pollId: poll.id, optionIds: [sat!.id] })));
    expect(acks.every((a) => a.ok)).toBe(true);
    expect(await voters[0]!.timeout(5000).emitWithAck("poll:vote", { pollId: poll.id, optionIds: [sat!.id, sun!.id] })).toEqual({ ok: false, error: "Choose one option" });
    expect(await voters[0]!.timeout(5000).emitWithAck("poll:vote", { pollId: poll.id, optionIds: [sun!.id] })).toEqual({ ok: true });
    await until(() => tallies.at(-1)?.poll.options[1]?.votes === 1);
    expect(tallies.length).toBeLessThanOrEqual(4);
    expect(tallies.at(-1)!.poll).toMatchObject({ voters: 12, options: [{ votes: 11 }, { votes: 1 }, { votes: 0 }] });

    expect(await officer.timeout(5000).emitWithAck("poll:close", { pollId: poll.id })).toMatchObject({ ok: true });
    await until(() => events.some((e) => e.kind === "poll.closed"));
    expect(events.find((e) => e.kind === "poll.closed")!.poll).toMatchObject({ status: "closed", voters: 12, options: [{ votes: 11 }, { votes: 1 }, { votes: 0 }] });
    const late = await voters[1]!.timeout(5000).emitWithAck("poll:vote", { pollId: poll.id, optionIds: [sun!.id] });
    expect(late).toEqual({ ok: false, error: "This poll has closed: votes can no longer be cast or changed." });
    const stored = await t.db.selectFrom("polls").select(["status", "final_counts", "final_voters"]).where("id", "=", poll.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: "closed", final_counts: { [sat!.id]: 11, [sun!.id]: 1, [poll.options[2]!.id]: 0 }, final_voters: 12 });
  });
  it("a poll closed while votes pour in freezes exactly the votes that were stored", async () => {
    const officer = await joined("officer@moot.example");
    const opened = await officer.timeout(5000).emitWithAck("poll:open", { feedId, question: "Race?", options: ["Yes", "No"], multiple: true });
    if (!opened.ok) throw new Error(opened.error);
    const options = await t.db.selectFrom("poll_options").select("id").where("poll_id", "=", opened.pollId).orderBy("position").execute();
    const voters = await Promise.all(Array.from({ length: 20 }, async () => joined(await freshResidentEmail())));
    const votes = voters.map((v) => v.timeout(5000).emitWithAck("poll:vote", { pollId: opened.pollId, optionIds: options.map((o) => o.id) }));
    const closed = officer.timeout(5000).emitWithAck("poll:close", { pollId: opened.pollId });
    const acks = await Promise.all(votes);
    expect((await closed).ok).toBe(true);
    const accepted = acks.filter((a) => a.ok).length;
    const stored = await t.db.selectFrom("poll_votes").select(["user_id"]).where("poll_id", "=", opened.pollId).execute();
    const poll = await t.db.selectFrom("polls").select(["final_counts", "final_voters"]).where("id", "=", opened.pollId).executeTakeFirstOrThrow();
    expect(new Set(stored.map((r) => r.user_id)).size).toBe(accepted);
    expect(poll.final_voters).toBe(accepted);
    expect(poll.final_counts).toEqual({ [options[0]!.id]: accepted, [options[1]!.id]: accepted });
    // and after the close nothing more is stored
    expect(await voters[0]!.timeout(5000).emitWithAck("poll:vote", { pollId: opened.pollId, optionIds: [options[0]!.id] })).toMatchObject({ ok: false });
    expect(await t.db.selectFrom("poll_votes").select("user_id").where("poll_id", "=", opened.pollId).execute()).toHaveLength(stored.length);
  });
});

describe("moderation", () => {
  it("a moderator hides a poll: it disappears live (question, options and counts), takes no votes, and can be restored", async () => {
    const officer = await joined("officer@moot.example");
    const moderator = await joined("moderator@moot.example");
    const resident = await joined("resident@moot.example");
    const watcher = await joined(null);
    const events = collect(watcher, "feed:event");
    const opened = await officer.timeout(5000).emitWithAck("poll:open", { feedId, question: "Something abusive?", options: ["Yes", "No"], multiple: false });
    if (!opened.ok) throw new Error(opened.error);
    const options = await t.db.selectFrom("poll_options").select("id").where("poll_id", "=", opened.pollId).orderBy("position").execute();
    expect(await resident.timeout(5000).emitWithAck("poll:vote", { pollId: opened.pollId, optionIds: [options[0]!.id] })).toEqual({ ok: true });

    expect(await resident.timeout(5000).emitWithAck("poll:hide", { pollId: opened.pollId, reason: "No" })).toEqual({ ok: false, error: "You do not have permission to do this" });
    expect(await moderator.timeout(5000).emitWithAck("poll:hide", { pollId: opened.pollId, reason: "" })).toEqual({ ok: false, error: "Enter why the poll is hidden" });
    const hidden = await moderator.timeout(5000).emitWithAck("poll:hide", { pollId: opened.pollId, reason: "Abusive question" });
    expect(hidden).toMatchObject({ ok: true });
    await until(() => events.some((e) => e.kind === "poll.hidden"));
    const live = events.find((e) => e.kind === "poll.hidden")!;
    expect(live.poll).toMatchObject({ id: opened.pollId, hidden: true, hiddenReason: "Abusive question", question: "", options: [], voters: 0 });
    expect(JSON.stringify(live)).not.toContain("Something abusive");
    expect(await resident.timeout(5000).emitWithAck("poll:vote", { pollId: opened.pollId, optionIds: [options[1]!.id] })).toEqual({
      ok: false,
      error: "This poll has been hidden by a moderator: votes cannot be cast or changed.",
    });
    // replayed the same way to a client that missed it
    const late = await client(null);
    const replay = await late.timeout(5000).emitWithAck("feed:join", { feedId, after: events[0]!.id - 1 });
    if (!replay.ok) throw new Error(replay.error);
    expect(replay.events.filter((e: FeedEventView) => e.poll?.id === opened.pollId).every((e: FeedEventView) => e.poll!.hidden && e.poll!.question === "")).toBe(true);

    expect(await moderator.timeout(5000).emitWithAck("poll:restore", { pollId: opened.pollId })).toMatchObject({ ok: true });
    await until(() => events.some((e) => e.kind === "poll.restored"));
    expect(events.find((e) => e.kind === "poll.restored")!.poll).toMatchObject({ hidden: false, question: "Something abusive?", voters: 1 });
    const audit = await t.db.selectFrom("audit_log").select(["action"]).where("subject", "=", `poll:${opened.pollId}`).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["feed.poll.opened", "feed.poll.hidden", "feed.poll.restored"]);
  });

  it("hiding a comment removes it live from every client, with an audit entry; restoring brings it back", async () => {
    const author = await joined("resident@moot.example");
    const moderator = await joined("moderator@moot.example");
    const watchers = [await joined(null), await joined("member@moot.example")];
    const seen = watchers.map((w) => collect(w, "feed:event"));
    const posted = await author.timeout(5000).emitWithAck("comment:post", { feedId, body: "Something unkind" });
    if (!posted.ok) throw new Error(posted.error);
    expect(await watchers[1]!.timeout(5000).emitWithAck("comment:flag", { commentId: posted.comment.id, reason: "Personal attack" })).toEqual({ ok: true });
    expect(await author.timeout(5000).emitWithAck("comment:hide", { commentId: posted.comment.id, reason: "x" })).toEqual({ ok: false, error: "You do not have permission to do this" });
    expect(await moderator.timeout(5000).emitWithAck("comment:hide", { commentId: posted.comment.id, reason: "Breaks the house rules on personal attacks" })).toMatchObject({ ok: true });
    for (const s of seen) await until(() => s.some((e) => e.kind === "comment.hidden"));
    for (const s of seen) {
      expect(s.find((e) => e.kind === "comment.hidden")!.comment).toMatchObject({ id: posted.comment.id, state: "hidden", body: null, hiddenReason: "Breaks the house rules on personal attacks" });
    }
    const audit = await t.db.selectFrom("audit_log").select(["action", "subject"]).where("subject", "=", `comment:${posted.comment.id}`).execute();
    expect(audit).toEqual([{ action: "feed.comment.hidden", subject: `comment:${posted.comment.id}` }]);
    const flag = await t.db.selectFrom("comment_flags").select("status").where("comment_id", "=", posted.comment.id).executeTakeFirstOrThrow();
    expect(flag.status).toBe("dealt_with");
    expect(await moderator.timeout(5000).emitWithAck("comment:restore", { commentId: posted.comment.id })).toMatchObject({ ok: true });
    await until(() => seen[0]!.some((e) => e.kind === "comment.restored"));
    expect(seen[0]!.find((e) => e.kind === "comment.restored")!.comment).toMatchObject({ state: "visible", body: "Something unkind" });
  });
});

describe("bad input", () => {
  type Emit = (event: string, ...args: unknown[]) => Promise<unknown>;
  const emit = (s: FeedSocket): Emit => (event, ...args) => (s.timeout(5000).emitWithAck as unknown as Emit).call(s.timeout(5000), event, ...args);

  it("answers malformed events, unknown ids, oversize text and missing payloads with an error ack, storing nothing", async () => {
    const email = await freshResidentEmail();
    const socket = await joined(email);
    const bystander = await joined(null);
    const bystanderSeen = collect(bystander, "feed:event");
    const before = { comments: await countComments(), events: await countEvents() };
    const cases: [string, unknown, RegExp][] = [
      ["comment:post", "not an object", /./],
      ["comment:post", null, /./],
      ["comment:post", { feedId: "abc", body: "x" }, /feed/],
      ["comment:post", { feedId, body: 42 }, /Enter your comment/],
      ["comment:post", { feedId, body: "   " }, /Enter your comment/],
      ["comment:post", { feedId: 999999, body: "Unknown feed" }, /no such feed/],
      ["comment:post", { feedId: 1e12, body: "Huge id" }, /no such feed/],
      ["comment:post", { feedId, body: "x".repeat(2001) }, /2,000 characters or fewer/],
      ["comment:post", { feedId, parentId: 999999, body: "Orphan" }, /not in this feed/],
      ["comment:edit", { commentId: 999999, body: "x" }, /no such comment/],
      ["comment:react", { commentId: 1, reaction: "love" }, /agree or disagree/],
      ["poll:vote", { pollId: 999999, optionIds: [1] }, /no such poll/],
      ["poll:vote", { pollId: 1, optionIds: [] }, /Choose an option/],
      ["poll:open", { feedId, question: "Q", options: Array(11).fill("o"), multiple: false }, /permission|at most 10/],
      ["feed:join", { feedId: 999999 }, /no such feed/],
      ["feed:join", { feedId: -1 }, /feed/],
    ];
    for (const [event, payload, message] of cases) {
      const reply = (await emit(socket)(event, payload)) as { ok: boolean; error?: string };
      expect(reply.ok, `${event} ${JSON.stringify(payload)?.slice(0, 60)}`).toBe(false);
      expect(reply.error).toMatch(message);
    }
    // no payload at all, only an ack
    expect(await emit(socket)("comment:post")).toMatchObject({ ok: false });
    expect({ comments: await countComments(), events: await countEvents() }).toEqual(before);
    expect(bystanderSeen).toEqual([]);
    expect(socket.connected).toBe(true);
  });

  it("drops a socket that sends more than the transport allows, and everyone else carries on", async () => {
    const socket = await joined(await freshResidentEmail());
    const other = await joined("officer@moot.example");
    const disconnected = new Promise<string>((r) => socket.once("disconnect", r));
    socket.emit("comment:post", { feedId, body: "x".repeat(200_000) }, () => undefined);
    expect(await disconnected).toBeTruthy();
    const reply = await other.timeout(5000).emitWithAck("comment:post", { feedId, body: "Still here" });
    expect(reply.ok).toBe(true);
  });

  it("answers a flood from one socket with errors, without storing it or stopping", async () => {
    const socket = await joined(await freshResidentEmail());
    const replies = (await Promise.all(Array.from({ length: 60 }, () => socket.timeout(10000).emitWithAck("feed:join", { feedId })))) as { ok: boolean; error?: string }[];
    expect(replies.filter((r) => !r.ok).length).toBeGreaterThan(0);
    expect(replies.find((r) => !r.ok)!.error).toBe("You are sending too many messages. Slow down and try again in a moment.");
    await pause(1100);
    expect((await socket.timeout(5000).emitWithAck("feed:join", { feedId })).ok).toBe(true);
  });

  it("refuses changes in a paused feed (votes on closed polls: see polls)", async () => {
    const moderator = await joined("moderator@moot.example");
    const resident = await joined(await freshResidentEmail());
    expect(await moderator.timeout(5000).emitWithAck("comment:post", { feedId, body: "ok" })).toMatchObject({ ok: true });
    const { setFeedPaused } = await import("../../app/modules/feeds/feeds.server");
    const { actorFor } = await import("../support/actors");
    const mod = await actorFor(t.db, "moderator@moot.example");
    expect((await setFeedPaused(t.db, mod, { feedId }, true)).ok).toBe(true);
    try {
      expect(await resident.timeout(5000).emitWithAck("comment:post", { feedId, body: "While paused" })).toEqual({ ok: false, error: "This feed is paused by a moderator: it is read-only for now." });
    } finally {
      expect((await setFeedPaused(t.db, mod, { feedId }, false)).ok).toBe(true);
    }
  });
});

describe("viewers", () => {
  it("counts the people watching a room", async () => {
    const otherFeed = await localityFeedId(t.db, "eastmere");
    const a = await joined(null, otherFeed);
    const counts = collect(a, "feed:viewers");
    await joined(null, otherFeed);
    await joined("resident@moot.example", otherFeed);
    await until(() => counts.at(-1)?.viewers === 3, 4000);
  });
});
