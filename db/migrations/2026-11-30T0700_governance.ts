// Governance (issue 17): key decisions on a public forward plan, scrutiny boards, call-in and
// scrutiny recommendations.
// - boards.kind: a decision-making board (all existing boards) or a scrutiny board.
// - governance_settings: one row; the key-decision threshold (integer pence) and how many
//   scrutiny members must ask before a decision is called in.
// - decision_reports: the report for a decision a board will take: summary, money, localities,
//   the implications sections and the alternatives considered. A key one is published on the
//   forward plan (forward_plan_published_on) with the exception route when 28 clear days'
//   notice could not be given; decision_id links the decision once taken.
// - scrutiny_work_items: a scrutiny board's work programme.
// - call_in_requests / call_ins: each scrutiny member's request with reasons; once enough ask,
//   one call_ins row suspends implementation until the scrutiny board's outcome.
// - scrutiny_recommendations: with the response due and the response given.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE boards ADD COLUMN kind text NOT NULL DEFAULT 'decision_making' CHECK (kind IN ('decision_making', 'scrutiny'));

    CREATE TABLE governance_settings (
      id integer PRIMARY KEY CHECK (id = 1),
      key_decision_threshold_pence bigint NOT NULL DEFAULT 50000000 CHECK (key_decision_threshold_pence >= 0),
      call_in_members_required integer NOT NULL DEFAULT 3 CHECK (call_in_members_required BETWEEN 1 AND 50),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO governance_settings (id) VALUES (1);

    CREATE TABLE decision_reports (
      id serial PRIMARY KEY,
      board_id integer NOT NULL REFERENCES boards(id),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      summary text NOT NULL DEFAULT '',
      decision_due_on date NOT NULL,
      spend_pence bigint NOT NULL DEFAULT 0 CHECK (spend_pence >= 0),
      saving_pence bigint NOT NULL DEFAULT 0 CHECK (saving_pence >= 0),
      locality_ids integer[] NOT NULL DEFAULT '{}',
      is_key boolean NOT NULL,
      forward_plan_published_on date,
      exception_route text NOT NULL DEFAULT 'none' CHECK (exception_route IN ('none', 'general_exception', 'special_urgency')),
      exception_reason text NOT NULL DEFAULT '',
      scrutiny_chair_notified_on date,
      scrutiny_chair_name text NOT NULL DEFAULT '',
      scrutiny_chair_agreed_on date,
      financial_implications text NOT NULL DEFAULT '',
      legal_implications text NOT NULL DEFAULT '',
      equality_implications text NOT NULL DEFAULT '',
      carbon_implications text NOT NULL DEFAULT '',
      community_safety_implications text NOT NULL DEFAULT '',
      staffing_implications text NOT NULL DEFAULT '',
      alternatives_considered text NOT NULL DEFAULT '',
      decision_id integer UNIQUE REFERENCES decisions(id),
      created_by integer REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (NOT is_key OR forward_plan_published_on IS NOT NULL)
    );
    CREATE INDEX decision_reports_forward_plan ON decision_reports (decision_due_on) WHERE is_key;

    CREATE TABLE scrutiny_work_items (
      id serial PRIMARY KEY,
      board_id integer NOT NULL REFERENCES boards(id),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      description text NOT NULL DEFAULT '',
      planned_for date,
      status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'scheduled', 'under_review', 'completed', 'withdrawn')),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX scrutiny_work_items_board ON scrutiny_work_items (board_id, planned_for);

    CREATE TABLE call_in_requests (
      id serial PRIMARY KEY,
      decision_id integer NOT NULL REFERENCES decisions(id),
      scrutiny_board_id integer NOT NULL REFERENCES boards(id),
      member_id integer NOT NULL REFERENCES board_members(id),
      reasons text NOT NULL CHECK (length(reasons) BETWEEN 1 AND 5000),
      requested_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (decision_id, member_id)
    );

    CREATE TABLE call_ins (
      id serial PRIMARY KEY,
      decision_id integer NOT NULL UNIQUE REFERENCES decisions(id),
      scrutiny_board_id integer NOT NULL REFERENCES boards(id),
      status text NOT NULL DEFAULT 'called_in' CHECK (status IN ('called_in', 'no_further_action', 'referred_back', 'referred_to_council', 'concluded')),
      called_in_at timestamptz NOT NULL DEFAULT now(),
      outcome_notes text NOT NULL DEFAULT '',
      outcome_recorded_at timestamptz,
      final_decision text NOT NULL DEFAULT '',
      concluded_at timestamptz
    );

    CREATE TABLE scrutiny_recommendations (
      id serial PRIMARY KEY,
      board_id integer NOT NULL REFERENCES boards(id),
      call_in_id integer REFERENCES call_ins(id),
      decision_id integer REFERENCES decisions(id),
      recommendation text NOT NULL CHECK (length(recommendation) BETWEEN 1 AND 5000),
      addressed_to text NOT NULL DEFAULT '',
      response_due_on date NOT NULL,
      response text,
      responded_on date,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX scrutiny_recommendations_board ON scrutiny_recommendations (board_id, response_due_on);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE scrutiny_recommendations;
    DROP TABLE call_ins;
    DROP TABLE call_in_requests;
    DROP TABLE scrutiny_work_items;
    DROP TABLE decision_reports;
    DROP TABLE governance_settings;
    ALTER TABLE boards DROP COLUMN kind;
  `.execute(db);
}
