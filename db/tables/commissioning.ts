/** Tables for commissioning strategies and plans (migration 2026-11-30T0600_commissioning_plans). */
import type { ColumnType, Generated } from "kysely";
import type { DefaultedTimestamp } from "./columns";
import type { DateColumn, RiskLevel } from "./evidence";

type Text = ColumnType<string, string | undefined, string>;

export const RISK_CHANGES = ["added", "edited", "rescored", "closed", "reopened"] as const;
export type RiskChange = (typeof RISK_CHANGES)[number];
export const EQUALITY_IMPACTS = ["positive", "neutral", "negative"] as const;
export type EqualityImpact = (typeof EQUALITY_IMPACTS)[number];
export const DECISION_SUBJECT_KINDS = ["commissioning_review", "consultation", "challenge"] as const;
export type DecisionSubjectKind = (typeof DECISION_SUBJECT_KINDS)[number];
export const DECISION_RELATIONS = ["approves", "amends", "rejects", "informs"] as const;
export type DecisionRelation = (typeof DECISION_RELATIONS)[number];

export interface CommissioningStrategyTable {
  id: Generated<number>;
  title: string;
  area: Text;
  locality_id: number | null;
  owner_id: number | null;
  scope_in: Text;
  scope_out: Text;
  scope_why: Text;
  stakeholders: Text;
  starting_position: Text;
  interdependencies: Text;
  assumptions: Text;
  budget_pence: number | null;
  current_spend_pence: number | null;
  published: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: number | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface CommissioningStrategyConsultationTable {
  strategy_id: number;
  consultation_id: number;
  how_engaged: Text;
}

export interface CommissioningStrategyContributionTable {
  id: Generated<number>;
  strategy_id: number;
  service_area: string;
  contribution: string;
}

export interface CommissioningStrategyEvidenceTable {
  strategy_id: number;
  evidence_item_id: number;
}

export interface CommissioningStrategyOutcomeTable {
  strategy_id: number;
  outcome_node_id: number;
}

export interface CommissioningMilestoneTable {
  id: Generated<number>;
  review_id: number;
  title: string;
  due_on: DateColumn;
  done_on: DateColumn | null;
  created_at: DefaultedTimestamp;
  /** Why it is (or was) late; '' when on time (migration 2026-12-01T0400). */
  late_reason: Text;
}

export interface CommissioningRiskChangeTable {
  id: Generated<number>;
  risk_id: number;
  change: RiskChange;
  likelihood: RiskLevel;
  impact: RiskLevel;
  note: Text;
  changed_by: number | null;
  changed_at: DefaultedTimestamp;
}

export interface CommissioningEqualityImpactTable {
  id: Generated<number>;
  review_id: number;
  group_affected: string;
  impact: EqualityImpact;
  details: string;
  mitigation: Text;
  evidence: Text;
}

export interface CommissioningPlanSubmissionTable {
  id: Generated<number>;
  review_id: number;
  agenda_item_id: number;
  submitted_by: number | null;
  submitted_at: DefaultedTimestamp;
}

export interface DecisionSubjectTable {
  decision_id: number;
  subject_kind: DecisionSubjectKind;
  subject_id: number;
  relation: DecisionRelation;
  linked_by: number | null;
  linked_at: DefaultedTimestamp;
}

export interface CommissioningTables {
  commissioning_strategies: CommissioningStrategyTable;
  commissioning_strategy_consultations: CommissioningStrategyConsultationTable;
  commissioning_strategy_contributions: CommissioningStrategyContributionTable;
  commissioning_strategy_evidence: CommissioningStrategyEvidenceTable;
  commissioning_strategy_outcomes: CommissioningStrategyOutcomeTable;
  commissioning_milestones: CommissioningMilestoneTable;
  commissioning_risk_changes: CommissioningRiskChangeTable;
  commissioning_equality_impacts: CommissioningEqualityImpactTable;
  commissioning_plan_submissions: CommissioningPlanSubmissionTable;
  decision_subjects: DecisionSubjectTable;
}
