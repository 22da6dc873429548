/**
 * Live feeds: comments (threads, edits, deletes, agree/disagree), quick polls and moderation.
 * A feed belongs to a consultation, a meeting, an agenda item or a locality; other capabilities
 * get theirs with `getOrCreateFeed`.
 *
 * Every write that watchers must see appends a row to feed_events inside the same transaction,
 * after locking the feed row, so ids commit in order within a feed. Operations return the
 * committed events with one broadcast effect each (`written`); the caller hands the result to
 * `settle()`, which broadcasts only then — a failed write is rolled back and has no effects.
 */
import { sql } from "kysely";
import type { z } from "zod";
import type { Database } from "../../../db/client";
import type { FeedEventKind, FeedSubjectKind } from "../../../db/tables/feeds";
import { rooms } from "../../../realtime/events";
import { broadcast, tallySoon, type Effect } from "../../lib/effects";
import { transact } from "../../lib/effects.server";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { consumeEach, rateLimiter } from "../auth/throttle.server";
import { ANYWHERE, COUNCIL, decide, type Actor, type Target } from "../permissions/permissions";
import {
  EDIT_WINDOW_MS,
  MAX_DEPTH,
  commentRef,
  editCommentSchema,
  feedRef,
  flagSchema,
  hidePollSchema,
  hideSchema,
  listSchema,
  openPollSchema,
  pollRef,
  postCommentSchema,
  reactSchema,
  voteSchema,
} from "./schema";
import type { CommentView, FeedEventView, FeedSummary, PollView } from "./types";

type Failure = Extract<Result<never>, { ok: false }>;

// ---------------------------------------------------------------------------------------------
// Feeds

export interface FeedSubject {
  kind: FeedSubjectKind;
  id: number;
  title: string;
  localityId?: number | null;
  /** The board a meeting or agenda item belongs to. */
  boardId?: number | null;
  /** Create it read-only (only used when the feed does not exist yet), e.g. a closed consultation's. */
  paused?: boolean;
}

const FEED_COLUMNS = ["id", "subject_kind", "subject_id", "title", "locality_id", "board_id", "paused"] as const;

function toSummary(row: { id: number; subject_kind: FeedSubjectKind; subject_id: number; title: string; locality_id: number | null; board_id: number | null; paused: boolean }): FeedSummary {
  return { id: row.id, subjectKind: row.subject_kind, subjectId: row.subject_id, title: row.title, localityId: row.locality_id, boardId: row.board_id, paused: row.paused };
}

/**
 * The feed of a consultation, meeting, agenda item or locality: created the first time it is asked
 * for. Pages call this on every view, so it only reads when the feed exists (no write, no row
 * lock); a missing feed is inserted, and if another request inserted it first, that one is read.
 */
export async function getOrCreateFeed(db: Database, subject: FeedSubject): Promise<FeedSummary> {
  const find = () => db.selectFrom("feeds").select(FEED_COLUMNS).where("subject_kind", "=", subject.kind).where("subject_id", "=", subject.id).executeTakeFirst();
  const existing = await find();
  if (existing) return toSummary(existing);
  const created = await db
    .insertInto("feeds")
    .values({ subject_kind: subject.kind, subject_id: subject.id, title: subject.title, locality_id: subject.localityId ?? null, board_id: subject.boardId ?? null, paused: subject.paused ?? false })
    .onConflict((oc) => oc.columns(["subject_kind", "subject_id"]).doNothing())
    .returning(FEED_COLUMNS)
    .executeTakeFirst();
  const row = created ?? (await find());
  if (!row) throw new Error(`The ${subject.kind} ${subject.id} feed was neither found nor created`);
  return toSummary(row);
}

export async function findFeed(db: Database, feedId: number): Promise<FeedSummary | null> {
  const row = await db.selectFrom("feeds").select(FEED_COLUMNS).where("id", "=", feedId).executeTakeFirst();
  return row ? toSummary(row) : null;
}

/** A feed of a board's meeting or agenda item answers to the board (so board-scoped roles reach it); others to their locality. */
const targetOf = (feed: { locality_id: number | null; board_id: number | null } | { localityId: number | null; boardId: number | null }): Target => {
  const [localityId, boardId] = "locality_id" in feed ? [feed.locality_id, feed.board_id] : [feed.localityId, feed.boardId];
  if (boardId) return { kind: "board", boardId, localityId };
  return localityId ? { kind: "locality", localityId } : COUNCIL;
};

