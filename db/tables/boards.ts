/** Tables for boards and their meetings (migration 2026-11-23T1020_boards). */
import type { ColumnType, Generated, Selectable } from "kysely";
import type { DefaultedTimestamp, Timestamp } from "./columns";

export const BOARD_MEMBER_ROLES = ["chair", "vice_chair", "member", "co_opted"] as const;
export type BoardMemberRole = (typeof BOARD_MEMBER_ROLES)[number];
export const BOARD_MEMBER_KINDS = ["elected_councillor", "commissioner", "provider", "community_representative"] as const;
export type BoardMemberKind = (typeof BOARD_MEMBER_KINDS)[number];
export const INTEREST_KINDS = ["disclosable_pecuniary", "other_registrable", "non_registrable"] as const;
export type InterestKind = (typeof INTEREST_KINDS)[number];
export const MEETING_STATUSES = ["draft", "agenda_published", "in_progress", "closed", "minutes_drafted", "minutes_published", "minutes_approved"] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const AGENDA_ITEM_KINDS = ["apologies", "declarations", "minutes", "public_questions", "decision", "information", "exempt"] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];
export const ATTENDANCE_STATUSES = ["present", "apologies", "absent"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const MOTION_STATUSES = ["proposed", "voting", "carried", "lost", "withdrawn"] as const;
export type MotionStatus = (typeof MOTION_STATUSES)[number];
export const VOTE_CHOICES = ["for", "against", "abstain"] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

/**
 * A calendar date (PostgreSQL `date`): node-postgres reads it as a Date (local midnight), so select
 * it with `::text` (see dateText in the boards module) to get "YYYY-MM-DD"; written as "YYYY-MM-DD".
 */
type DateColumn = ColumnType<Date, string, string>;

export interface BankHolidayTable {
  day: DateColumn;
  title: string;
}

export interface BoardTable {
  id: Generated<number>;
  slug: string;
  name: string;
  locality_id: number | null;
  remit: Generated<string>;
  terms_of_reference: Generated<string>;
  quorum_number: number | null;
  quorum_fraction: ColumnType<string | null, string | number | null, string | number | null>;
  quorum_minimum: Generated<number>;
  question_deadline_days: Generated<number>;
  created_at: DefaultedTimestamp;
  /** A decision-making or a scrutiny board (migration 2026-11-30T0700_governance). */
  kind: Generated<"decision_making" | "scrutiny">;
}

export interface BoardMemberTable {
  id: Generated<number>;
  board_id: number;
  user_id: number | null;
  name: string;
  role: BoardMemberRole;
  kind: BoardMemberKind;
  organisation: Generated<string>;
  term_start: DateColumn;
  term_end: DateColumn | null;
  voting: boolean;
}

export interface MemberInterestTable {
  id: Generated<number>;
  member_id: number;
  kind: InterestKind;
  description: string;
  registered_on: ColumnType<Date, string | undefined, string>;
}

export interface MeetingTable {
  id: Generated<number>;
  board_id: number;
  title: string;
  starts_at: Timestamp;
  venue: Generated<string>;
  online_link: Generated<string>;
  status: Generated<MeetingStatus>;
  agenda_published_at: Timestamp | null;
  urgency_reason: string | null;
  current_item_id: number | null;
  in_private: Generated<boolean>;
  adjourned: Generated<boolean>;
  minutes: string | null;
  minutes_approved_at: Timestamp | null;
  created_at: DefaultedTimestamp;
  /** When the chair actually started it (migration 2026-11-29T1700_meeting_records). */
  started_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Minutes of the exempt items, for members only. */
  confidential_minutes: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AgendaItemTable {
  id: Generated<number>;
  meeting_id: number;
  position: number;
  kind: AgendaItemKind;
  title: string;
  summary: Generated<string>;
  recommendation: Generated<string>;
  exempt_paragraph: number | null;
  public_interest_reason: string | null;
  previous_meeting_id: number | null;
  /** Withdrawn by a supplement after publication (migration 2026-11-30T0300_meeting_notices): kept, numbered, marked. */
  withdrawn_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface PaperTable {
  id: Generated<number>;
  agenda_item_id: number;
  title: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  content: Buffer;
  uploaded_at: DefaultedTimestamp;
}

export interface MeetingStatusChangeTable {
  id: Generated<number>;
  meeting_id: number;
  from_status: MeetingStatus | null;
  to_status: MeetingStatus;
  by_user_id: number | null;
  at: DefaultedTimestamp;
}

export interface AttendanceTable {
  meeting_id: number;
  member_id: number;
  status: AttendanceStatus;
  arrived_at: Timestamp | null;
  left_at: Timestamp | null;
}

export interface DeclarationTable {
  id: Generated<number>;
  agenda_item_id: number;
  member_id: number;
  kind: InterestKind;
  description: string;
  leaves: boolean;
}

export interface MotionTable {
  id: Generated<number>;
  agenda_item_id: number;
  amends_motion_id: number | null;
  text: string;
  proposer_id: number;
  seconder_id: number;
  status: Generated<MotionStatus>;
  votes_for: number | null;
  votes_against: number | null;
  abstentions: number | null;
  casting_vote: VoteChoice | null;
  decided_at: Timestamp | null;
}

export interface VoteTable {
  motion_id: number;
  member_id: number;
  choice: VoteChoice;
  cast_at: DefaultedTimestamp;
}

export interface DecisionTable {
  id: Generated<number>;
  meeting_id: number;
  agenda_item_id: number;
  motion_id: number | null;
  text: string;
  reasons: string;
  decided_at: DefaultedTimestamp;
}

export interface DecisionOutcomeTable {
  decision_id: number;
  outcome_node_id: number;
}

export interface MeetingEventTable {
  /** bigint, parsed as a number by db/client. */
  id: Generated<number>;
  meeting_id: number;
  kind: string;
  text: string;
  public: boolean;
  at: DefaultedTimestamp;
}

export const PUBLIC_QUESTION_STATUSES = ["submitted", "accepted", "rejected"] as const;
export type PublicQuestionStatus = (typeof PUBLIC_QUESTION_STATUSES)[number];

export interface PublicQuestionTable {
  id: Generated<number>;
  meeting_id: number;
  asked_by: number;
  question: string;
  status: Generated<PublicQuestionStatus>;
  rejection_reason: string | null;
  answer: string | null;
  submitted_at: DefaultedTimestamp;
}

/** A resolution to exclude the press and public (LGA 1972 s100A(4)) for an exempt item. */
export interface ExclusionResolutionTable {
  id: Generated<number>;
  meeting_id: number;
  agenda_item_id: number;
  exempt_paragraph: number;
  proposer_id: number;
  seconder_id: number;
  votes_for: number;
  votes_against: number;
  abstentions: number;
  carried: boolean;
  moved_at: DefaultedTimestamp;
}

export interface BoardTables {
  exclusion_resolutions: ExclusionResolutionTable;
  public_questions: PublicQuestionTable;
  bank_holidays: BankHolidayTable;
  boards: BoardTable;
  board_members: BoardMemberTable;
  member_interests: MemberInterestTable;
  meetings: MeetingTable;
  agenda_items: AgendaItemTable;
  papers: PaperTable;
  meeting_status_changes: MeetingStatusChangeTable;
  attendance: AttendanceTable;
  declarations: DeclarationTable;
  motions: MotionTable;
  votes: VoteTable;
  decisions: DecisionTable;
  decision_outcomes: DecisionOutcomeTable;
  meeting_events: MeetingEventTable;
}

export type Board = Selectable<BoardTable>;
export type BoardMember = Selectable<BoardMemberTable>;
export type Meeting = Selectable<MeetingTable>;
export type AgendaItem = Selectable<AgendaItemTable>;
export type Motion = Selectable<MotionTable>;
