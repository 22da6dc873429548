// Frozen once landed: schema changes go in a new, later-dated file.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TYPE consultation_status AS ENUM ('draft', 'scheduled', 'open', 'closed', 'results_published');
    CREATE TYPE consultation_question_kind AS ENUM ('single_choice', 'multiple_choice', 'free_text', 'agree_scale', 'ranking', 'number');
    CREATE TYPE consultation_response_status AS ENUM ('draft', 'submitted', 'withdrawn');
    CREATE TYPE consultation_publish_consent AS ENUM ('named', 'anonymous', 'not_published');

    -- Council-wide settings for consultations (one row). min_length_days: below it officers are warned.
    CREATE TABLE consultation_settings (
      id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      min_length_days integer NOT NULL DEFAULT 42 CHECK (min_length_days BETWEEN 1 AND 365),
      max_document_bytes integer NOT NULL DEFAULT 10485760
    );
    INSERT INTO consultation_settings (id) VALUES (1);

    CREATE TABLE consultations (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      summary text NOT NULL DEFAULT '',
      background text NOT NULL DEFAULT '',
      proposal text NOT NULL DEFAULT '',
      -- Gunning 1: proposals at a formative stage. The officer confirms no decision has been taken.
      no_decision_statement text NOT NULL DEFAULT '',
      options_considered text NOT NULL DEFAULT '',
      who_is_consulted text NOT NULL DEFAULT '',
      how_responses_used text NOT NULL DEFAULT '',
      privacy_notice text NOT NULL DEFAULT '',
      contact text NOT NULL DEFAULT '',
      whole_council boolean NOT NULL DEFAULT false,
      opens_at timestamptz,
      closes_at timestamptz,
      short_period_reason text NOT NULL DEFAULT '',
      status consultation_status NOT NULL DEFAULT 'draft',
      retention_until date,
      -- "We asked, you said, we did"
      results_summary text NOT NULL DEFAULT '',
      decision text NOT NULL DEFAULT '',
      decided_by text NOT NULL DEFAULT '',
      created_by integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', summary), 'B') ||
        setweight(to_tsvector('english', background || ' ' || proposal), 'C')
      ) STORED,
      CONSTRAINT consultations_close_after_open CHECK (opens_at IS NULL OR closes_at IS NULL OR closes_at > opens_at)
    );
    CREATE INDEX consultations_search_idx ON consultations USING gin (search);
    CREATE INDEX consultations_status_idx ON consultations (status, opens_at, closes_at);

    CREATE TABLE consultation_localities (
      consultation_id integer NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
      locality_id integer NOT NULL REFERENCES localities (id),
      PRIMARY KEY (consultation_id, locality_id)
    );
    CREATE INDEX consultation_localities_locality_idx ON consultation_localities (locality_id);

    CREATE TABLE consultation_outcomes (
      consultation_id integer NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
      outcome_node_id integer NOT NULL REFERENCES outcome_nodes (id),
      PRIMARY KEY (consultation_id, outcome_node_id)
    );

    -- Append-only: who moved the consultation between states, and when. changed_by NULL = the clock.
    CREATE TABLE consultation_status_changes (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      consultation_id integer NOT NULL REFERENCES consultations (id),
      from_status consultation_status,
      to_status consultation_status NOT NULL,
      changed_by integer REFERENCES users (id) ON DELETE SET NULL,
      reason text NOT NULL DEFAULT '',
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX consultation_status_changes_idx ON consultation_status_changes (consultation_id, at);
    CREATE TRIGGER consultation_status_changes_append_only BEFORE UPDATE OR DELETE ON consultation_status_changes
      FOR EACH ROW EXECUTE FUNCTION refuse_change();

    CREATE TABLE consultation_sections (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      consultation_id integer NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
      position integer NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      intro text NOT NULL DEFAULT ''
    );
    CREATE INDEX consultation_sections_idx ON consultation_sections (consultation_id, position);

    CREATE TABLE consultation_questions (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      consultation_id integer NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
      section_id integer NOT NULL REFERENCES consultation_sections (id) ON DELETE CASCADE,
      position integer NOT NULL,
      kind consultation_question_kind NOT NULL,
      prompt text NOT NULL CHECK (length(prompt) BETWEEN 1 AND 500),
      help_text text NOT NULL DEFAULT '',
      required boolean NOT NULL DEFAULT false,
      max_length integer CHECK (max_length IS NULL OR max_length BETWEEN 1 AND 20000),
      min_number numeric,
      max_number numeric
    );
    CREATE INDEX consultation_questions_idx ON consultation_questions (section_id, position);

    CREATE TABLE consultation_question_options (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      question_id integer NOT NULL REFERENCES consultation_questions (id) ON DELETE CASCADE,
      position integer NOT NULL,
      label text NOT NULL CHECK (length(label) BETWEEN 1 AND 300)
    );
    CREATE INDEX consultation_question_options_idx ON consultation_question_options (question_id, position);

    CREATE TABLE consultation_responses (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      consultation_id integer NOT NULL REFERENCES consultations (id),
      -- NULL once anonymised by the retention job.
      user_id integer REFERENCES users (id) ON DELETE SET NULL,
      -- The respondent's home locality when they responded, for analysis by locality.
      locality_id integer REFERENCES localities (id),
      reference text NOT NULL UNIQUE,
      status consultation_response_status NOT NULL DEFAULT 'draft',
      consent consultation_publish_consent,
      started_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      submitted_at timestamptz,
      withdrawn_at timestamptz,
      anonymised_at timestamptz
    );
    CREATE UNIQUE INDEX consultation_responses_one_per_person ON consultation_responses (consultation_id, user_id);
    CREATE INDEX consultation_responses_consultation_idx ON consultation_responses (consultation_id, status);

    -- One answer per question. option_ids: chosen options (single/multiple) or the order (ranking);
    -- number_value: number answers and the agree–disagree scale (1 strongly disagree … 5 strongly agree).
    CREATE TABLE consultation_answers (
      response_id integer NOT NULL REFERENCES consultation_responses (id) ON DELETE CASCADE,
      question_id integer NOT NULL REFERENCES consultation_questions (id),
      option_ids integer[] NOT NULL DEFAULT '{}',
      text_value text,
      number_value numeric,
      search tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce(text_value, ''))) STORED,
      PRIMARY KEY (response_id, question_id)
    );
    CREATE INDEX consultation_answers_question_idx ON consultation_answers (question_id);
    CREATE INDEX consultation_answers_search_idx ON consultation_answers USING gin (search);

    -- Equality monitoring: separate from the answers, only ever reported in aggregate.
    CREATE TABLE consultation_equality (
      response_id integer PRIMARY KEY REFERENCES consultation_responses (id) ON DELETE CASCADE,
      consultation_id integer NOT NULL REFERENCES consultations (id),
      age_band text,
      sex text,
      disability text,
      ethnicity text,
      religion text,
      sexual_orientation text
    );
    CREATE INDEX consultation_equality_consultation_idx ON consultation_equality (consultation_id);

    CREATE TABLE consultation_themes (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      consultation_id integer NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      description text NOT NULL DEFAULT '',
      UNIQUE (consultation_id, name)
    );

    CREATE TABLE consultation_answer_themes (
      response_id integer NOT NULL,
      question_id integer NOT NULL,
      theme_id integer NOT NULL REFERENCES consultation_themes (id) ON DELETE CASCADE,
      tagged_by integer REFERENCES users (id) ON DELETE SET NULL,
      PRIMARY KEY (response_id, question_id, theme_id),
      FOREIGN KEY (response_id, question_id) REFERENCES consultation_answers (response_id, question_id) ON DELETE CASCADE
    );
    CREATE INDEX consultation_answer_themes_theme_idx ON consultation_answer_themes (theme_id);

    -- Supporting documents: an uploaded file (bytes here) or a link.
    CREATE TABLE consultation_documents (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      consultation_id integer NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      url text,
      file_name text,
      media_type text,
      size_bytes integer,
      content bytea,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT consultation_documents_link_or_file CHECK ((url IS NULL) <> (content IS NULL))
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE consultation_documents, consultation_answer_themes, consultation_themes, consultation_equality,
      consultation_answers, consultation_responses, consultation_question_options, consultation_questions,
      consultation_sections, consultation_status_changes, consultation_outcomes, consultation_localities,
      consultations, consultation_settings;
    DROP TYPE consultation_publish_consent, consultation_response_status, consultation_question_kind, consultation_status;
  `.execute(db);
}
