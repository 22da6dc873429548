/** Socket events of a board meeting's live public view (room `meeting:ID`). */
import type { PublicLiveView } from "./live";
import type { Ack } from "../../lib/socket-events";

export type { PublicLiveView };

/** One thing that happened in public in a meeting. Nothing from private (exempt) session is ever sent. */
export interface PublicMeetingEvent {
  id: number;
  meetingId: number;
  /** status, agenda, attendance, item, private, public, declaration, motion, vote-called, vote, result, decision, minutes */
  kind: string;
  text: string;
  at: string;
  /** The live view after this event (on the last event of a change; replayed events have none). */
  live?: PublicLiveView;
}

export interface MeetingClientEvents {
  /**
   * Join a meeting's live view; `after` = the last event id seen, to catch up from the database.
   * The reply carries the events since then and the live view now (as of the last public event).
   */
  "meeting:join": (payload: { meetingId: number; after?: number }, ack: (reply: Ack<{ events: PublicMeetingEvent[]; live: PublicLiveView }>) => void) => void;
}

export interface MeetingServerEvents {
  "meeting:event": (event: PublicMeetingEvent) => void;
}

// A meeting's events join the socket contract (app/lib/socket-events.ts).
declare module "../../lib/socket-events" {
  interface ClientToServerEvents extends MeetingClientEvents {}
  interface ServerToClientEvents extends MeetingServerEvents {}
}
