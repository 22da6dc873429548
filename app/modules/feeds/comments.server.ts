/**
 * Live feeds: posting, editing, deleting and reacting to comments.
 */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import type { FeedEventKind } from "../../../db/tables/feeds";
import { transact } from "../../lib/effects.server";
import { fail, type Result } from "../../lib/result";
import { type Actor } from "../permissions/permissions";
import { EDIT_WINDOW_MS, MAX_DEPTH, commentRef, editCommentSchema, postCommentSchema, reactSchema } from "./schema";
import type { CommentView, FeedEventView } from "./types";
import { NO_FEED, PAUSED, type Written, appendEvent, lockFeed, participant, written } from "./feeds-shared.server";
import { throttle } from "./rate-limit.server";
import { commentViews } from "./read-model.server";

// ---------------------------------------------------------------------------------------------
// Comments

export async function commentEvent(trx: Database, feedId: number, kind: FeedEventKind, commentId: number): Promise<FeedEventView> {
  const id = await appendEvent(trx, feedId, kind, { commentId });
  const comment = (await commentViews(trx, [commentId])).get(commentId)!;
  return { id, feedId, kind, comment };
}

export async function postComment(db: Database, actor: Actor, input: unknown): Promise<Result<Written & { comment: CommentView }>> {
  const parsed = participant(actor, postCommentSchema, input);
  if (!parsed.ok) return parsed;
  const { feedId, parentId, body } = parsed.value;
  const limited = await throttle(db, actor, "comment");
  if (limited) return limited;
  return transact(db, async (trx) => {
    const feed = await lockFeed(trx, feedId);
    if (!feed) return NO_FEED();
    if (feed.paused) return PAUSED();
    let depth = 0;
    if (parentId) {
      const parent = await trx.selectFrom("comments").select(["feed_id", "depth", "state"]).where("id", "=", parentId).executeTakeFirst();
      if (!parent || parent.feed_id !== feedId) return fail({ parentId: "The comment you are replying to is not in this feed" }, 404);
      if (parent.state !== "visible") return fail({ body: "You cannot reply to a comment that has been deleted or hidden" }, 409);
      if (parent.depth >= MAX_DEPTH) return fail({ body: "Replies can only go three levels deep: reply to an earlier comment in the thread" }, 400);
      depth = parent.depth + 1;
    }
    const row = await trx
      .insertInto("comments")
      .values({ feed_id: feedId, parent_id: parentId ?? null, depth, author_id: actor.user!.id, body })
      .returning("id")
      .executeTakeFirstOrThrow();
    const event = await commentEvent(trx, feedId, "comment.posted", row.id);
    return written({ comment: event.comment!, events: [event] });
  });
}

/** Lock the comment's feed and load the comment (the shared start of changing a comment). */
export async function lockComment(trx: Database, commentId: number) {
  const comment = await trx
    .selectFrom("comments")
    .select(["id", "feed_id", "author_id", "state", "created_at"])
    .where("id", "=", commentId)
    .executeTakeFirst();
  if (!comment) return fail("There is no such comment. It may have been removed.", 404);
  const feed = (await lockFeed(trx, comment.feed_id))!;
  return { ok: true as const, comment, feed };
}

export async function editComment(db: Database, actor: Actor, input: unknown, now = new Date()): Promise<Result<Written>> {
  const parsed = participant(actor, editCommentSchema, input);
  if (!parsed.ok) return parsed;
  const { commentId, body } = parsed.value;
  return transact(db, async (trx): Promise<Result<Written>> => {
    const found = await lockComment(trx, commentId);
    if (!found.ok) return found;
    const { comment, feed } = found;
    if (comment.author_id !== actor.user!.id) return fail("You can only edit your own comments.", 403);
    if (feed.paused) return PAUSED();
    if (comment.state !== "visible") return fail("This comment has been deleted or hidden and cannot be edited.", 409);
    if (now.getTime() - new Date(comment.created_at).getTime() > EDIT_WINDOW_MS) {
      return fail({ body: `Comments can only be edited in the first ${EDIT_WINDOW_MS / 60_000} minutes` }, 409);
    }
    await trx.updateTable("comments").set({ body, edited_at: now }).where("id", "=", commentId).execute();
    return written({ events: [await commentEvent(trx, feed.id, "comment.edited", commentId)] });
  });
}

export async function deleteComment(db: Database, actor: Actor, input: unknown): Promise<Result<Written>> {
  const parsed = participant(actor, commentRef, input);
  if (!parsed.ok) return parsed;
  return transact(db, async (trx): Promise<Result<Written>> => {
    const found = await lockComment(trx, parsed.value.commentId);
    if (!found.ok) return found;
    const { comment, feed } = found;
    if (comment.author_id !== actor.user!.id) return fail("You can only delete your own comments.", 403);
    if (feed.paused) return PAUSED();
    if (comment.state !== "visible") return fail("This comment has already been deleted or hidden.", 409);
    await trx.updateTable("comments").set({ state: "deleted" }).where("id", "=", comment.id).execute();
    return written({ events: [await commentEvent(trx, feed.id, "comment.deleted", comment.id)] });
  });
}

/** Agree, disagree, or take the reaction back ("none"): one reaction per person per comment. */
export async function reactToComment(db: Database, actor: Actor, input: unknown): Promise<Result<Written>> {
  const parsed = participant(actor, reactSchema, input);
  if (!parsed.ok) return parsed;
  const { commentId, reaction } = parsed.value;
  const limited = await throttle(db, actor, "vote");
  if (limited) return limited;
  return transact(db, async (trx): Promise<Result<Written>> => {
    const found = await lockComment(trx, commentId);
    if (!found.ok) return found;
    const { comment, feed } = found;
    if (feed.paused) return PAUSED();
    if (comment.author_id === actor.user!.id) return fail("You cannot agree or disagree with your own comment.", 403);
    if (comment.state !== "visible") return fail("This comment has been deleted or hidden.", 409);
    const userId = actor.user!.id;
    if (reaction === "none") {
      await trx.deleteFrom("comment_reactions").where("comment_id", "=", commentId).where("user_id", "=", userId).execute();
    } else {
      await trx
        .insertInto("comment_reactions")
        .values({ comment_id: commentId, user_id: userId, reaction })
        .onConflict((oc) => oc.columns(["comment_id", "user_id"]).doUpdateSet({ reaction, at: new Date() }))
        .execute();
    }
    await sql`
      UPDATE comments SET
        agree_count = (SELECT count(*) FROM comment_reactions WHERE comment_id = ${commentId} AND reaction = 'agree'),
        disagree_count = (SELECT count(*) FROM comment_reactions WHERE comment_id = ${commentId} AND reaction = 'disagree')
      WHERE id = ${commentId}`.execute(trx);
    return written({ events: [await commentEvent(trx, feed.id, "comment.reacted", commentId)] });
  });
}
