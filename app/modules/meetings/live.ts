/**
 * What a public meeting page shows live, after the public event `asOf`: the meeting's state,
 * the item being considered, who is in the room, the quorum, and per public item its
 * declarations, motions with their named votes, and decisions. The last event of every change
 * carries it (`meeting:event`), as does the reply to `meeting:join`; the page applies the newest.
 * Types only, shared by the module, the socket contract and the page.
 */
import type { MeetingStatus } from "../../../db/tables/boards";
import type { RecordItem } from "./components/AgendaRecord";
import type { MemberInRoom, Quorum } from "./rules";

export interface PublicLiveView {
  asOf: number;
  meeting: { status: MeetingStatus; statusLabel: string; inPrivate: boolean; adjourned: boolean };
  /** An exempt item is named by number and paragraph only (empty title). */
  current: { id: number; position: number; title: string; exemptParagraph: number | null } | null;
  members: MemberInRoom[];
  quorum: Quorum;
  items: Pick<RecordItem, "id" | "declarations" | "motions" | "decisions">[];
}
