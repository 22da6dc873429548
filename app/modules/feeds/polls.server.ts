/**
 * Live feeds: opening and closing quick polls, and the shared shape of changing a poll.
 */
import type { Database } from "../../../db/client";
import type { FeedEventKind } from "../../../db/tables/feeds";
import { transact } from "../../lib/effects.server";
import { validate } from "../../lib/forms";
import { fail, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { decide, type Actor } from "../permissions/permissions";
import { openPollSchema, pollRef } from "./schema";
import { type Failure, NO_FEED, NO_POLL, PAUSED, type Written, appendEvent, lockFeed, mayManage, targetOf, written } from "./feeds-shared.server";
import { pollView } from "./read-model.server";

// ---------------------------------------------------------------------------------------------
// Polls

export async function openPoll(db: Database, actor: Actor, input: unknown): Promise<Result<Written & { pollId: number }>> {
  const anywhere = mayManage(actor, "feed.poll.manage");
  if (anywhere) return anywhere;
  const parsed = validate(openPollSchema, input);
  if (!parsed.ok) return parsed;
  const { feedId, question, multiple, options } = parsed.value;
  return transact(db, async (trx) => {
    const feed = await lockFeed(trx, feedId);
    if (!feed) return NO_FEED();
    const allowed = decide(actor, "feed.poll.manage", targetOf(feed));
    if (!allowed.ok) return fail(allowed.message, 403);
    if (feed.paused) return PAUSED();
    const poll = await trx.insertInto("polls").values({ feed_id: feedId, question, multiple, opened_by: actor.user!.id }).returning("id").executeTakeFirstOrThrow();
    await trx.insertInto("poll_options").values(options.map((label, position) => ({ poll_id: poll.id, position, label }))).execute();
    await audit(trx, actor, "feed.poll.opened", `poll:${poll.id}`, { feedId, question });
    const id = await appendEvent(trx, feedId, "poll.opened", { pollId: poll.id });
    return written({ pollId: poll.id, events: [{ id, feedId, kind: "poll.opened", poll: (await pollView(trx, poll.id))! }] });
  });
}

/** Close a poll: the counts are frozen into the poll row and no vote can change them. */
export async function closePoll(db: Database, actor: Actor, input: unknown): Promise<Result<Written>> {
  const anywhere = mayManage(actor, "feed.poll.manage");
  if (anywhere) return anywhere;
  const parsed = validate(pollRef, input);
  if (!parsed.ok) return parsed;
  const { pollId } = parsed.value;
  return changePoll(db, actor, pollId, "feed.poll.manage", async (trx, poll) => {
    if (poll.status !== "open") return fail("This poll is already closed.", 409);
    const counted = (await pollView(trx, pollId, { reveal: true }))!; // a hidden poll's counts too
    const finalCounts = Object.fromEntries(counted.options.map((o) => [String(o.id), o.votes]));
    await trx
      .updateTable("polls")
      .set({ status: "closed", closed_at: new Date(), final_counts: JSON.stringify(finalCounts), final_voters: counted.voters })
      .where("id", "=", pollId)
      .execute();
    await audit(trx, actor, "feed.poll.closed", `poll:${pollId}`, { counts: finalCounts, voters: counted.voters });
    return "poll.closed";
  });
}

/**
 * The shared shape of changing a poll: lock its feed (event order), check the permission there,
 * lock the poll FOR UPDATE (so vote batches in flight finish first and later ones see the change),
 * change it, append the event with the poll as it now is.
 */
export async function changePoll(
  db: Database,
  actor: Actor,
  pollId: number,
  permission: "feed.poll.manage" | "feed.moderate",
  change: (trx: Database, poll: { status: string; hidden_reason: string | null }) => Promise<Failure | FeedEventKind>,
): Promise<Result<Written>> {
  return transact(db, async (trx): Promise<Result<Written>> => {
    const found = await trx.selectFrom("polls").select(["feed_id"]).where("id", "=", pollId).executeTakeFirst();
    if (!found) return NO_POLL();
    const feed = (await lockFeed(trx, found.feed_id))!;
    const allowed = decide(actor, permission, targetOf(feed));
    if (!allowed.ok) return fail(allowed.message, 403);
    const poll = await trx.selectFrom("polls").select(["status", "hidden_reason"]).where("id", "=", pollId).forUpdate().executeTakeFirstOrThrow();
    const outcome = await change(trx, poll);
    if (typeof outcome !== "string") return outcome;
    const id = await appendEvent(trx, feed.id, outcome, { pollId });
    return written({ events: [{ id, feedId: feed.id, kind: outcome, poll: (await pollView(trx, pollId))! }] });
  });
}