/** What this person may do in this feed (for showing the right controls). */
export function feedAbilities(actor: Actor, feed: FeedSummary) {
  const target = targetOf(feed);
  return {
    userId: actor.user?.id ?? null,
    participate: decide(actor, "feed.participate", target).ok,
    moderate: decide(actor, "feed.moderate", target).ok,
    managePolls: decide(actor, "feed.poll.manage", target).ok,
  };
}
export type FeedAbilities = ReturnType<typeof feedAbilities>;

const NO_FEED = () => fail("There is no such feed. It may have been removed.", 404);
const PAUSED = () => fail("This feed is paused by a moderator: it is read-only for now.", 409);

/** Lock the feed row for the rest of the transaction: events of one feed commit in id order. */
async function lockFeed(trx: Database, feedId: number) {
  return trx.selectFrom("feeds").select(["id", "locality_id", "board_id", "paused"]).where("id", "=", feedId).forUpdate().executeTakeFirst();
}

async function appendEvent(trx: Database, feedId: number, kind: FeedEventKind, ref: { commentId?: number; pollId?: number } = {}) {
  const row = await trx
    .insertInto("feed_events")
    .values({ feed_id: feedId, kind, comment_id: ref.commentId ?? null, poll_id: ref.pollId ?? null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

// ---------------------------------------------------------------------------------------------
// Reading

function commentQuery(db: Database) {
  return db
    .selectFrom("comments as c")
    .innerJoin("users as u", "u.id", "c.author_id")
    .select([
      "c.id",
      "c.feed_id",
      "c.parent_id",
      "c.depth",
      "c.author_id",
      "u.display_name",
      "c.body",
      "c.state",
      "c.hidden_reason",
      "c.created_at",
      "c.edited_at",
      "c.agree_count",
      "c.disagree_count",
    ]);
}
type CommentRow = Awaited<ReturnType<ReturnType<typeof commentQuery>["execute"]>>[number];

function toCommentView(r: CommentRow): CommentView {
  return {
    id: r.id,
    feedId: r.feed_id,
    parentId: r.parent_id,
    depth: r.depth,
    authorId: r.author_id,
    authorName: r.display_name,
    body: r.state === "visible" ? r.body : null,
    state: r.state,
    hiddenReason: r.state === "hidden" ? r.hidden_reason : null,
    createdAt: new Date(r.created_at).toISOString(),
    edited: r.edited_at !== null,
    agree: r.agree_count,
    disagree: r.disagree_count,
  };
}

async function commentViews(db: Database, ids: number[]): Promise<Map<number, CommentView>> {
  if (!ids.length) return new Map();
  const rows = await commentQuery(db).where("c.id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, toCommentView(r)]));
}

/** Polls as watchers see them (a hidden poll without its question, options or counts; `reveal` for counting it). */
async function pollViews(db: Database, where: { feedId?: number; pollIds?: number[] }, reveal = false): Promise<PollView[]> {
  let query = db.selectFrom("polls").selectAll().orderBy("id", "desc");
  if (where.feedId !== undefined) query = query.where("feed_id", "=", where.feedId);
  if (where.pollIds) query = where.pollIds.length ? query.where("id", "in", where.pollIds) : query.where(sql<boolean>`false`);
  const polls = await query.execute();
  if (!polls.length) return [];
  const ids = polls.map((p) => p.id);
  const [options, counts, voters] = await Promise.all([
    db.selectFrom("poll_options").select(["id", "poll_id", "label"]).where("poll_id", "in", ids).orderBy("position").execute(),
    db.selectFrom("poll_votes").select(["option_id", (eb) => eb.fn.countAll<number>().as("n")]).where("poll_id", "in", ids).groupBy("option_id").execute(),
    db.selectFrom("poll_votes").select(["poll_id", (eb) => eb.fn.count<number>("user_id").distinct().as("n")]).where("poll_id", "in", ids).groupBy("poll_id").execute(),
  ]);
  const live = new Map(counts.map((c) => [c.option_id, Number(c.n)]));
  const liveVoters = new Map(voters.map((v) => [v.poll_id, Number(v.n)]));
  return polls.map((p) => {
    const frozen = p.status === "closed" ? (p.final_counts ?? {}) : null;
    const hidden = p.hidden_reason !== null && !reveal;
    return {
      id: p.id,
      feedId: p.feed_id,
      question: hidden ? "" : p.question,
      hidden,
      hiddenReason: p.hidden_reason,
      multiple: p.multiple,
      status: p.status,
      options: hidden
        ? []
        : options
        .filter((o) => o.poll_id === p.id)
        .map((o) => ({ id: o.id, label: o.label, votes: frozen ? (frozen[String(o.id)] ?? 0) : (live.get(o.id) ?? 0) })),
      voters: hidden ? 0 : frozen ? (p.final_voters ?? 0) : (liveVoters.get(p.id) ?? 0),
      openedAt: new Date(p.opened_at).toISOString(),
      closedAt: p.closed_at ? new Date(p.closed_at).toISOString() : null,
    };
  });
}

export async function pollView(db: Database, pollId: number, options: { reveal?: boolean } = {}): Promise<PollView | null> {
  return (await pollViews(db, { pollIds: [pollId] }, options.reveal))[0] ?? null;
}

/** Build the views of event rows (the current state of what each event is about). */
async function eventViews(
  db: Database,
  events: { id: number; feed_id: number; kind: FeedEventKind; comment_id: number | null; poll_id: number | null }[],
): Promise<FeedEventView[]> {
  const comments = await commentViews(db, [...new Set(events.flatMap((e) => (e.comment_id ? [e.comment_id] : [])))]);
  const pollIds = [...new Set(events.flatMap((e) => (e.poll_id ? [e.poll_id] : [])))];
  const polls = new Map((await pollViews(db, { pollIds })).map((p) => [p.id, p]));
  return events.map((e) => {
    const view: FeedEventView = { id: Number(e.id), feedId: e.feed_id, kind: e.kind };
    if (e.comment_id) view.comment = comments.get(e.comment_id);
    if (e.poll_id) view.poll = polls.get(e.poll_id);
    if (e.kind === "feed.paused" || e.kind === "feed.resumed") view.paused = e.kind === "feed.paused";
    return view;
  });
}

export const CATCH_UP_LIMIT = 2000;

/** Everything that happened in a feed after `after`, in order, at most CATCH_UP_LIMIT at a time. */
export async function eventsAfter(db: Database, feedId: number, after: number): Promise<{ events: FeedEventView[]; complete: boolean }> {
  const rows = await db
    .selectFrom("feed_events")
    .select(["id", "feed_id", "kind", "comment_id", "poll_id"])
    .where("feed_id", "=", feedId)
    .where("id", ">", after)
    .orderBy("id")
    .limit(CATCH_UP_LIMIT + 1)
    .execute();
  const complete = rows.length <= CATCH_UP_LIMIT;
  return { events: await eventViews(db, rows.slice(0, CATCH_UP_LIMIT)), complete };
}

export async function lastEventId(db: Database, feedId: number): Promise<number> {
  const row = await db.selectFrom("feed_events").select((eb) => eb.fn.max("id").as("id")).where("feed_id", "=", feedId).executeTakeFirst();
  return Number(row?.id ?? 0);
}

export interface FeedPage {
  feed: FeedSummary;
  abilities: FeedAbilities;
  /** Top-level comments of this page followed by all their replies. */
  comments: CommentView[];
  hasEarlier: boolean;
  sort: "newest" | "agreed";
  shown: number;
  polls: PollView[];
  myReactions: Record<number, "agree" | "disagree">;
  myVotes: Record<number, number[]>;
  /** Read before everything else: replaying after it can only repeat, never miss. */
  lastEventId: number;
}

/** A feed as a page shows it: a page of top-level comments with their replies, the polls. */
export async function loadFeedPage(db: Database, actor: Actor, feedId: number, query: unknown = {}): Promise<Result<FeedPage>> {
  const { sort, shown } = listSchema.parse(query);
  const lastId = await lastEventId(db, feedId);
  const feed = await findFeed(db, feedId);
  if (!feed) return NO_FEED();
  let top = commentQuery(db).where("c.feed_id", "=", feedId).where("c.parent_id", "is", null);
  top = sort === "agreed" ? top.orderBy("c.agree_count", "desc").orderBy("c.id", "desc") : top.orderBy("c.id", "desc");
  const topRows = await top.limit(shown + 1).execute();
  const hasEarlier = topRows.length > shown;
  const rows = topRows.slice(0, shown);
  let parents = rows.map((r) => r.id);
  const replies: CommentRow[] = [];
  for (let depth = 1; depth <= MAX_DEPTH && parents.length; depth++) {
    const level = await commentQuery(db).where("c.parent_id", "in", parents).orderBy("c.id").execute();
    replies.push(...level);
    parents = level.map((r) => r.id);
  }
  const comments = [...rows, ...replies].map(toCommentView);
  const polls = await pollViews(db, { feedId });
  const myReactions: FeedPage["myReactions"] = {};
  const myVotes: FeedPage["myVotes"] = {};
  if (actor.user) {
    const ids = comments.map((c) => c.id);
    if (ids.length) {
      const mine = await db.selectFrom("comment_reactions").select(["comment_id", "reaction"]).where("user_id", "=", actor.user.id).where("comment_id", "in", ids).execute();
      for (const r of mine) myReactions[r.comment_id] = r.reaction;
    }
    if (polls.length) {
      const votes = await db.selectFrom("poll_votes").select(["poll_id", "option_id"]).where("user_id", "=", actor.user.id).where("poll_id", "in", polls.map((p) => p.id)).execute();
      for (const v of votes) (myVotes[v.poll_id] ??= []).push(v.option_id);
    }
  }
  return ok({ feed, abilities: feedAbilities(actor, feed), comments, hasEarlier, sort, shown, polls, myReactions, myVotes, lastEventId: lastId });
}

// ---------------------------------------------------------------------------------------------
// Rate limits (rate-limiter-flexible, PostgreSQL store): per person, shared by every process.

export const COMMENT_LIMIT = { points: 10, duration: 60 };
export const VOTE_LIMIT = { points: 30, duration: 60 };
const LIMIT_PREFIX = { comment: "feed-comment", vote: "feed-vote" } as const;
const limiters = new WeakMap<Database, Record<"comment" | "vote", ReturnType<typeof rateLimiter>>>();

async function throttle(db: Database, actor: Actor, kind: "comment" | "vote"): Promise<Failure | null> {
  let found = limiters.get(db);
  if (!found) {
    found = { comment: rateLimiter(db, LIMIT_PREFIX.comment, COMMENT_LIMIT), vote: rateLimiter(db, LIMIT_PREFIX.vote, VOTE_LIMIT) };
    limiters.set(db, found);
  }
  try {
    await found[kind].consume(String(actor.user!.id));
    return null;
  } catch (rejection) {
    if (rejection instanceof Error) throw rejection;
    return limited(kind, (rejection as { msBeforeNext?: number }).msBeforeNext);
  }
}

/** The refusal when a person has used up their limit. */
function limited(kind: "comment" | "vote", msBeforeNext = 60_000): Failure {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const limit = kind === "comment" ? COMMENT_LIMIT : VOTE_LIMIT;
  const what = kind === "comment" ? "comments" : "votes and reactions";
  return fail(`You can send at most ${limit.points} ${what} a minute. Wait ${seconds} seconds and try again.`, 429);
}

// ---------------------------------------------------------------------------------------------
// Comments

export interface Written {
  events: FeedEventView[];
}

/** Validate and check the person may take part; the shared first steps of every resident action. */
function participant<S extends z.ZodType>(actor: Actor, schema: S, input: unknown): Result<z.output<S>> {
  const allowed = decide(actor, "feed.participate");
  if (!allowed.ok) return fail(allowed.reason === "sign-in" ? "Sign in to take part in this discussion." : allowed.message, 403);
  return validate(schema, input);
}

async function commentEvent(trx: Database, feedId: number, kind: FeedEventKind, commentId: number): Promise<FeedEventView> {
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
async function lockComment(trx: Database, commentId: number) {
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

// ---------------------------------------------------------------------------------------------
// Polls

export async function openPoll(db: Database, actor: Actor, input: unknown): Promise<Result<Written & { pollId: number }>> {
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

type VoteResult = Result<{ pollId: number; feedId: number }>;

const CLOSED = () => fail("This poll has closed: votes can no longer be cast or changed.", 409);
const NO_POLL = () => fail("There is no such poll.", 404);

/**
 * Cast or change a vote. Not a feed event: tallies are broadcast coalesced (`scheduleTally`).
 *
 * Votes are the hot path, so they are group-committed: each vote is validated and
 * permission-checked on its own, then queued per poll; the votes that arrive while the poll's
 * previous batch is committing are written together in ONE statement (rate limit, poll check,
 * multi-row write: `writeVotes`), and each promise resolves only after it has committed — so a caller still acks
 * (and broadcasts) only what is stored. A person's second vote waits for the next batch, so their
 * votes apply in the order sent. If a batch fails unexpectedly, its votes are retried one by one,
 * so one bad vote fails alone.
 */
export async function castVote(db: Database, actor: Actor, input: unknown): Promise<VoteResult> {
  const parsed = participant(actor, voteSchema, input);
  if (!parsed.ok) return parsed;
  const vote = { pollId: parsed.value.pollId, userId: actor.user!.id, optionIds: [...new Set(parsed.value.optionIds)] };
  return new Promise<VoteResult>((resolve, reject) => queueVote(db, { ...vote, resolve, reject }));
}

interface QueuedVote {
  pollId: number;
  userId: number;
  optionIds: number[];
  resolve: (result: VoteResult) => void;
  reject: (error: unknown) => void;
}

/** At most this many votes in one statement. */
export const VOTE_BATCH_MAX = 500;
/** Counters for tests and the benchmark: how many batches, votes in them, and batches retried vote by vote. */
export const voteBatches = { batches: 0, votes: 0, retried: 0 };
const voteQueues = new WeakMap<Database, Map<number, QueuedVote[]>>();

function queueVote(db: Database, vote: QueuedVote): void {
  let byPoll = voteQueues.get(db);
  if (!byPoll) voteQueues.set(db, (byPoll = new Map()));
  const waiting = byPoll.get(vote.pollId);
  if (waiting) {
    waiting.push(vote); // a batch of this poll is being written or about to be: join the next
    return;
  }
  const queue = [vote];
  byPoll.set(vote.pollId, queue);
  setImmediate(() => void drainVotes(db, byPoll, vote.pollId, queue)); // let this tick's votes join
}

async function drainVotes(db: Database, byPoll: Map<number, QueuedVote[]>, pollId: number, queue: QueuedVote[]): Promise<void> {
  while (queue.length) {
    const batch: QueuedVote[] = [];
    const later: QueuedVote[] = [];
    const people = new Set<number>();
    for (const vote of queue) {
      if (batch.length < VOTE_BATCH_MAX && !people.has(vote.userId)) {
        people.add(vote.userId);
        batch.push(vote);
      } else later.push(vote);
    }
    queue.splice(0, queue.length, ...later);
    voteBatches.batches++;
    voteBatches.votes += batch.length;
    try {
      const results = await writeVotes(db, pollId, batch);
      batch.forEach((vote, i) => vote.resolve(results[i]!));
    } catch {
      voteBatches.retried++;
      for (const vote of batch) await writeVotes(db, pollId, [vote]).then(([result]) => vote.resolve(result!), vote.reject);
    }
  }
  byPoll.delete(pollId);
}

type PollCheck = { feed_id: number; status: string; paused: boolean; multiple: boolean; hidden_reason: string | null; options: number[] };

/**
 * One batch of one poll's votes (one per person) in ONE statement, so one round trip and atomic
 * on its own: the batch's rate-limit points, the poll read FOR KEY SHARE (batches do not block
 * each other, but a closing poll, FOR UPDATE, makes them wait and then see it closed, so no vote
 * lands after the count is frozen), and the delete-other-choices + upsert of exactly the votes
 * that pass every check. The row returned (poll, points) lets `checkVote` answer each vote with
 * the same decision and say which check failed.
 */
async function writeVotes(db: Database, pollId: number, batch: QueuedVote[]): Promise<VoteResult[]> {
  const limits = consumeEach(LIMIT_PREFIX.vote, VOTE_LIMIT, batch.map((v) => String(v.userId)));
  const voters = batch.flatMap((v) => v.optionIds.map(() => v.userId));
  const options = batch.flatMap((v) => v.optionIds);
  const { rows } = await sql<{ poll: PollCheck | null; limits: Parameters<typeof limits.read>[0] }>`
    WITH limits AS (${limits.statement}),
    ballot AS (SELECT * FROM unnest(${voters}::int[], ${options}::int[]) AS b (user_id, option_id)),
    poll AS (
      SELECT p.feed_id, p.status, p.multiple, p.hidden_reason, f.paused, array(SELECT o.id FROM poll_options o WHERE o.poll_id = p.id) AS options
      FROM polls p JOIN feeds f ON f.id = p.feed_id WHERE p.id = ${pollId} FOR KEY SHARE OF p
    ), accepted AS (
      SELECT b.user_id FROM ballot b
      JOIN limits l ON l.key = ${LIMIT_PREFIX.vote + ":"}::text || b.user_id
      CROSS JOIN poll
      WHERE l.points <= ${VOTE_LIMIT.points} AND poll.status = 'open' AND poll.hidden_reason IS NULL AND NOT poll.paused
      GROUP BY b.user_id, poll.multiple
      HAVING (poll.multiple OR count(*) = 1) AND bool_and(b.option_id = ANY(poll.options))
    ), removed AS (
      DELETE FROM poll_votes v WHERE v.poll_id = ${pollId} AND v.user_id IN (SELECT user_id FROM accepted)
        AND NOT EXISTS (SELECT 1 FROM ballot b WHERE b.user_id = v.user_id AND b.option_id = v.option_id)
    ), added AS (
      INSERT INTO poll_votes (poll_id, option_id, user_id)
      SELECT ${pollId}, option_id, user_id FROM ballot WHERE user_id IN (SELECT user_id FROM accepted) ORDER BY user_id, option_id
      ON CONFLICT (poll_id, user_id, option_id) DO UPDATE SET at = now()
    )
    SELECT (SELECT row_to_json(poll) FROM poll) AS poll, (SELECT coalesce(json_agg(limits), '[]') FROM limits) AS limits`.execute(db);
  const poll = rows[0]!.poll ?? undefined;
  const used = limits.read(rows[0]!.limits);
  return batch.map((vote) => {
    const rate = used.get(String(vote.userId))!;
    if (rate.consumed > VOTE_LIMIT.points) return limited("vote", rate.msBeforeNext);
    return checkVote(poll, vote.optionIds) ?? ok({ pollId, feedId: poll!.feed_id }, [tallySoon(poll!.feed_id, pollId)]);
  });
}

/** Why this vote cannot be stored in this poll, or null when it can. */
function checkVote(poll: PollCheck | undefined, optionIds: number[]): Failure | null {
  if (!poll) return NO_POLL();
  if (poll.status !== "open") return CLOSED();
  if (poll.hidden_reason !== null) return fail("This poll has been hidden by a moderator: votes cannot be cast or changed.", 409);
  if (poll.paused) return PAUSED();
  if (!poll.multiple && optionIds.length > 1) return fail({ optionIds: "Choose one option" });
  if (!optionIds.every((id) => poll.options.includes(id))) return fail({ optionIds: "Choose from the poll's options" });
  return null;
}

/** Close a poll: the counts are frozen into the poll row and no vote can change them. */
export async function closePoll(db: Database, actor: Actor, input: unknown): Promise<Result<Written>> {
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
async function changePoll(
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

// ---------------------------------------------------------------------------------------------
// Moderation

export async function flagComment(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = participant(actor, flagSchema, input);
  if (!parsed.ok) return parsed;
  const { commentId, reason } = parsed.value;
  const limited = await throttle(db, actor, "comment");
  if (limited) return limited;
  const comment = await db.selectFrom("comments").select("id").where("id", "=", commentId).executeTakeFirst();
  if (!comment) return fail("There is no such comment. It may have been removed.", 404);
  await db
    .insertInto("comment_flags")
    .values({ comment_id: commentId, user_id: actor.user!.id, reason })
    .onConflict((oc) => oc.columns(["comment_id", "user_id"]).doUpdateSet({ reason, status: "open", at: new Date() }))
    .execute();
  return ok(null);
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

// ---------------------------------------------------------------------------------------------
// Broadcasting (after commit, by settle())

/** One committed feed event, sent to the feed's room once the transaction has committed. */
export const feedBroadcast = (event: FeedEventView): Effect => broadcast(rooms.feed(event.feedId), "feed:event", event);

/** A committed write's result: its events are broadcast after commit. */
function written<T extends Written>(value: T): Result<T> {
  return ok(value, value.events.map(feedBroadcast));
}

/** Tallies are coalesced by the realtime layer (at most one per TALLY_INTERVAL_MS per room), read fresh when sent. */
export const TALLY_INTERVAL_MS = 250;

/** The current tallies of some polls, for the coalesced `feed:tally` broadcast. */
export function tallies(db: Database, pollIds: number[]): Promise<PollView[]> {
  return pollViews(db, { pollIds });
}

/** Every feed, for the list of discussions. */
export async function listFeeds(db: Database): Promise<FeedSummary[]> {
  return (await db.selectFrom("feeds").select(FEED_COLUMNS).orderBy("title").execute()).map(toSummary);
}
