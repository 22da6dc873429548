import { describe, expect, it } from "vitest";
import { announcement, applyEvent, applyTally, rebase, threads, type FeedState } from "../../app/modules/feeds/feed-state";
import type { CommentView, FeedEventView, PollView } from "../../app/modules/feeds/types";

const comment = (id: number, parentId: number | null = null, extra: Partial<CommentView> = {}): CommentView => ({
  id, feedId: 1, parentId, depth: parentId ? 1 : 0, authorId: 1, authorName: "Rosa", body: `c${id}`, state: "visible",
  hiddenReason: null, createdAt: "2026-11-23T09:00:00Z", edited: false, agree: 0, disagree: 0, ...extra,
});
const poll = (votes: number, status: "open" | "closed" = "open"): PollView => ({
  id: 7, feedId: 1, question: "Q", multiple: false, status, options: [{ id: 1, label: "A", votes }], voters: votes, openedAt: "", closedAt: null, hidden: false, hiddenReason: null,
});
const empty: FeedState = { lastEventId: 10, paused: false, comments: [], polls: [] };
const ev = (id: number, e: Partial<FeedEventView>): FeedEventView => ({ id, feedId: 1, kind: "comment.posted", ...e });

describe("the browser's copy of a feed", () => {
  it("applies each event once, whether it arrives live, replayed, or both", () => {
    let s = applyEvent(empty, ev(11, { comment: comment(1) }));
    s = applyEvent(s, ev(11, { comment: comment(1) }));
    s = applyEvent(s, ev(9, { comment: comment(99) }));
    expect(s.comments.map((c) => c.id)).toEqual([1]);
    expect(s.lastEventId).toBe(11);
  });

  it("replaces a comment when it is edited, hidden or reacted to; puts new top-level comments first", () => {
    let s = [ev(11, { comment: comment(1) }), ev(12, { comment: comment(2) }), ev(13, { kind: "comment.hidden", comment: comment(1, null, { state: "hidden", body: null }) })].reduce(applyEvent, empty);
    s = applyEvent(s, ev(14, { comment: comment(3, 2) }));
    expect(s.comments.map((c) => [c.id, c.state])).toEqual([[2, "visible"], [1, "hidden"], [3, "visible"]]);
    expect(threads(s.comments).map((t) => t.map((c) => c.id))).toEqual([[2, 3], [1]]);
  });

  it("page data read before a hide this page has already applied does not bring the comment back", () => {
    // Rosa posts; her page reloads its data. Meanwhile a moderator hides the comment (event 12) and
    // her page applies it. Then the reloaded data arrives, read at event 11: the comment visible.
    const applied = [ev(11, { comment: comment(1) }), ev(12, { kind: "comment.hidden", comment: comment(1, null, { state: "hidden", body: null }) })];
    const stale: FeedState = { ...empty, lastEventId: 11, comments: [comment(1)] };
    const s = rebase(stale, applied);
    expect(s.comments.map((c) => [c.id, c.state])).toEqual([[1, "hidden"]]);
    expect(s.lastEventId).toBe(12);
    // Newer page data is kept as it is: nothing older is applied over it.
    const fresh: FeedState = { ...empty, lastEventId: 12, comments: [comment(1, null, { state: "hidden", body: null })] };
    expect(rebase(fresh, applied)).toEqual(fresh);
  });

  it("takes tallies only for open polls, and follows pause and resume", () => {
    let s = applyEvent(empty, ev(11, { kind: "poll.opened", poll: poll(0) }));
    s = applyTally(s, poll(5));
    expect(s.polls[0]!.voters).toBe(5);
    s = applyEvent(s, ev(12, { kind: "poll.closed", poll: poll(6, "closed") }));
    expect(applyTally(s, poll(9)).polls[0]!.voters).toBe(6);
    expect(applyEvent(s, ev(13, { kind: "feed.paused", paused: true })).paused).toBe(true);
  });

  it("a hidden poll stays hidden: a tally read before the hide cannot bring its question back", () => {
    let s = applyEvent(empty, ev(11, { kind: "poll.opened", poll: poll(3) }));
    s = applyEvent(s, ev(12, { kind: "poll.hidden", poll: { ...poll(0), question: "", options: [], hidden: true, hiddenReason: "Abusive" } }));
    s = applyTally(s, poll(4));
    expect(s.polls[0]).toMatchObject({ hidden: true, question: "", options: [] });
    expect(announcement(ev(12, { kind: "poll.hidden", poll: s.polls[0]! }))).toBe("A poll was hidden by a moderator");
    s = applyEvent(s, ev(13, { kind: "poll.restored", poll: poll(4) }));
    expect(s.polls[0]).toMatchObject({ hidden: false, question: "Q" });
  });

  it("announces comments and hides politely, never tallies", () => {
    expect(announcement(ev(11, { comment: comment(1) }))).toBe("New comment from Rosa: c1");
    expect(announcement(ev(12, { kind: "comment.hidden", comment: comment(1) }))).toBe("A comment was hidden by a moderator");
    expect(announcement(ev(13, { kind: "comment.reacted", comment: comment(1) }))).toBeNull();
  });
});
