/**
 * Live feeds: the feeds themselves (created with their subject, found, listed) and reading them:
 * comments, polls, events to catch up on, and the page.
 */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import type { FeedEventKind, FeedSubjectKind } from "../../../db/tables/feeds";
import { clipText } from "../../lib/input-limits";
import { ok, type Result } from "../../lib/result";
import { decide, type Actor } from "../permissions/permissions";
import { MAX_DEPTH, listSchema } from "./schema";
import type { CommentView, FeedEventView, FeedSummary, PollView } from "./types";
import { NO_FEED, targetOf } from "./feeds-shared.server";

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

/** The feeds.title column holds at most this many characters; a subject's title is cut to fit. */
const FEED_TITLE_MAX = 200;

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
    .values({ subject_kind: subject.kind, subject_id: subject.id, title: clipText(subject.title, FEED_TITLE_MAX), locality_id: subject.localityId ?? null, board_id: subject.boardId ?? null, paused: subject.paused ?? false })
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

// ---------------------------------------------------------------------------------------------
// Reading

export function commentQuery(db: Database) {
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

export function toCommentView(r: CommentRow): CommentView {
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

export async function commentViews(db: Database, ids: number[]): Promise<Map<number, CommentView>> {
  if (!ids.length) return new Map();
  const rows = await commentQuery(db).where("c.id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, toCommentView(r)]));
}

/** Polls as watchers see them (a hidden poll without its question, options or counts; `reveal` for counting it). */
export async function pollViews(db: Database, where: { feedId?: number; pollIds?: number[] }, reveal = false): Promise<PollView[]> {
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

/** Every poll of a feed with its current counts, as a reconnecting client needs them (hidden ones stay blank). */
export async function feedPolls(db: Database, feedId: number): Promise<PollView[]> {
  return pollViews(db, { feedId });
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

/** Every feed, for the list of discussions. */
export async function listFeeds(db: Database): Promise<FeedSummary[]> {
  return (await db.selectFrom("feeds").select(FEED_COLUMNS).orderBy("title").execute()).map(toSummary);
}
