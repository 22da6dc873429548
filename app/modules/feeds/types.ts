/** What the server sends about a feed: shared by the socket contract, the page and the tests. */
import type { CommentReaction, CommentState, FeedEventKind, FeedSubjectKind } from "../../../db/tables/feeds";

export type { CommentReaction, CommentState, FeedEventKind, FeedSubjectKind };

export interface CommentView {
  id: number;
  feedId: number;
  parentId: number | null;
  depth: number;
  authorId: number;
  authorName: string;
  /** null when deleted or hidden: the text is never sent then. */
  body: string | null;
  state: CommentState;
  hiddenReason: string | null;
  createdAt: string;
  edited: boolean;
  agree: number;
  disagree: number;
}

export interface PollOptionView {
  id: number;
  label: string;
  votes: number;
}

export interface PollView {
  id: number;
  feedId: number;
  /** "" when hidden: a hidden poll's question and options are never sent. */
  question: string;
  /** Hidden by a moderator (with this reason): shown as such, no votes taken. */
  hidden: boolean;
  hiddenReason: string | null;
  multiple: boolean;
  status: "open" | "closed";
  options: PollOptionView[];
  voters: number;
  openedAt: string;
  closedAt: string | null;
}

export interface FeedSummary {
  id: number;
  subjectKind: FeedSubjectKind;
  subjectId: number;
  title: string;
  localityId: number | null;
  boardId: number | null;
  paused: boolean;
}

/** One entry of a feed's event log, as broadcast live and as replayed on reconnect. */
export interface FeedEventView {
  id: number;
  feedId: number;
  kind: FeedEventKind;
  comment?: CommentView;
  poll?: PollView;
  paused?: boolean;
}

export interface TallyView {
  feedId: number;
  poll: PollView;
}
