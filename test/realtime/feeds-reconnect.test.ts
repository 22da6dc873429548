/**
 * Tallies are coalesced snapshots, not feed events: a client that reconnects (its server may have
 * died before the last tally went out) gets the current poll counts in the `feed:join` reply.
 */
import { expect, it } from "vitest";
import type { PollView } from "../../app/modules/feeds/types";
import { useMoot } from "./support/one-moot";
import { newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { clientAs, localityFeedId, type FeedSocket } from "./support/feed-clients";

const t = useTestDatabase({ seeded: true });
const server = useMoot(t);

async function client(email: string | null): Promise<FeedSocket> {
  const socket = await clientAs(server.moot.url, t.db, email);
  server.sockets.push(socket);
  return socket;
}

it("a reconnecting client's join reply carries the feed's current poll counts; a first join does not need them", async () => {
  const feedId = await localityFeedId(t.db, "eastmere");
  const officer = await client("officer@moot.example");
  const opened = await officer.timeout(5000).emitWithAck("poll:open", { feedId, question: "Reconnect?", options: ["Yes", "No"], multiple: false });
  if (!opened.ok) throw new Error(opened.error);
  const options = await t.db.selectFrom("poll_options").select("id").where("poll_id", "=", opened.pollId).orderBy("id").execute();

  const watcher = await client(null);
  const first = await watcher.timeout(5000).emitWithAck("feed:join", { feedId });
  if (!first.ok) throw new Error(first.error);
  expect(first.polls).toBeUndefined();

  // Votes land while the watcher is away (no event ids move: votes are not feed events).
  for (const option of [options[0]!, options[0]!, options[1]!]) {
    const voter = await client((await newResident(t.db)).user!.email);
    expect(await voter.timeout(5000).emitWithAck("poll:vote", { pollId: opened.pollId, optionIds: [option.id] })).toEqual({ ok: true });
  }
  const back = await client(null);
  const rejoin = await back.timeout(5000).emitWithAck("feed:join", { feedId, after: opened.eventId });
  if (!rejoin.ok) throw new Error(rejoin.error);
  expect(rejoin.events).toEqual([]);
  const poll = rejoin.polls?.find((p: PollView) => p.id === opened.pollId);
  expect(poll?.voters).toBe(3);
  expect(poll?.options.map((o: PollView["options"][number]) => o.votes)).toEqual([2, 1]);
});
