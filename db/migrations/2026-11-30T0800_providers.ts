// Providers, contracts and grants monitored against outcomes (issue 18).
// - providers: the organisations that deliver (company, charity, community group, mutual or
//   social enterprise, in-house team, other public body); a provider may come from a Right to
//   Challenge group. Their people hold the new `provider` role, scoped to one provider
//   (role_grants.provider_id, scope 'provider').
// - arrangements: a contract, grant or in-house service agreement, linked (nullable: older
//   arrangements predate Moot) to the commissioning review and the delivery option chosen there.
//   Money is integer pence (bigint).
// - arrangement_kpis (linked to an outcome measure or defined on their own, with the range a value
//   may take), social_value_commitments (TOMs-style theme / outcome / measure),
//   provider_returns (+ return_kpi_values, return_social_values), period_ratings (a rated period is
//   closed to returns), arrangement_actions, improvement_plans (+ steps), arrangement_payments,
//   exit_plans and contingency_plans.
// New enum values are compared as text in this migration's CHECKs: PostgreSQL refuses a value
// added by ALTER TYPE … ADD VALUE being used in the same transaction.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TYPE role_name ADD VALUE 'provider';
    ALTER TYPE scope_kind ADD VALUE 'provider';

    CREATE TYPE provider_kind AS ENUM ('company', 'charity', 'community_group', 'mutual_or_social_enterprise', 'in_house', 'public_body');
    CREATE TYPE arrangement_kind AS ENUM ('contract', 'grant', 'in_house');
    CREATE TYPE payment_model AS ENUM ('fixed', 'per_unit', 'payment_by_results');
    CREATE TYPE grant_approval AS ENUM ('grant_panel', 'board_decision');
    CREATE TYPE kpi_frequency AS ENUM ('monthly', 'quarterly', 'annual');
    CREATE TYPE period_rating AS ENUM ('on_track', 'concerns', 'failing');
    CREATE TYPE social_value_theme AS ENUM ('jobs', 'growth', 'social', 'environment', 'innovation');

    CREATE TABLE providers (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
      kind provider_kind NOT NULL,
      registration text NOT NULL DEFAULT '' CHECK (length(registration) <= 100),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
      challenge_group_id integer REFERENCES challenge_groups (id) ON DELETE SET NULL,
      created_by integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    ALTER TABLE role_grants ADD COLUMN provider_id integer REFERENCES providers (id) ON DELETE CASCADE;
    ALTER TABLE role_grants DROP CONSTRAINT role_grants_scope_target;
    ALTER TABLE role_grants ADD CONSTRAINT role_grants_scope_target CHECK (
      (scope::text = 'council' AND locality_id IS NULL AND board_id IS NULL AND provider_id IS NULL) OR
      (scope::text = 'locality' AND locality_id IS NOT NULL AND board_id IS NULL AND provider_id IS NULL) OR
      (scope::text = 'board' AND board_id IS NOT NULL AND locality_id IS NULL AND provider_id IS NULL) OR
      (scope::text = 'provider' AND provider_id IS NOT NULL AND locality_id IS NULL AND board_id IS NULL)
    );
    ALTER TABLE role_grants ADD CONSTRAINT role_grants_provider_role CHECK ((role::text = 'provider') = (scope::text = 'provider'));
    DROP INDEX role_grants_unique;
    CREATE UNIQUE INDEX role_grants_unique ON role_grants (user_id, role, scope, coalesce(locality_id, 0), coalesce(board_id, 0), coalesce(provider_id, 0));

    CREATE TABLE arrangements (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      kind arrangement_kind NOT NULL,
      provider_id integer NOT NULL REFERENCES providers (id),
      review_id integer REFERENCES commissioning_reviews (id) ON DELETE SET NULL,
      review_option delivery_option,
      locality_id integer REFERENCES localities (id),
      manager_user_id integer REFERENCES users (id) ON DELETE SET NULL,
      value_pence bigint NOT NULL CHECK (value_pence >= 0),
      payment_model payment_model NOT NULL DEFAULT 'fixed',
      unit_price_pence bigint CHECK (unit_price_pence > 0),
      unit_name text NOT NULL DEFAULT '',
      at_risk_percent integer CHECK (at_risk_percent BETWEEN 1 AND 100),
      payment_terms text NOT NULL DEFAULT '',
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      extension_options text NOT NULL DEFAULT '',
      key_terms text NOT NULL DEFAULT '',
      commercial_confidential boolean NOT NULL DEFAULT false,
      approval_route grant_approval,
      conditions text NOT NULL DEFAULT '',
      critical boolean NOT NULL DEFAULT false,
      return_due_days integer NOT NULL DEFAULT 20 CHECK (return_due_days BETWEEN 0 AND 120),
      created_by integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_on >= starts_on),
      CHECK (review_option IS NULL OR review_id IS NOT NULL),
      CHECK ((payment_model = 'per_unit') = (unit_price_pence IS NOT NULL)),
      CHECK ((payment_model = 'payment_by_results') = (at_risk_percent IS NOT NULL)),
      CHECK ((kind = 'grant') = (approval_route IS NOT NULL))
    );
    CREATE INDEX arrangements_provider_idx ON arrangements (provider_id);
    CREATE INDEX arrangements_ends_on_idx ON arrangements (ends_on);

    CREATE TABLE arrangement_outcomes (
      arrangement_id integer NOT NULL REFERENCES arrangements (id) ON DELETE CASCADE,
      outcome_node_id integer NOT NULL REFERENCES outcome_nodes (id),
      PRIMARY KEY (arrangement_id, outcome_node_id)
    );
    CREATE INDEX arrangement_outcomes_node_idx ON arrangement_outcomes (outcome_node_id);

    CREATE TABLE arrangement_kpis (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      arrangement_id integer NOT NULL REFERENCES arrangements (id) ON DELETE CASCADE,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      measure_node_id integer REFERENCES outcome_nodes (id),
      definition text NOT NULL DEFAULT '' CHECK (length(definition) <= 2000),
      unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 40),
      polarity measure_polarity NOT NULL DEFAULT 'higher_is_better',
      target double precision NOT NULL,
      min_value double precision NOT NULL DEFAULT 0,
      max_value double precision NOT NULL,
      frequency kpi_frequency NOT NULL DEFAULT 'monthly',
      deduction_rule text NOT NULL DEFAULT '' CHECK (length(deduction_rule) <= 1000),
      position integer NOT NULL DEFAULT 0,
      CHECK (min_value < max_value),
      CHECK (measure_node_id IS NOT NULL OR length(definition) > 0)
    );
    CREATE INDEX arrangement_kpis_arrangement_idx ON arrangement_kpis (arrangement_id);

    CREATE TABLE social_value_commitments (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      arrangement_id integer NOT NULL REFERENCES arrangements (id) ON DELETE CASCADE,
      theme social_value_theme NOT NULL,
      outcome text NOT NULL CHECK (length(outcome) BETWEEN 1 AND 300),
      measure text NOT NULL CHECK (length(measure) BETWEEN 1 AND 300),
      unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 40),
      target double precision NOT NULL CHECK (target >= 0)
    );

    CREATE TABLE provider_returns (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      arrangement_id integer NOT NULL REFERENCES arrangements (id) ON DELETE CASCADE,
      period date NOT NULL CHECK (extract(day FROM period) = 1),
      narrative text NOT NULL DEFAULT '' CHECK (length(narrative) <= 5000),
      social_value_narrative text NOT NULL DEFAULT '' CHECK (length(social_value_narrative) <= 5000),
      submitted_by integer REFERENCES users (id) ON DELETE SET NULL,
      submitted_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (arrangement_id, period)
    );

    CREATE TABLE return_kpi_values (
      return_id integer NOT NULL REFERENCES provider_returns (id) ON DELETE CASCADE,
      kpi_id integer NOT NULL REFERENCES arrangement_kpis (id) ON DELETE CASCADE,
      value double precision NOT NULL,
      PRIMARY KEY (return_id, kpi_id)
    );
    CREATE INDEX return_kpi_values_kpi_idx ON return_kpi_values (kpi_id);

    CREATE TABLE return_social_values (
      return_id integer NOT NULL REFERENCES provider_returns (id) ON DELETE CASCADE,
      commitment_id integer NOT NULL REFERENCES social_value_commitments (id) ON DELETE CASCADE,
      value double precision NOT NULL CHECK (value >= 0),
      PRIMARY KEY (return_id, commitment_id)
    );

    CREATE TABLE period_ratings (
      arrangement_id integer NOT NULL REFERENCES arrangements (id) ON DELETE CASCADE,
      period date NOT NULL CHECK (extract(day FROM period) = 1),
      rating period_rating NOT NULL,
      notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
      deduction_pence bigint NOT NULL DEFAULT 0 CHECK (deduction_pence >= 0),
      rated_by integer REFERENCES users (id) ON DELETE SET NULL,
      rated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (arrangement_id, period)
    );

    CREATE TABLE arrangement_actions (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      arrangement_id integer NOT NULL REFERENCES arrangements (id) ON DELETE CASCADE,
      period date,
      action text NOT NULL CHECK (length(action) BETWEEN 1 AND 1000),
      owner text NOT NULL DEFAULT '' CHECK (length(owner) <= 200),
      due_on date,
      created_by integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE improvement_plans (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      arrangement_id integer NOT NULL REFERENCES arrangements (id) ON DELETE CASCADE,
      reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
      opened_on date NOT NULL,
      closed_on date,
      created_by integer REFERENCES users (id) ON DELETE SET NULL
    );
    CREATE UNIQUE INDEX improvement_plans_one_open ON improvement_plans (arrangement_id) WHERE closed_on IS NULL;

    CREATE TABLE improvement_plan_steps (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      plan_id integer NOT NULL REFERENCES improvement_plans (id) ON DELETE CASCADE,
      step text NOT NULL CHECK (length(step) BETWEEN 1 AND 1000),
      due_on date NOT NULL,
      done_on date
    );

    CREATE TABLE arrangement_payments (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      arrangement_id integer NOT NULL REFERENCES arrangements (id) ON DELETE CASCADE,
      paid_on date NOT NULL,
      amount_pence bigint NOT NULL CHECK (amount_pence > 0),
      note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
      recorded_by integer REFERENCES users (id) ON DELETE SET NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX arrangement_payments_arrangement_idx ON arrangement_payments (arrangement_id);

    CREATE TABLE exit_plans (
      arrangement_id integer PRIMARY KEY REFERENCES arrangements (id) ON DELETE CASCADE,
      people_affected text NOT NULL CHECK (length(people_affected) BETWEEN 1 AND 2000),
      transition text NOT NULL CHECK (length(transition) BETWEEN 1 AND 2000),
      communication text NOT NULL CHECK (length(communication) BETWEEN 1 AND 2000),
      exit_on date NOT NULL,
      equality_assessment_id integer NOT NULL REFERENCES evidence_items (id),
      evaluation_due_on date NOT NULL,
      updated_by integer REFERENCES users (id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (evaluation_due_on > exit_on)
    );

    CREATE TABLE contingency_plans (
      arrangement_id integer PRIMARY KEY REFERENCES arrangements (id) ON DELETE CASCADE,
      failure_signs text NOT NULL CHECK (length(failure_signs) BETWEEN 1 AND 2000),
      immediate_actions text NOT NULL CHECK (length(immediate_actions) BETWEEN 1 AND 2000),
      fallback text NOT NULL CHECK (length(fallback) BETWEEN 1 AND 2000),
      updated_by integer REFERENCES users (id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE contingency_plans, exit_plans, arrangement_payments, improvement_plan_steps, improvement_plans,
      arrangement_actions, period_ratings, return_social_values, return_kpi_values, provider_returns,
      social_value_commitments, arrangement_kpis, arrangement_outcomes, arrangements;
    DELETE FROM role_grants WHERE provider_id IS NOT NULL;
    DROP INDEX role_grants_unique;
    CREATE UNIQUE INDEX role_grants_unique ON role_grants (user_id, role, scope, coalesce(locality_id, 0), coalesce(board_id, 0));
    ALTER TABLE role_grants DROP CONSTRAINT role_grants_provider_role;
    ALTER TABLE role_grants DROP CONSTRAINT role_grants_scope_target;
    ALTER TABLE role_grants ADD CONSTRAINT role_grants_scope_target CHECK (
      (scope::text = 'council' AND locality_id IS NULL AND board_id IS NULL) OR
      (scope::text = 'locality' AND locality_id IS NOT NULL AND board_id IS NULL) OR
      (scope::text = 'board' AND board_id IS NOT NULL AND locality_id IS NULL)
    );
    ALTER TABLE role_grants DROP COLUMN provider_id;
    DROP TABLE providers;
    DROP TYPE social_value_theme, period_rating, kpi_frequency, grant_approval, payment_model, arrangement_kind, provider_kind;
  `.execute(db);
}
