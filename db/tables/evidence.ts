/** Tables for evidence, indicator values, citations and commissioning reviews (issue 8). */
import type { ColumnType, Generated } from "kysely";
import type { DefaultedTimestamp } from "../schema";

export const MEASURE_POLARITIES = ["higher_is_better", "lower_is_better"] as const;
export type MeasurePolarity = (typeof MEASURE_POLARITIES)[number];
export const EVIDENCE_TYPES = [
  "statistic",
  "needs_assessment",
  "performance_data",
  "lived_experience",
  "research",
  "consultation_finding",
  "financial",
  "equality_impact_assessment",
] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];
export const COMMISSIONING_STAGES = ["analyse", "plan", "do", "review"] as const;
export type CommissioningStage = (typeof COMMISSIONING_STAGES)[number];
export const EVIDENCE_CONFIDENCES = ["strong", "moderate", "limited"] as const;
export type EvidenceConfidence = (typeof EVIDENCE_CONFIDENCES)[number];
export const EVIDENCE_VISIBILITIES = ["public", "internal"] as const;
export type EvidenceVisibility = (typeof EVIDENCE_VISIBILITIES)[number];
export const CITING_KINDS = ["consultation", "board_decision", "challenge", "commissioning_review"] as const;
export type CitingKind = (typeof CITING_KINDS)[number];
export const DELIVERY_OPTIONS = ["internal", "external", "partnership", "co_production", "influence", "decommission"] as const;
export type DeliveryOption = (typeof DELIVERY_OPTIONS)[number];
export const RISK_LEVELS = ["low", "medium", "high"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** A calendar date column (PostgreSQL `date`): read as a Date, written as 'YYYY-MM-DD' or a Date. */
export type DateColumn = ColumnType<Date, Date | string, Date | string>;

export interface OutcomeMeasureTable {
  node_id: number;
  unit: string;
  polarity: MeasurePolarity;
  baseline: number | null;
  target: number | null;
}

export interface EvidenceItemTable {
  id: Generated<number>;
  title: string;
  type: EvidenceType;
  summary: string;
  source_organisation: string;
  source_url: string;
  period_start: DateColumn;
  period_end: DateColumn;
  locality_id: number | null;
  stage: CommissioningStage;
  confidence: EvidenceConfidence;
  visibility: EvidenceVisibility;
  created_by: number | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  search: ColumnType<string, never, never>;
}

export interface EvidenceItemOutcomeTable {
  evidence_item_id: number;
  outcome_node_id: number;
}

export interface EvidenceAttachmentTable {
  id: Generated<number>;
  evidence_item_id: number;
  title: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  content: Buffer;
  added_by: number | null;
  added_at: DefaultedTimestamp;
}

export interface IndicatorValueTable {
  id: Generated<number>;
  measure_node_id: number;
  locality_id: number | null;
  period: DateColumn;
  value: number;
  imported_by: number | null;
  created_at: DefaultedTimestamp;
}

export interface EvidenceCitationTable {
  citing_kind: CitingKind;
  citing_id: number;
  evidence_item_id: number;
  context: ColumnType<string, string | undefined, string>;
  created_at: DefaultedTimestamp;
}

export interface OutcomeLinkTable {
  citing_kind: CitingKind;
  citing_id: number;
  outcome_node_id: number;
  created_at: DefaultedTimestamp;
}

export interface CommissioningReviewTable {
  id: Generated<number>;
  service_area: string;
  locality_id: number | null;
  stage: ColumnType<CommissioningStage, CommissioningStage | undefined, CommissioningStage>;
  needs_summary: ColumnType<string, string | undefined, string>;
  chosen_option: DeliveryOption | null;
  rationale: ColumnType<string, string | undefined, string>;
  decommission_consultation: ColumnType<string, string | undefined, string>;
  delivery_arrangement: ColumnType<string, string | undefined, string>;
  performance_summary: ColumnType<string, string | undefined, string>;
  review_date: DateColumn | null;
  created_by: number | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface CommissioningReviewOptionTable {
  review_id: number;
  option: DeliveryOption;
  notes: ColumnType<string, string | undefined, string>;
}

export interface CommissioningReviewRiskTable {
  id: Generated<number>;
  review_id: number;
  risk: string;
  likelihood: RiskLevel;
  impact: RiskLevel;
  mitigation: ColumnType<string, string | undefined, string>;
  owner: ColumnType<string, string | undefined, string>;
}

export interface EvidenceTables {
  outcome_measures: OutcomeMeasureTable;
  evidence_items: EvidenceItemTable;
  evidence_item_outcomes: EvidenceItemOutcomeTable;
  evidence_attachments: EvidenceAttachmentTable;
  indicator_values: IndicatorValueTable;
  evidence_citations: EvidenceCitationTable;
  outcome_links: OutcomeLinkTable;
  commissioning_reviews: CommissioningReviewTable;
  commissioning_review_options: CommissioningReviewOptionTable;
  commissioning_review_risks: CommissioningReviewRiskTable;
}
