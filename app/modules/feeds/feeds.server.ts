/**
 * Live feeds: comments (threads, edits, deletes, agree/disagree), quick polls and moderation.
 * A feed belongs to a consultation, a meeting, an agenda item or a locality; other capabilities
 * get theirs with `getOrCreateFeed`.
 *
 * Every write that watchers must see appends a row to feed_events inside the same transaction,
 * after locking the feed row, so ids commit in order within a feed. Operations return the
 * committed events with one broadcast effect each (`written`); the caller hands the result to
 * `settle()`, which broadcasts only then — a failed write is rolled back and has no effects.
 *
 * The code lives in one file per sub-domain; this file re-exports what callers use, so they
 * keep one import.
 */
export { feedBroadcast, type Written } from "./feeds-shared.server";
export { CATCH_UP_LIMIT, eventsAfter, feedAbilities, type FeedAbilities, type FeedPage, feedPolls, type FeedSubject, findFeed, getOrCreateFeed, lastEventId, listFeeds, loadFeedPage, pollView } from "./read-model.server";
export { COMMENT_LIMIT, VOTE_LIMIT } from "./rate-limit.server";
export { deleteComment, editComment, postComment, reactToComment } from "./comments.server";
export { closePoll, openPoll } from "./polls.server";
export { castVote, tallies, TALLY_INTERVAL_MS, VOTE_BATCH_MAX, voteBatches } from "./votes.server";
export { flagComment, hideComment, hidePoll, moderationQueue, pauseFeedOf, restoreComment, restorePoll, setFeedPaused } from "./moderation.server";
