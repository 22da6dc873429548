/**
 * The browser's copy of a feed: the page's data plus every event applied in id order, each
 * exactly once (an id at or below `lastEventId` is already applied and is dropped). Pure, so
 * the page and the tests share it.
 */
import type { CommentView, FeedEventView, PollView } from "./types";

export interface FeedState {
  lastEventId: number;
  paused: boolean;
  comments: CommentView[];
  polls: PollView[];
}

const upsert = <T extends { id: number }>(list: T[], item: T, atStart: boolean): T[] => {
  const i = list.findIndex((x) => x.id === item.id);
  if (i >= 0) return list.map((x, j) => (j === i ? item : x));
  return atStart ? [item, ...list] : [...list, item];
};

export function applyEvent(state: FeedState, event: FeedEventView): FeedState {
  if (event.id <= state.lastEventId) return state;
  const next = { ...state, lastEventId: event.id };
  if (event.comment) {
    const c = event.comment;
    // A reply to a comment not on this page (an older page) has nowhere to go: skip it.
    if (c.parentId !== null && !state.comments.some((x) => x.id === c.parentId)) return next;
    next.comments = upsert(state.comments, c, c.parentId === null);
  }
  if (event.poll) next.polls = upsert(state.polls, event.poll, true);
  if (event.paused !== undefined) next.paused = event.paused;
  return next;
}

/** A tally is a snapshot, not an event: it replaces the poll's counts while it is open (and not hidden: only the restore event shows it again). */
export function applyTally(state: FeedState, poll: PollView): FeedState {
  const current = state.polls.find((p) => p.id === poll.id);
  if (!current || current.status === "closed" || current.hidden) return state;
  return { ...state, polls: upsert(state.polls, poll, true) };
}

/** What a screen reader hears about an event (polite; never about tallies). */
export function announcement(event: FeedEventView): string | null {
  const c = event.comment;
  switch (event.kind) {
    case "comment.posted":
      return c ? `New ${c.parentId ? "reply" : "comment"} from ${c.authorName}: ${(c.body ?? "").slice(0, 140)}` : null;
    case "comment.hidden":
      return "A comment was hidden by a moderator";
    case "comment.deleted":
      return "A comment was deleted";
    case "poll.opened":
      return event.poll ? `A poll has opened: ${event.poll.question}` : null;
    case "poll.closed":
      return event.poll ? `The poll has closed: ${event.poll.question}` : null;
    case "poll.hidden":
      return "A poll was hidden by a moderator";
    case "feed.paused":
      return "A moderator has paused this discussion";
    case "feed.resumed":
      return "This discussion is open again";
    default:
      return null;
  }
}

/** Top-level comments in page order, each followed by its replies (oldest first), with depth. */
export function threads(comments: CommentView[]): CommentView[][] {
  const children = new Map<number, CommentView[]>();
  for (const c of comments) if (c.parentId !== null) (children.get(c.parentId) ?? children.set(c.parentId, []).get(c.parentId)!).push(c);
  const walk = (c: CommentView): CommentView[] => [c, ...(children.get(c.id) ?? []).sort((a, b) => a.id - b.id).flatMap(walk)];
  return comments.filter((c) => c.parentId === null).map(walk);
}

/**
 * New page data (after a form post, or "load earlier") may have been read before events this
 * browser has already applied: a moderator hides a comment while the poster's page is reloading
 * its data. The events after the page's `lastEventId` are applied to it again, so the newer state
 * is never replaced by the older one (each event applies once; replaying one the page already
 * shows changes nothing).
 */
export function rebase(page: FeedState, applied: readonly FeedEventView[]): FeedState {
  return applied.filter((e) => e.id > page.lastEventId).reduce(applyEvent, page);
}
