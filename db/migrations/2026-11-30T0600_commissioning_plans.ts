// Commissioning strategies and plans (issue 17, the strategies-and-plans half).
// - commissioning_strategies (+ consultations, service-area contributions, cited evidence,
//   outcomes and measures) group commissioning reviews.
// - commissioning_reviews gain a strategy, an accountable commissioner, a cycle number and the
//   previous cycle (a new cycle is a new row; the last stays readable), and the plan: services
//   analysis or a "no plan needed" statement, plan period, budget and current spend (pence).
// - commissioning_review_options keep their key (review_id, option) and gain the delivery
//   analysis: description, governance, outcomes, policy fit, costs/benefits/savings in pence,
//   other resources, risks, SWOT, social value, equality impact; `notes` is the reason for the
//   chosen option. A seventh option kind: external by grant ('external' is by contract).
// - milestones of the delivery plan; the risk register gains categories, open/closed and history;
//   the equality impact assessment as rows per group affected.
// - commissioning_plan_submissions ties a plan to the agenda item it goes to a board on, and
//   decision_subjects lets a board decision cite what it decides (review, consultation, EOI).
// - the 'commissioner' role.
// ALTER TYPE … ADD VALUE may run in the migration's transaction as long as nothing here uses the
// new values (the seed and the app use them after commit).
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TYPE role_name ADD VALUE IF NOT EXISTS 'commissioner';
    ALTER TYPE delivery_option ADD VALUE IF NOT EXISTS 'external_grant';

    CREATE TABLE commissioning_strategies (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      area text NOT NULL DEFAULT '',
      locality_id integer REFERENCES localities (id),
      owner_id integer REFERENCES users (id) ON DELETE SET NULL,
      scope_in text NOT NULL DEFAULT '',
      scope_out text NOT NULL DEFAULT '',
      scope_why text NOT NULL DEFAULT '',
      stakeholders text NOT NULL DEFAULT '',
      starting_position text NOT NULL DEFAULT '',
      interdependencies text NOT NULL DEFAULT '',
      assumptions text NOT NULL DEFAULT '',
      budget_pence bigint CHECK (budget_pence >= 0),
      current_spend_pence bigint CHECK (current_spend_pence >= 0),
      published boolean NOT NULL DEFAULT false,
      created_by integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE commissioning_strategy_consultations (
      strategy_id integer NOT NULL REFERENCES commissioning_strategies (id) ON DELETE CASCADE,
      consultation_id integer NOT NULL REFERENCES consultations (id),
      how_engaged text NOT NULL DEFAULT '',
      PRIMARY KEY (strategy_id, consultation_id)
    );

    CREATE TABLE commissioning_strategy_contributions (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      strategy_id integer NOT NULL REFERENCES commissioning_strategies (id) ON DELETE CASCADE,
      service_area text NOT NULL CHECK (length(service_area) BETWEEN 1 AND 200),
      contribution text NOT NULL CHECK (length(contribution) BETWEEN 1 AND 2000)
    );

    CREATE TABLE commissioning_strategy_evidence (
      strategy_id integer NOT NULL REFERENCES commissioning_strategies (id) ON DELETE CASCADE,
      evidence_item_id integer NOT NULL REFERENCES evidence_items (id) ON DELETE CASCADE,
      PRIMARY KEY (strategy_id, evidence_item_id)
    );

    -- Outcomes and the measures chosen to track them (both are outcome_nodes).
    CREATE TABLE commissioning_strategy_outcomes (
      strategy_id integer NOT NULL REFERENCES commissioning_strategies (id) ON DELETE CASCADE,
      outcome_node_id integer NOT NULL REFERENCES outcome_nodes (id),
      PRIMARY KEY (strategy_id, outcome_node_id)
    );

    ALTER TABLE commissioning_reviews
      ADD COLUMN strategy_id integer REFERENCES commissioning_strategies (id),
      ADD COLUMN accountable_commissioner_id integer REFERENCES users (id) ON DELETE SET NULL,
      ADD COLUMN cycle integer NOT NULL DEFAULT 1 CHECK (cycle >= 1),
      ADD COLUMN previous_review_id integer UNIQUE REFERENCES commissioning_reviews (id),
      ADD COLUMN plan_needed boolean NOT NULL DEFAULT true,
      ADD COLUMN no_plan_reason text NOT NULL DEFAULT '',
      ADD COLUMN statutory_duties text NOT NULL DEFAULT '',
      ADD COLUMN discretionary_activity text NOT NULL DEFAULT '',
      ADD COLUMN significant_issues text NOT NULL DEFAULT '',
      ADD COLUMN current_resources text NOT NULL DEFAULT '',
      ADD COLUMN changes_service boolean NOT NULL DEFAULT false,
      ADD COLUMN plan_starts_on date,
      ADD COLUMN plan_ends_on date,
      ADD COLUMN budget_pence bigint CHECK (budget_pence >= 0),
      ADD COLUMN current_spend_pence bigint CHECK (current_spend_pence >= 0),
      ADD CONSTRAINT plan_period_in_order CHECK (plan_ends_on IS NULL OR plan_starts_on IS NULL OR plan_ends_on >= plan_starts_on);
    CREATE INDEX commissioning_reviews_strategy_idx ON commissioning_reviews (strategy_id);

    ALTER TABLE commissioning_review_options
      ADD COLUMN description text NOT NULL DEFAULT '',
      ADD COLUMN governance text NOT NULL DEFAULT '',
      ADD COLUMN outcomes text NOT NULL DEFAULT '',
      ADD COLUMN policy_fit text NOT NULL DEFAULT '',
      ADD COLUMN other_resources text NOT NULL DEFAULT '',
      ADD COLUMN risks text NOT NULL DEFAULT '',
      ADD COLUMN strengths text NOT NULL DEFAULT '',
      ADD COLUMN weaknesses text NOT NULL DEFAULT '',
      ADD COLUMN opportunities text NOT NULL DEFAULT '',
      ADD COLUMN threats text NOT NULL DEFAULT '',
      ADD COLUMN social_value text NOT NULL DEFAULT '',
      ADD COLUMN equality_impact text NOT NULL DEFAULT '',
      ADD COLUMN cost_pence bigint CHECK (cost_pence >= 0),
      ADD COLUMN benefit_pence bigint CHECK (benefit_pence >= 0),
      ADD COLUMN saving_pence bigint,
      ADD COLUMN costs_confidential boolean NOT NULL DEFAULT false;

    CREATE TABLE commissioning_milestones (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      review_id integer NOT NULL REFERENCES commissioning_reviews (id) ON DELETE CASCADE,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      due_on date NOT NULL,
      done_on date,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX commissioning_milestones_review_idx ON commissioning_milestones (review_id, due_on);

    ALTER TABLE commissioning_review_risks
      ADD COLUMN category text NOT NULL DEFAULT 'delivery' CHECK (category IN ('delivery', 'financial', 'legal', 'reputational')),
      ADD COLUMN closed_at timestamptz,
      ADD COLUMN closed_reason text NOT NULL DEFAULT '',
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

    -- Every change to a risk, with the scores after it: the register's history.
    CREATE TABLE commissioning_risk_changes (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      risk_id integer NOT NULL REFERENCES commissioning_review_risks (id) ON DELETE CASCADE,
      change text NOT NULL CHECK (change IN ('added', 'edited', 'rescored', 'closed', 'reopened')),
      likelihood risk_level NOT NULL,
      impact risk_level NOT NULL,
      note text NOT NULL DEFAULT '',
      changed_by integer REFERENCES users (id) ON DELETE SET NULL,
      changed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX commissioning_risk_changes_risk_idx ON commissioning_risk_changes (risk_id, id);
    INSERT INTO commissioning_risk_changes (risk_id, change, likelihood, impact, note)
      SELECT id, 'added', likelihood, impact, 'Recorded before the register kept history' FROM commissioning_review_risks;

    -- The equality impact assessment: one row per group affected.
    CREATE TABLE commissioning_equality_impacts (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      review_id integer NOT NULL REFERENCES commissioning_reviews (id) ON DELETE CASCADE,
      group_affected text NOT NULL CHECK (length(group_affected) BETWEEN 1 AND 200),
      impact text NOT NULL CHECK (impact IN ('positive', 'neutral', 'negative')),
      details text NOT NULL CHECK (length(details) BETWEEN 1 AND 2000),
      mitigation text NOT NULL DEFAULT '',
      evidence text NOT NULL DEFAULT '',
      CONSTRAINT negative_impact_needs_mitigation CHECK (impact <> 'negative' OR length(mitigation) > 0)
    );
    CREATE INDEX commissioning_equality_impacts_review_idx ON commissioning_equality_impacts (review_id);

    -- A plan put on a board's agenda as an item for decision.
    CREATE TABLE commissioning_plan_submissions (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      review_id integer NOT NULL REFERENCES commissioning_reviews (id) ON DELETE CASCADE,
      agenda_item_id integer NOT NULL UNIQUE REFERENCES agenda_items (id) ON DELETE CASCADE,
      submitted_by integer REFERENCES users (id) ON DELETE SET NULL,
      submitted_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX commissioning_plan_submissions_review_idx ON commissioning_plan_submissions (review_id);

    -- What a board decision decides: a commissioning review, a consultation or an expression of
    -- interest (Right to Challenge), and how (approves, amends, rejects, or informs).
    CREATE TABLE decision_subjects (
      decision_id integer NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
      subject_kind text NOT NULL CHECK (subject_kind IN ('commissioning_review', 'consultation', 'challenge')),
      subject_id integer NOT NULL,
      relation text NOT NULL CHECK (relation IN ('approves', 'amends', 'rejects', 'informs')),
      linked_by integer REFERENCES users (id) ON DELETE SET NULL,
      linked_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (decision_id, subject_kind, subject_id)
    );
    CREATE INDEX decision_subjects_subject_idx ON decision_subjects (subject_kind, subject_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Enum labels cannot be removed; 'commissioner' and 'external_grant' stay (unused).
  await sql`
    DROP TABLE decision_subjects, commissioning_plan_submissions, commissioning_equality_impacts,
      commissioning_risk_changes, commissioning_milestones;
    ALTER TABLE commissioning_review_risks DROP COLUMN category, DROP COLUMN closed_at, DROP COLUMN closed_reason, DROP COLUMN updated_at;
    ALTER TABLE commissioning_review_options
      DROP COLUMN description, DROP COLUMN governance, DROP COLUMN outcomes, DROP COLUMN policy_fit,
      DROP COLUMN other_resources, DROP COLUMN risks, DROP COLUMN strengths, DROP COLUMN weaknesses,
      DROP COLUMN opportunities, DROP COLUMN threats, DROP COLUMN social_value, DROP COLUMN equality_impact,
      DROP COLUMN cost_pence, DROP COLUMN benefit_pence, DROP COLUMN saving_pence, DROP COLUMN costs_confidential;
    ALTER TABLE commissioning_reviews
      DROP CONSTRAINT plan_period_in_order,
      DROP COLUMN strategy_id, DROP COLUMN accountable_commissioner_id, DROP COLUMN cycle, DROP COLUMN previous_review_id,
      DROP COLUMN plan_needed, DROP COLUMN no_plan_reason, DROP COLUMN statutory_duties, DROP COLUMN discretionary_activity,
      DROP COLUMN significant_issues, DROP COLUMN current_resources, DROP COLUMN changes_service,
      DROP COLUMN plan_starts_on, DROP COLUMN plan_ends_on, DROP COLUMN budget_pence, DROP COLUMN current_spend_pence;
    DROP TABLE commissioning_strategy_outcomes, commissioning_strategy_evidence, commissioning_strategy_contributions,
      commissioning_strategy_consultations, commissioning_strategies;
  `.execute(db);
}
