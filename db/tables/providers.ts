/** Tables for providers, contracts and grants, and their monitoring (issue 18). Money is integer pence. */
import type { ColumnType, Generated } from "kysely";
import type { DefaultedTimestamp } from "./columns";
import type { DateColumn, DeliveryOption, MeasurePolarity } from "./evidence";

export const PROVIDER_KINDS = ["company", "charity", "community_group", "mutual_or_social_enterprise", "in_house", "public_body"] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];
export const ARRANGEMENT_KINDS = ["contract", "grant", "in_house"] as const;
export type ArrangementKind = (typeof ARRANGEMENT_KINDS)[number];
export const PAYMENT_MODELS = ["fixed", "per_unit", "payment_by_results"] as const;
export type PaymentModel = (typeof PAYMENT_MODELS)[number];
export const GRANT_APPROVALS = ["grant_panel", "board_decision"] as const;
export type GrantApproval = (typeof GRANT_APPROVALS)[number];
export const KPI_FREQUENCIES = ["monthly", "quarterly", "annual"] as const;
export type KpiFrequency = (typeof KPI_FREQUENCIES)[number];
export const PERIOD_RATINGS = ["on_track", "concerns", "failing"] as const;
export type PeriodRating = (typeof PERIOD_RATINGS)[number];
export const SOCIAL_VALUE_THEMES = ["jobs", "growth", "social", "environment", "innovation"] as const;
export type SocialValueTheme = (typeof SOCIAL_VALUE_THEMES)[number];

type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface ProviderTable {
  id: Generated<number>;
  name: string;
  kind: ProviderKind;
  registration: Defaulted<string>;
  description: Defaulted<string>;
  challenge_group_id: number | null;
  created_by: number | null;
  created_at: DefaultedTimestamp;
}

export interface ArrangementTable {
  id: Generated<number>;
  title: string;
  kind: ArrangementKind;
  provider_id: number;
  review_id: number | null;
  review_option: DeliveryOption | null;
  locality_id: number | null;
  manager_user_id: number | null;
  /** bigint: db/client.ts reads int8 as a number (pence stay well within 2^53). */
  value_pence: number;
  payment_model: Defaulted<PaymentModel>;
  unit_price_pence: number | null;
  unit_name: Defaulted<string>;
  at_risk_percent: number | null;
  payment_terms: Defaulted<string>;
  starts_on: DateColumn;
  ends_on: DateColumn;
  extension_options: Defaulted<string>;
  key_terms: Defaulted<string>;
  commercial_confidential: Defaulted<boolean>;
  approval_route: GrantApproval | null;
  conditions: Defaulted<string>;
  critical: Defaulted<boolean>;
  return_due_days: Defaulted<number>;
  /** Set when ended early (migration 2026-12-01T0500_contract_changes); ends_on is then this date. */
  terminated_on: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  termination_reason: Defaulted<string>;
  created_by: number | null;
  created_at: DefaultedTimestamp;
}

export interface ArrangementOutcomeTable {
  arrangement_id: number;
  outcome_node_id: number;
}

export interface ArrangementKpiTable {
  id: Generated<number>;
  arrangement_id: number;
  title: string;
  measure_node_id: number | null;
  definition: Defaulted<string>;
  unit: string;
  polarity: Defaulted<MeasurePolarity>;
  target: number;
  min_value: Defaulted<number>;
  max_value: number;
  frequency: Defaulted<KpiFrequency>;
  deduction_rule: Defaulted<string>;
  position: Defaulted<number>;
}

export interface SocialValueCommitmentTable {
  id: Generated<number>;
  arrangement_id: number;
  theme: SocialValueTheme;
  outcome: string;
  measure: string;
  unit: string;
  target: number;
}

export interface ProviderReturnTable {
  id: Generated<number>;
  arrangement_id: number;
  period: DateColumn;
  narrative: Defaulted<string>;
  social_value_narrative: Defaulted<string>;
  submitted_by: number | null;
  submitted_at: DefaultedTimestamp;
}

export interface ReturnKpiValueTable {
  return_id: number;
  kpi_id: number;
  value: number;
  /** The KPI's target when the value was first stored (a database trigger fills it if an insert gives NULL). */
  target: number;
}

export interface ReturnSocialValueTable {
  return_id: number;
  commitment_id: number;
  value: number;
}

export interface PeriodRatingTable {
  arrangement_id: number;
  period: DateColumn;
  rating: PeriodRating;
  notes: Defaulted<string>;
  deduction_pence: Defaulted<number>;
  rated_by: number | null;
  rated_at: DefaultedTimestamp;
}

export interface ArrangementActionTable {
  id: Generated<number>;
  arrangement_id: number;
  period: DateColumn | null;
  action: string;
  owner: Defaulted<string>;
  due_on: DateColumn | null;
  created_by: number | null;
  created_at: DefaultedTimestamp;
}

export interface ImprovementPlanTable {
  id: Generated<number>;
  arrangement_id: number;
  reason: string;
  opened_on: DateColumn;
  closed_on: DateColumn | null;
  created_by: number | null;
}

export interface ImprovementPlanStepTable {
  id: Generated<number>;
  plan_id: number;
  step: string;
  due_on: DateColumn;
  done_on: DateColumn | null;
}

export interface ArrangementPaymentTable {
  id: Generated<number>;
  arrangement_id: number;
  paid_on: DateColumn;
  amount_pence: number;
  note: Defaulted<string>;
  recorded_by: number | null;
  recorded_at: DefaultedTimestamp;
}

export interface ExitPlanTable {
  arrangement_id: number;
  people_affected: string;
  transition: string;
  communication: string;
  exit_on: DateColumn;
  equality_assessment_id: number;
  evaluation_due_on: DateColumn;
  updated_by: number | null;
  updated_at: DefaultedTimestamp;
}

export interface ContingencyPlanTable {
  arrangement_id: number;
  failure_signs: string;
  immediate_actions: string;
  fallback: string;
  updated_by: number | null;
  updated_at: DefaultedTimestamp;
}

export interface ProviderTables {
  providers: ProviderTable;
  arrangements: ArrangementTable;
  arrangement_outcomes: ArrangementOutcomeTable;
  arrangement_kpis: ArrangementKpiTable;
  social_value_commitments: SocialValueCommitmentTable;
  provider_returns: ProviderReturnTable;
  return_kpi_values: ReturnKpiValueTable;
  return_social_values: ReturnSocialValueTable;
  period_ratings: PeriodRatingTable;
  arrangement_actions: ArrangementActionTable;
  improvement_plans: ImprovementPlanTable;
  improvement_plan_steps: ImprovementPlanStepTable;
  arrangement_payments: ArrangementPaymentTable;
  exit_plans: ExitPlanTable;
  contingency_plans: ContingencyPlanTable;
}
