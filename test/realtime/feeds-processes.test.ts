/**
 * Two Moot servers (as two Node processes behind a load balancer would be) on one database:
 * a comment posted through one reaches a watcher connected to the other, through the
 * PostgreSQL adapter; viewer counts add up across both.
 */
import { describe, expect, it } from "vitest";
import type { Moot } from "../../server";
import { useTestDatabase } from "../support/db";
import { clientAs, collect, localityFeedId, until } from "./support/feed-clients";
import { useTwoMoots } from "./support/two-moots";

const t = useTestDatabase({ seeded: true });
const moots = useTwoMoots(t);
const sockets = moots.sockets;

async function on(server: Moot, email: string | null, feedId: number) {
  const socket = await clientAs(server.url, t.db, email);
  sockets.push(socket);
  const reply = await socket.timeout(5000).emitWithAck("feed:join", { feedId });
  expect(reply.ok).toBe(true);
  return socket;
}

describe("two app processes on one database", () => {
  it("deliver a comment, a hide and a tally across processes", async () => {
    const feedId = await localityFeedId(t.db, "riverside");
    const author = await on(moots.a, "resident@moot.example", feedId);
    const watcherOnB = await on(moots.b, null, feedId);
    const watcherOnA = await on(moots.a, null, feedId);
    const seenB = collect(watcherOnB, "feed:event");
    const seenA = collect(watcherOnA, "feed:event");
    const posted = await author.timeout(5000).emitWithAck("comment:post", { feedId, body: "Across processes" });
    if (!posted.ok) throw new Error(posted.error);
    await until(() => seenB.length === 1 && seenA.length === 1);
    expect(seenB[0]).toEqual(seenA[0]);
    expect(seenB[0]).toMatchObject({ id: posted.eventId, kind: "comment.posted", comment: { body: "Across processes" } });

    const moderator = await on(moots.b, "moderator@moot.example", feedId);
    expect(await moderator.timeout(5000).emitWithAck("comment:hide", { commentId: posted.comment.id, reason: "Test" })).toMatchObject({ ok: true });
    await until(() => seenA.some((e) => e.kind === "comment.hidden"));

    const officer = await on(moots.b, "officer@moot.example", feedId);
    const poll = await officer.timeout(5000).emitWithAck("poll:open", { feedId, question: "Across?", options: ["Yes", "No"], multiple: false });
    if (!poll.ok) throw new Error(poll.error);
    await until(() => seenA.some((e) => e.kind === "poll.opened"));
    const optionId = seenA.find((e) => e.kind === "poll.opened")!.poll!.options[0]!.id;
    const tallies = collect(watcherOnB, "feed:tally");
    expect(await author.timeout(5000).emitWithAck("poll:vote", { pollId: poll.pollId, optionIds: [optionId] })).toEqual({ ok: true });
    await until(() => tallies.some((x) => x.poll.voters === 1));
  });

  it("count viewers across both processes", async () => {
    const feedId = await localityFeedId(t.db, "hollin-valley");
    const first = await on(moots.a, null, feedId);
    const counts = collect(first, "feed:viewers");
    await on(moots.b, null, feedId);
    await on(moots.b, null, feedId);
    await until(() => counts.at(-1)?.viewers === 3, 6000);
  });
});
