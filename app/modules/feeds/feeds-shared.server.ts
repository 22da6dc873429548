/**
 * Live feeds: what every feed command shares (locking a feed, appending an event, the first
 * checks, and a committed write's result with its broadcasts). Routes use `feeds.server`.
 */
import type { z } from "zod";
import type { Database } from "../../../db/client";
import type { FeedEventKind } from "../../../db/tables/feeds";
import { rooms } from "../../lib/socket-events";
import { broadcast, type Effect } from "../../lib/effects";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { COUNCIL, decide, decideAnywhere, type Actor, type Target } from "../permissions/permissions";
import type { FeedEventView } from "./types";

export type Failure = Extract<Result<never>, { ok: false }>;

/** A feed of a board's meeting or agenda item answers to the board (so board-scoped roles reach it); others to their locality. */
export const targetOf = (feed: { locality_id: number | null; board_id: number | null } | { localityId: number | null; boardId: number | null }): Target => {
  const [localityId, boardId] = "locality_id" in feed ? [feed.locality_id, feed.board_id] : [feed.localityId, feed.boardId];
  if (boardId) return { kind: "board", boardId, localityId };
  return localityId ? { kind: "locality", localityId } : COUNCIL;
};

export const NO_FEED = () => fail("There is no such feed. It may have been removed.", 404);
export const PAUSED = () => fail("This feed is paused by a moderator: it is read-only for now.", 409);

/** Lock the feed row for the rest of the transaction: events of one feed commit in id order. */
export async function lockFeed(trx: Database, feedId: number) {
  return trx.selectFrom("feeds").select(["id", "locality_id", "board_id", "paused"]).where("id", "=", feedId).forUpdate().executeTakeFirst();
}

export async function appendEvent(trx: Database, feedId: number, kind: FeedEventKind, ref: { commentId?: number; pollId?: number } = {}) {
  const row = await trx
    .insertInto("feed_events")
    .values({ feed_id: feedId, kind, comment_id: ref.commentId ?? null, poll_id: ref.pollId ?? null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export interface Written {
  events: FeedEventView[];
}

/** Before reading input: someone who may not moderate or run polls in any feed is refused at once. */
export function mayManage(actor: Actor, action: "feed.moderate" | "feed.poll.manage"): Failure | null {
  const allowed = decideAnywhere(actor, action);
  return allowed.ok ? null : fail(allowed.message, 403);
}

/** Validate and check the person may take part; the shared first steps of every resident action. */
export function participant<S extends z.ZodType>(actor: Actor, schema: S, input: unknown): Result<z.output<S>> {
  const allowed = decide(actor, "feed.participate");
  if (!allowed.ok) return fail(allowed.reason === "sign-in" ? "Sign in to take part in this discussion." : allowed.message, 403);
  return validate(schema, input);
}

export const NO_POLL = () => fail("There is no such poll.", 404);

// ---------------------------------------------------------------------------------------------
// Broadcasting (after commit, by settle())

/** One committed feed event, sent to the feed's room once the transaction has committed. */
export const feedBroadcast = (event: FeedEventView): Effect => broadcast(rooms.feed(event.feedId), "feed:event", event);

/** A committed write's result: its events are broadcast after commit. */
export function written<T extends Written>(value: T): Result<T> {
  return ok(value, value.events.map(feedBroadcast));
}
