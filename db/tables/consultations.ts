/** Table interfaces for consultations (db/migrations/2026-11-23T1000_consultations.ts). */
import type { ColumnType, Generated } from "kysely";
import type { DefaultedTimestamp, Timestamp } from "../schema";

export const CONSULTATION_STATUSES = ["draft", "scheduled", "open", "closed", "results_published"] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

export const QUESTION_KINDS = ["single_choice", "multiple_choice", "free_text", "agree_scale", "ranking", "number"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const RESPONSE_STATUSES = ["draft", "submitted", "withdrawn"] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

export const PUBLISH_CONSENTS = ["named", "anonymous", "not_published"] as const;
export type PublishConsent = (typeof PUBLISH_CONSENTS)[number];

type Numeric = ColumnType<string, string | number, string | number>;
type DateOnly = ColumnType<Date, Date | string, Date | string>;

export interface ConsultationSettingsTable {
  id: Generated<number>;
  min_length_days: Generated<number>;
  max_document_bytes: Generated<number>;
}

export interface ConsultationTable {
  id: Generated<number>;
  title: string;
  summary: Generated<string>;
  background: Generated<string>;
  proposal: Generated<string>;
  no_decision_statement: Generated<string>;
  options_considered: Generated<string>;
  who_is_consulted: Generated<string>;
  how_responses_used: Generated<string>;
  privacy_notice: Generated<string>;
  contact: Generated<string>;
  whole_council: Generated<boolean>;
  opens_at: Timestamp | null;
  closes_at: Timestamp | null;
  short_period_reason: Generated<string>;
  status: Generated<ConsultationStatus>;
  retention_until: DateOnly | null;
  results_summary: Generated<string>;
  decision: Generated<string>;
  decided_by: Generated<string>;
  created_by: number | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  search: ColumnType<string, never, never>;
}

export interface ConsultationLocalityTable {
  consultation_id: number;
  locality_id: number;
}

export interface ConsultationOutcomeTable {
  consultation_id: number;
  outcome_node_id: number;
}

export interface ConsultationStatusChangeTable {
  id: Generated<number>;
  consultation_id: number;
  from_status: ConsultationStatus | null;
  to_status: ConsultationStatus;
  changed_by: number | null;
  reason: Generated<string>;
  at: DefaultedTimestamp;
}

export interface ConsultationSectionTable {
  id: Generated<number>;
  consultation_id: number;
  position: number;
  title: string;
  intro: Generated<string>;
}

export interface ConsultationQuestionTable {
  id: Generated<number>;
  consultation_id: number;
  section_id: number;
  position: number;
  kind: QuestionKind;
  prompt: string;
  help_text: Generated<string>;
  required: Generated<boolean>;
  max_length: number | null;
  min_number: Numeric | null;
  max_number: Numeric | null;
}

export interface ConsultationQuestionOptionTable {
  id: Generated<number>;
  question_id: number;
  position: number;
  label: string;
}

export interface ConsultationResponseTable {
  id: Generated<number>;
  consultation_id: number;
  user_id: number | null;
  locality_id: number | null;
  reference: string;
  status: Generated<ResponseStatus>;
  consent: PublishConsent | null;
  started_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  submitted_at: Timestamp | null;
  withdrawn_at: Timestamp | null;
  anonymised_at: Timestamp | null;
}

export interface ConsultationAnswerTable {
  response_id: number;
  question_id: number;
  option_ids: ColumnType<number[], number[] | undefined, number[]>;
  text_value: string | null;
  number_value: Numeric | null;
  search: ColumnType<string, never, never>;
}

export interface ConsultationEqualityTable {
  response_id: number;
  consultation_id: number;
  age_band: string | null;
  sex: string | null;
  disability: string | null;
  ethnicity: string | null;
  religion: string | null;
  sexual_orientation: string | null;
}

export interface ConsultationThemeTable {
  id: Generated<number>;
  consultation_id: number;
  name: string;
  description: Generated<string>;
}

export interface ConsultationAnswerThemeTable {
  response_id: number;
  question_id: number;
  theme_id: number;
  tagged_by: number | null;
}

export interface ConsultationDocumentTable {
  id: Generated<number>;
  consultation_id: number;
  title: string;
  url: string | null;
  file_name: string | null;
  media_type: string | null;
  size_bytes: number | null;
  content: Buffer | null;
  created_at: DefaultedTimestamp;
}

export interface ConsultationTables {
  consultation_settings: ConsultationSettingsTable;
  consultations: ConsultationTable;
  consultation_localities: ConsultationLocalityTable;
  consultation_outcomes: ConsultationOutcomeTable;
  consultation_status_changes: ConsultationStatusChangeTable;
  consultation_sections: ConsultationSectionTable;
  consultation_questions: ConsultationQuestionTable;
  consultation_question_options: ConsultationQuestionOptionTable;
  consultation_responses: ConsultationResponseTable;
  consultation_answers: ConsultationAnswerTable;
  consultation_equality: ConsultationEqualityTable;
  consultation_themes: ConsultationThemeTable;
  consultation_answer_themes: ConsultationAnswerThemeTable;
  consultation_documents: ConsultationDocumentTable;
}
