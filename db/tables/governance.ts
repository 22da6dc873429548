/** Tables for key decisions, the forward plan and scrutiny (migration 2026-11-30T0700_governance). */
import type { ColumnType, Generated } from "kysely";
import type { DefaultedTimestamp } from "./columns";

/** A PostgreSQL `date`: select it with `to_char(…, 'YYYY-MM-DD')`; written as "YYYY-MM-DD". */
type DateColumn = ColumnType<Date, string, string>;
type Pence = ColumnType<number, number | undefined, number>;

export const BOARD_KINDS = ["decision_making", "scrutiny"] as const;
export type BoardKind = (typeof BOARD_KINDS)[number];

export interface GovernanceSettingsTable {
  id: number;
  key_decision_threshold_pence: Pence;
  call_in_members_required: Generated<number>;
  updated_at: DefaultedTimestamp;
}

export interface DecisionReportTable {
  id: Generated<number>;
  board_id: number;
  title: string;
  summary: Generated<string>;
  decision_due_on: DateColumn;
  spend_pence: Pence;
  saving_pence: Pence;
  locality_ids: ColumnType<number[], number[] | undefined, number[]>;
  is_key: boolean;
  forward_plan_published_on: DateColumn | null;
  exception_route: Generated<"none" | "general_exception" | "special_urgency">;
  exception_reason: Generated<string>;
  scrutiny_chair_notified_on: DateColumn | null;
  scrutiny_chair_name: Generated<string>;
  scrutiny_chair_agreed_on: DateColumn | null;
  financial_implications: Generated<string>;
  legal_implications: Generated<string>;
  equality_implications: Generated<string>;
  carbon_implications: Generated<string>;
  community_safety_implications: Generated<string>;
  staffing_implications: Generated<string>;
  alternatives_considered: Generated<string>;
  decision_id: number | null;
  created_by: number | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface ScrutinyWorkItemTable {
  id: Generated<number>;
  board_id: number;
  title: string;
  description: Generated<string>;
  planned_for: DateColumn | null;
  status: Generated<"proposed" | "scheduled" | "under_review" | "completed" | "withdrawn">;
  created_at: DefaultedTimestamp;
}

export interface CallInRequestTable {
  id: Generated<number>;
  decision_id: number;
  scrutiny_board_id: number;
  member_id: number;
  reasons: string;
  requested_at: DefaultedTimestamp;
}

export interface CallInTable {
  id: Generated<number>;
  decision_id: number;
  scrutiny_board_id: number;
  status: Generated<"called_in" | "no_further_action" | "referred_back" | "referred_to_council" | "concluded">;
  called_in_at: DefaultedTimestamp;
  outcome_notes: Generated<string>;
  outcome_recorded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  final_decision: Generated<string>;
  concluded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ScrutinyRecommendationTable {
  id: Generated<number>;
  board_id: number;
  call_in_id: number | null;
  decision_id: number | null;
  recommendation: string;
  addressed_to: Generated<string>;
  response_due_on: DateColumn;
  response: string | null;
  responded_on: DateColumn | null;
  created_at: DefaultedTimestamp;
}

export interface GovernanceTables {
  governance_settings: GovernanceSettingsTable;
  decision_reports: DecisionReportTable;
  scrutiny_work_items: ScrutinyWorkItemTable;
  call_in_requests: CallInRequestTable;
  call_ins: CallInTable;
  scrutiny_recommendations: ScrutinyRecommendationTable;
}
