/** The live feed contract: what a browser may ask, and what the server pushes to a feed room. */
import type { CommentView, FeedEventView, FeedSummary, PollView, TallyView } from "./types";
import type { Ack } from "../../lib/socket-events";

type Reply<T = Record<string, never>> = (reply: Ack<T>) => void;

export interface JoinReply {
  feed: FeedSummary;
  /** Events after the `after` id the client sent, in order (empty without `after`). */
  events: FeedEventView[];
  /** False when more events are missed than one reply carries: ask again from the last one. */
  complete: boolean;
  viewers: number;
  /**
   * With `after` (a reconnect): the current counts of the feed's polls. Tallies are snapshots,
   * not events, so a client that was away (or whose server died before its coalesced tally went
   * out) would otherwise keep the counts it had.
   */
  polls?: PollView[];
}

export interface FeedClientEvents {
  /** Watch a feed; with `after`, also get every event since that id (reconnect catch-up). */
  "feed:join": (payload: { feedId: number; after?: number }, ack: Reply<JoinReply>) => void;
  "feed:leave": (payload: { feedId: number }, ack: Reply) => void;
  "comment:post": (payload: { feedId: number; parentId?: number; body: string }, ack: Reply<{ comment: CommentView; eventId: number }>) => void;
  "comment:edit": (payload: { commentId: number; body: string }, ack: Reply<{ eventId: number }>) => void;
  "comment:delete": (payload: { commentId: number }, ack: Reply<{ eventId: number }>) => void;
  "comment:react": (payload: { commentId: number; reaction: "agree" | "disagree" | "none" }, ack: Reply<{ eventId: number }>) => void;
  "comment:flag": (payload: { commentId: number; reason: string }, ack: Reply) => void;
  "comment:hide": (payload: { commentId: number; reason: string }, ack: Reply<{ eventId: number }>) => void;
  "comment:restore": (payload: { commentId: number }, ack: Reply<{ eventId: number }>) => void;
  "poll:open": (payload: { feedId: number; question: string; options: string[]; multiple: boolean }, ack: Reply<{ pollId: number; eventId: number }>) => void;
  "poll:vote": (payload: { pollId: number; optionIds: number[] }, ack: Reply) => void;
  "poll:close": (payload: { pollId: number }, ack: Reply<{ eventId: number }>) => void;
  "poll:hide": (payload: { pollId: number; reason: string }, ack: Reply<{ eventId: number }>) => void;
  "poll:restore": (payload: { pollId: number }, ack: Reply<{ eventId: number }>) => void;
}

export interface FeedServerEvents {
  /** One committed change, with its increasing id. */
  "feed:event": (event: FeedEventView) => void;
  /** A poll's current tally (coalesced: at most about every 250 ms per room). */
  "feed:tally": (tally: TallyView) => void;
  /** How many people are watching this feed now (all processes). */
  "feed:viewers": (payload: { feedId: number; viewers: number }) => void;
}

// The feed's events join the socket contract (app/lib/socket-events.ts).
declare module "../../lib/socket-events" {
  interface ClientToServerEvents extends FeedClientEvents {}
  interface ServerToClientEvents extends FeedServerEvents {}
}
