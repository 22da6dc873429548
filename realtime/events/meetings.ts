/** Socket events of a board meeting's live public view (room `meeting:ID`). */
import type { Ack } from "../events";

/** One thing that happened in public in a meeting. Nothing from private (exempt) session is ever sent. */
export interface PublicMeetingEvent {
  id: number;
  meetingId: number;
  /** status, agenda, attendance, item, private, public, declaration, motion, vote-called, vote, result, decision, minutes */
  kind: string;
  text: string;
  at: string;
}

export interface MeetingClientEvents {
  /** Join a meeting's live view; `after` = the last event id seen, to catch up from the database. */
  "meeting:join": (payload: { meetingId: number; after?: number }, ack: (reply: Ack<{ events: PublicMeetingEvent[] }>) => void) => void;
}

export interface MeetingServerEvents {
  "meeting:event": (event: PublicMeetingEvent) => void;
}
