/** Cancellations and agenda supplements of meetings (migration 2026-11-30T0300_meeting_notices). */
import type { Generated } from "kysely";
import type { DefaultedTimestamp } from "./columns";

export const AGENDA_CHANGES = ["added", "changed", "withdrawn"] as const;
export type AgendaChange = (typeof AGENDA_CHANGES)[number];

export interface MeetingCancellationTable {
  meeting_id: number;
  reason: string;
  cancelled_by: number | null;
  cancelled_at: DefaultedTimestamp;
}

export interface AgendaSupplementTable {
  id: Generated<number>;
  meeting_id: number;
  number: number;
  reason: string;
  published_by: number | null;
  published_at: DefaultedTimestamp;
}

export interface AgendaSupplementChangeTable {
  id: Generated<number>;
  supplement_id: number;
  agenda_item_id: number | null;
  change: AgendaChange;
  item_position: number;
  item_title: string;
}

export interface MeetingNoticeTables {
  meeting_cancellations: MeetingCancellationTable;
  agenda_supplements: AgendaSupplementTable;
  agenda_supplement_changes: AgendaSupplementChangeTable;
}
