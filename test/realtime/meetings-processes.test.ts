/**
 * Two Moot servers on one database (two processes behind a load balancer): a named vote recorded
 * on B reaches viewers of the meeting on A and on B, through the PostgreSQL adapter, with the
 * live view; votes recorded in a row arrive in order on both. (Comments across processes:
 * feeds-processes.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { settle } from "../../app/lib/effects.server";
import { castVote } from "../../app/modules/meetings/meetings.server";
import type { PublicMeetingEvent } from "../../app/modules/meetings/socket-events";
import type { Moot } from "../../server";
import { meetingInVote } from "../bench/support";
import { useTestDatabase } from "../support/db";
import { clientAs, collect, until } from "./support/feed-clients";
import { useTwoMoots } from "./support/two-moots";

const t = useTestDatabase({ seeded: true });
const moots = useTwoMoots(t);
const sockets = moots.sockets;

async function viewer(server: Moot, meetingId: number) {
  const socket = await clientAs(server.url, t.db, null);
  sockets.push(socket);
  expect(await socket.timeout(5000).emitWithAck("meeting:join", { meetingId })).toMatchObject({ ok: true });
  return collect(socket, "meeting:event");
}

describe("a meeting followed on two app processes", () => {
  it("delivers votes recorded on one to viewers of both, in order, each with the live view", async () => {
    const { meetingId, motionId, members, chair } = await meetingInVote(t.db, moots.b.bus);
    const onA = await viewer(moots.a, meetingId);
    const onB = await viewer(moots.b, meetingId);
    const ids: number[] = [];
    for (const [i, member] of members.slice(0, 3).entries()) {
      const result = await settle(moots.b.bus, castVote(t.db, chair, { meetingId, motionId, memberId: member.id, choice: i % 2 ? "against" : "for" }));
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      ids.push(result.value.events[0]!.id);
    }
    const votes = (seen: PublicMeetingEvent[]) => seen.filter((e) => e.kind === "vote");
    await until(() => votes(onA).length === 3 && votes(onB).length === 3, 10_000);
    expect(votes(onA).map((e) => e.id)).toEqual(ids);
    expect(votes(onB).map((e) => e.id)).toEqual(ids);
    const last = votes(onA).at(-1)!;
    expect(last.live?.asOf).toBe(ids.at(-1));
    expect(last.live?.items[0]?.motions[0]?.votes).toHaveLength(3);
    expect(votes(onB).at(-1)).toEqual(last);
  });
});
