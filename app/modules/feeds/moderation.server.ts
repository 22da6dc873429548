/**
 * Live feeds: moderation (flags, hiding and restoring comments and polls, the queue) and
 * pausing a feed.
 */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import type { FeedEventKind, FeedSubjectKind } from "../../../db/tables/feeds";
import { type Effect } from "../../lib/effects";
import { transact } from "../../lib/effects.server";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { ANYWHERE, COUNCIL, decide, type Actor } from "../permissions/permissions";
import { commentRef, feedRef, flagSchema, hidePollSchema, hideSchema, pollRef } from "./schema";
import { commentEvent, lockComment } from "./comments.server";
import { type Failure, NO_FEED, type Written, appendEvent, feedBroadcast, lockFeed, mayManage, participant, targetOf, written } from "./feeds-shared.server";
import { changePoll } from "./polls.server";
import { commentReported } from "../notifications/moderator-alerts.server";
import { throttle } from "./rate-limit.server";
import { commentQuery, listFeeds, toCommentView } from "./read-model.server";

// ---------------------------------------------------------------------------------------------
// Moderation

/**
 * Report a comment to the moderators: a command on the one write path (one transaction; its
 * effects, the moderators' alert, are carried out by `settle()` in the route action and the socket
 * handler alike). Reporting again replaces the person's earlier reason. The alert is grouped per
 * moderator (notifications/moderator-alerts.server.ts), so a burst of reports is one e-mail.
 */
export async function flagComment(db: Database, actor: Actor, input: unknown, now: Date = new Date()): Promise<Result<{ commentId: number }>> {
  const parsed = participant(actor, flagSchema, input);
  if (!parsed.ok) return parsed;
  const { commentId, reason } = parsed.value;
  const limited = await throttle(db, actor, "comment");
  if (limited) return limited;
  return transact(db, async (trx) => {
    const comment = await trx
      .selectFrom("comments as c")
      .innerJoin("feeds as f", "f.id", "c.feed_id")
      .select(["c.id", "c.body", "f.title", "f.locality_id", "f.board_id"])
      .where("c.id", "=", commentId)
      .executeTakeFirst();
    if (!comment) return fail("There is no such comment. It may have been removed.", 404);
    await trx
      .insertInto("comment_flags")
      .values({ comment_id: commentId, user_id: actor.user!.id, reason })
      .onConflict((oc) => oc.columns(["comment_id", "user_id"]).doUpdateSet({ reason, status: "open", at: new Date() }))
      .execute();
    const alerted = await commentReported(trx, { commentId, body: comment.body, reason, feedTitle: comment.title, target: targetOf(comment) }, now);
    return ok({ commentId }, alerted);
  });
}

async function moderate(
  db: Database,
  actor: Actor,
  commentId: number,
  change: (trx: Database, comment: { id: number; state: string }) => Promise<Failure | FeedEventKind>,
): Promise<Result<Written>> {
  return transact(db, async (trx): Promise<Result<Written>> => {
    const found = await lockComment(trx, commentId);
    if (!found.ok) return found;
    const allowed = decide(actor, "feed.moderate", targetOf(found.feed));
    if (!allowed.ok) return fail(allowed.message, 403);
    const outcome = await change(trx, found.comment);
    if (typeof outcome !== "string") return outcome;
    return written({ events: [await commentEvent(trx, found.feed.id, outcome, commentId)] });
  });
}

/** Hide a comment: it disappears from every page and live client, shown as "hidden by a moderator". */
export async function hideComment(db: Database, actor: Actor, input: unknown): Promise<Result<Written>> {
  const anywhere = mayManage(actor, "feed.moderate");
  if (anywhere) return anywhere;
  const parsed = validate(hideSchema, input);
  if (!parsed.ok) return parsed;
  const { commentId, reason } = parsed.value;
  return moderate(db, actor, commentId, async (trx, comment) => {
    if (comment.state === "hidden") return fail("This comment is already hidden.", 409);
    await trx.updateTable("comments").set({ state: "hidden", hidden_reason: reason }).where("id", "=", commentId).execute();
    await trx.updateTable("comment_flags").set({ status: "dealt_with" }).where("comment_id", "=", commentId).where("status", "=", "open").execute();
    await audit(trx, actor, "feed.comment.hidden", `comment:${commentId}`, { reason, previousState: comment.state });
    return "comment.hidden";
  });
}

export async function restoreComment(db: Database, actor: Actor, input: unknown): Promise<Result<Written>> {
  const anywhere = mayManage(actor, "feed.moderate");
  if (anywhere) return anywhere;
  const parsed = validate(commentRef, input);
  if (!parsed.ok) return parsed;
  const { commentId } = parsed.value;
  return moderate(db, actor, commentId, async (trx, comment) => {
    if (comment.state !== "hidden") return fail("Only a hidden comment can be restored.", 409);
    await trx.updateTable("comments").set({ state: "visible", hidden_reason: null }).where("id", "=", commentId).execute();
    await audit(trx, actor, "feed.comment.restored", `comment:${commentId}`);
    return "comment.restored";
  });
}

/**
 * Hide a poll (an abusive question or options): every page and live client then shows it as
 * "hidden by a moderator", without its question, options or counts, and it takes no votes.
 * Restoring brings it back as it was (still open, or with its frozen result).
 */
export async function hidePoll(db: Database, actor: Actor, input: unknown): Promise<Result<Written>> {
  const anywhere = mayManage(actor, "feed.moderate");
  if (anywhere) return anywhere;
  const parsed = validate(hidePollSchema, input);
  if (!parsed.ok) return parsed;
  const { pollId, reason } = parsed.value;
  return changePoll(db, actor, pollId, "feed.moderate", async (trx, poll) => {
    if (poll.hidden_reason !== null) return fail("This poll is already hidden.", 409);
    await trx.updateTable("polls").set({ hidden_reason: reason }).where("id", "=", pollId).execute();
    await audit(trx, actor, "feed.poll.hidden", `poll:${pollId}`, { reason });
    return "poll.hidden";
  });
}

