/** Live feeds: comments, reactions, polls, flags and the per-feed event log. */
import type { ColumnType, Generated } from "kysely";
import type { DefaultedTimestamp, Timestamp } from "./columns";

export const FEED_SUBJECT_KINDS = ["consultation", "meeting", "agenda_item", "locality"] as const;
export type FeedSubjectKind = (typeof FEED_SUBJECT_KINDS)[number];
export const COMMENT_STATES = ["visible", "deleted", "hidden"] as const;
export type CommentState = (typeof COMMENT_STATES)[number];
export const COMMENT_REACTIONS = ["agree", "disagree"] as const;
export type CommentReaction = (typeof COMMENT_REACTIONS)[number];
export type PollStatus = "open" | "closed";
export type FlagStatus = "open" | "dealt_with";
export const FEED_EVENT_KINDS = [
  "comment.posted",
  "comment.edited",
  "comment.deleted",
  "comment.reacted",
  "comment.hidden",
  "comment.restored",
  "poll.opened",
  "poll.closed",
  "poll.hidden",
  "poll.restored",
  "feed.paused",
  "feed.resumed",
] as const;
export type FeedEventKind = (typeof FEED_EVENT_KINDS)[number];

export interface FeedTable {
  id: Generated<number>;
  subject_kind: FeedSubjectKind;
  subject_id: number;
  title: string;
  locality_id: number | null;
  /** The board whose meeting or agenda item this is (board-scoped roles reach its feed). */
  board_id: Generated<number | null>;
  paused: Generated<boolean>;
  created_at: DefaultedTimestamp;
}

export interface CommentTable {
  id: Generated<number>;
  feed_id: number;
  parent_id: number | null;
  depth: Generated<number>;
  author_id: number;
  body: string;
  state: Generated<CommentState>;
  hidden_reason: string | null;
  agree_count: Generated<number>;
  disagree_count: Generated<number>;
  created_at: DefaultedTimestamp;
  edited_at: Timestamp | null;
}

export interface CommentReactionTable {
  comment_id: number;
  user_id: number;
  reaction: CommentReaction;
  at: DefaultedTimestamp;
}

export interface CommentFlagTable {
  id: Generated<number>;
  comment_id: number;
  user_id: number;
  reason: string;
  status: Generated<FlagStatus>;
  at: DefaultedTimestamp;
}

export interface PollTable {
  id: Generated<number>;
  feed_id: number;
  question: string;
  multiple: Generated<boolean>;
  status: Generated<PollStatus>;
  opened_by: number;
  opened_at: DefaultedTimestamp;
  closed_at: Timestamp | null;
  /** Set while a moderator has hidden the poll; its question and options are then never sent. */
  hidden_reason: string | null;
  final_counts: ColumnType<Record<string, number> | null, string | null | undefined, string | null>;
  final_voters: number | null;
}

export interface PollOptionTable {
  id: Generated<number>;
  poll_id: number;
  position: number;
  label: string;
}

export interface PollVoteTable {
  poll_id: number;
  option_id: number;
  user_id: number;
  at: DefaultedTimestamp;
}

export interface FeedEventTable {
  id: Generated<number>;
  feed_id: number;
  kind: FeedEventKind;
  comment_id: number | null;
  poll_id: number | null;
  at: DefaultedTimestamp;
}

export interface FeedTables {
  feeds: FeedTable;
  comments: CommentTable;
  comment_reactions: CommentReactionTable;
  comment_flags: CommentFlagTable;
  polls: PollTable;
  poll_options: PollOptionTable;
  poll_votes: PollVoteTable;
  feed_events: FeedEventTable;
}
