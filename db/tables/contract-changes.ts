/** Contract management after letting (migration 2026-12-01T0500_contract_changes). */
import type { ColumnType, Generated } from "kysely";
import type { DefaultedTimestamp } from "./columns";
import type { DateColumn, StoredFileColumns } from "./evidence";

export const CHANGE_KINDS = ["terms_edited", "extension_option_added", "extended", "terminated", "kpi_edited", "period_reopened"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const EXPERIENCES = ["good", "mixed", "poor"] as const;
export type Experience = (typeof EXPERIENCES)[number];

type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface ArrangementExtensionOptionTable {
  id: Generated<number>;
  arrangement_id: number;
  months: number;
  note: Defaulted<string>;
  used_on: DateColumn | null;
  extended_to: DateColumn | null;
  created_at: DefaultedTimestamp;
}

export interface ArrangementChangeTable {
  id: Generated<number>;
  arrangement_id: number;
  kind: ChangeKind;
  summary: string;
  reason: Defaulted<string>;
  /** jsonb: { before, after } as the change recorded them. */
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  commercial: Defaulted<boolean>;
  changed_by: number | null;
  changed_at: DefaultedTimestamp;
}

export interface ReturnAttachmentTable extends StoredFileColumns {
  return_id: number;
}

export interface ServiceFeedbackTable {
  id: Generated<number>;
  arrangement_id: number;
  experience: Experience;
  feedback: string;
  received_at: DefaultedTimestamp;
}

export interface ContractChangeTables {
  arrangement_extension_options: ArrangementExtensionOptionTable;
  arrangement_changes: ArrangementChangeTable;
  return_attachments: ReturnAttachmentTable;
  service_feedback: ServiceFeedbackTable;
}