export async function restorePoll(db: Database, actor: Actor, input: unknown): Promise<Result<Written>> {
  const anywhere = mayManage(actor, "feed.moderate");
  if (anywhere) return anywhere;
  const parsed = validate(pollRef, input);
  if (!parsed.ok) return parsed;
  const { pollId } = parsed.value;
  return changePoll(db, actor, pollId, "feed.moderate", async (trx, poll) => {
    if (poll.hidden_reason === null) return fail("Only a hidden poll can be restored.", 409);
    await trx.updateTable("polls").set({ hidden_reason: null }).where("id", "=", pollId).execute();
    await audit(trx, actor, "feed.poll.restored", `poll:${pollId}`);
    return "poll.restored";
  });
}

/**
 * Flagged comments still showing, and hidden ones (to restore): the moderator's queue. A
 * moderator of some localities (or boards) sees only the feeds they may moderate.
 */
export async function moderationQueue(db: Database, actor: Actor) {
  const allowed = decide(actor, "feed.moderate", ANYWHERE);
  if (!allowed.ok) return fail(allowed.message, 403);
  const feeds = (await listFeeds(db)).filter((f) => decide(actor, "feed.moderate", targetOf(f)).ok);
  const everywhere = decide(actor, "feed.moderate", COUNCIL).ok;
  const ids = feeds.map((f) => f.id);
  const onlyMine = sql<boolean>`feeds.id = any(${ids}::int[])`;
  const flagged = await commentQuery(db)
    .innerJoin("comment_flags as f", "f.comment_id", "c.id")
    .innerJoin("feeds", "feeds.id", "c.feed_id")
    .select(["feeds.title as feed_title", (eb) => eb.fn.agg<string[]>("array_agg", ["f.reason"]).as("reasons")])
    .where("f.status", "=", "open")
    .where("c.state", "=", "visible")
    .$if(!everywhere, (q) => q.where(onlyMine))
    .groupBy(["c.id", "u.display_name", "feeds.title"])
    .orderBy((eb) => eb.fn.min("f.at"))
    .execute();
  const hidden = await commentQuery(db)
    .innerJoin("feeds", "feeds.id", "c.feed_id")
    .select(["feeds.title as feed_title"])
    .where("c.state", "=", "hidden")
    .$if(!everywhere, (q) => q.where(onlyMine))
    .orderBy("c.id", "desc")
    .limit(50)
    .execute();
  const hiddenPolls = await db
    .selectFrom("polls as p")
    .innerJoin("feeds", "feeds.id", "p.feed_id")
    .select(["p.id", "p.question", "p.hidden_reason", "feeds.title as feed_title"])
    .where("p.hidden_reason", "is not", null)
    .$if(!everywhere, (q) => q.where(onlyMine))
    .orderBy("p.id", "desc")
    .limit(50)
    .execute();
  return ok({
    flagged: flagged.map((r) => ({ ...toCommentView(r), text: r.body, feedTitle: r.feed_title, reasons: r.reasons })),
    hidden: hidden.map((r) => ({ ...toCommentView(r), text: r.body, feedTitle: r.feed_title })),
    // moderators see a hidden poll's question here so they can judge whether to restore it
    hiddenPolls: hiddenPolls.map((p) => ({ id: p.id, question: p.question, hiddenReason: p.hidden_reason!, feedTitle: p.feed_title })),
    feeds,
  });
}

/** Pause (read-only) or resume a feed. */
export async function setFeedPaused(db: Database, actor: Actor, input: unknown, paused: boolean): Promise<Result<Written>> {
  const anywhere = mayManage(actor, "feed.moderate");
  if (anywhere) return anywhere;
  const parsed = validate(feedRef, input);
  if (!parsed.ok) return parsed;
  const { feedId } = parsed.value;
  return transact(db, async (trx) => {
    const feed = await lockFeed(trx, feedId);
    if (!feed) return NO_FEED();
    const allowed = decide(actor, "feed.moderate", targetOf(feed));
    if (!allowed.ok) return fail(allowed.message, 403);
    if (feed.paused === paused) return fail(paused ? "This feed is already paused." : "This feed is not paused.", 409);
    await trx.updateTable("feeds").set({ paused }).where("id", "=", feedId).execute();
    await audit(trx, actor, paused ? "feed.paused" : "feed.resumed", `feed:${feedId}`);
    const kind = paused ? "feed.paused" : "feed.resumed";
    return written({ events: [{ id: await appendEvent(trx, feedId, kind), feedId, kind, paused }] });
  });
}

/**
 * The feature that owns a feed makes it read-only because the thing itself ended (a consultation
 * closing): no permission check, because the owner's own action (or its clock) decided. Runs
 * inside the owner's transaction; the owner returns the effects with its own result. Nothing happens
 * if the feed was never created or is already paused.
 */
export async function pauseFeedOf(trx: Database, subject: { kind: FeedSubjectKind; id: number }): Promise<Effect[]> {
  const feed = await trx
    .selectFrom("feeds")
    .select(["id", "paused"])
    .where("subject_kind", "=", subject.kind)
    .where("subject_id", "=", subject.id)
    .forUpdate()
    .executeTakeFirst();
  if (!feed || feed.paused) return [];
  await trx.updateTable("feeds").set({ paused: true }).where("id", "=", feed.id).execute();
  return [feedBroadcast({ id: await appendEvent(trx, feed.id, "feed.paused"), feedId: feed.id, kind: "feed.paused", paused: true })];
}
