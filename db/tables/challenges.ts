/** Community Right to Challenge tables (migration 2026-11-23T1030_challenges). */
import type { ColumnType, Generated } from "kysely";
import type { DefaultedTimestamp, Timestamp } from "./columns";

export const RELEVANT_BODY_KINDS = [
  "voluntary_or_community_body",
  "charitable_body_or_trust",
  "parish_council",
  "council_employees",
  "other",
] as const;
export type RelevantBodyKind = (typeof RELEVANT_BODY_KINDS)[number];

export const PARTNER_ROLES = ["consortium_member", "subcontractor"] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

export const EOI_STATUSES = [
  "draft",
  "submitted",
  "acknowledged",
  "decision_date_notified",
  "under_consideration",
  "modification_proposed",
  "modification_agreed",
  "modification_declined",
  "accepted",
  "accepted_with_modification",
  "rejected",
  "procurement_pending",
  "procurement_started",
  "closed",
  "withdrawn",
] as const;
export type EoiStatus = (typeof EOI_STATUSES)[number];

/** A `date` column: node-postgres reads it as local midnight; written as 'yyyy-MM-dd'. */
export type DateColumn = ColumnType<Date, string, string>;

export interface ChallengeSettingsTable {
  id: Generated<number>;
  acknowledge_working_days: Generated<number>;
  decision_date_notice_days: Generated<number>;
  warn_days_before_lapse: Generated<number>;
}

export interface ChallengeGroupTable {
  id: Generated<number>;
  name: string;
  kind: RelevantBodyKind;
  kind_other: Generated<string>;
  charity_number: Generated<string>;
  company_number: Generated<string>;
  other_registration: Generated<string>;
  contact_name: string;
  contact_email: string;
  contact_phone: Generated<string>;
  address: Generated<string>;
  created_by: number | null;
  created_at: DefaultedTimestamp;
}

export interface ChallengeGroupMemberTable {
  group_id: number;
  user_id: number;
  added_at: DefaultedTimestamp;
}

export interface ChallengeGroupPartnerTable {
  id: Generated<number>;
  group_id: number;
  role: PartnerRole;
  name: string;
  registration: Generated<string>;
}

export interface ChallengeServiceTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: Generated<string>;
  excluded_reason: string | null;
  any_time: Generated<boolean>;
  procurement_min_months: Generated<number>;
  procurement_max_months: Generated<number>;
  created_at: DefaultedTimestamp;
}

export interface ChallengeServiceWindowTable {
  id: Generated<number>;
  service_id: number;
  opens_on: DateColumn;
  closes_on: DateColumn;
}

export interface ChallengeServiceOutcomeTable {
  service_id: number;
  outcome_node_id: number;
}

export interface ChallengeEoiTable {
  id: Generated<number>;
  group_id: number;
  service_id: number | null;
  status: Generated<EoiStatus>;
  title: Generated<string>;
  area_description: Generated<string>;
  finances: Generated<string>;
  finances_confidential: Generated<boolean>;
  capability: Generated<string>;
  capability_confidential: Generated<boolean>;
  outcomes: Generated<string>;
  wellbeing: Generated<string>;
  users_needs: Generated<string>;
  outcomes_confidential: Generated<boolean>;
  employee_engagement: Generated<string>;
  employee_engagement_confidential: Generated<boolean>;
  submitted_at: Timestamp | null;
  acknowledged_at: Timestamp | null;
  decision_due_on: DateColumn | null;
  decided_at: Timestamp | null;
  modification: Generated<string>;
  procurement_opens_on: DateColumn | null;
  procurement_closes_on: DateColumn | null;
  created_by: number | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface ChallengeEoiLocalityTable {
  eoi_id: number;
  locality_id: number;
}

export interface ChallengeEoiOutcomeTable {
  eoi_id: number;
  outcome_node_id: number;
}

export interface ChallengeEoiPartnerFinanceTable {
  eoi_id: number;
  partner_id: number;
  finances: Generated<string>;
  confidential: Generated<boolean>;
}

export interface ChallengeEoiEventTable {
  id: Generated<number>;
  eoi_id: number;
  actor_user_id: number | null;
  from_status: EoiStatus | null;
  to_status: EoiStatus;
  reason: Generated<string>;
  at: DefaultedTimestamp;
}

export interface StatutoryGroundEntry {
  ground: string;
  reason: string;
}

export interface ChallengeDecisionNoticeTable {
  id: Generated<number>;
  eoi_id: number;
  decision: EoiStatus;
  reasons: string;
  grounds: ColumnType<StatutoryGroundEntry[], string, never>;
  modification: Generated<string>;
  issued_by: number | null;
  issued_at: DefaultedTimestamp;
}

export interface ChallengeGroupMessageTable {
  id: Generated<number>;
  group_id: number;
  eoi_id: number | null;
  subject: string;
  body: string;
  sent_at: DefaultedTimestamp;
}

export interface ChallengeTables {
  challenge_settings: ChallengeSettingsTable;
  challenge_groups: ChallengeGroupTable;
  challenge_group_members: ChallengeGroupMemberTable;
  challenge_group_partners: ChallengeGroupPartnerTable;
  challenge_services: ChallengeServiceTable;
  challenge_service_windows: ChallengeServiceWindowTable;
  challenge_service_outcomes: ChallengeServiceOutcomeTable;
  challenge_eois: ChallengeEoiTable;
  challenge_eoi_localities: ChallengeEoiLocalityTable;
  challenge_eoi_outcomes: ChallengeEoiOutcomeTable;
  challenge_eoi_partner_finances: ChallengeEoiPartnerFinanceTable;
  challenge_eoi_events: ChallengeEoiEventTable;
  challenge_decision_notices: ChallengeDecisionNoticeTable;
  challenge_group_messages: ChallengeGroupMessageTable;
}
