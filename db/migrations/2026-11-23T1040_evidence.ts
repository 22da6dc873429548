// Evidence tagged to outcomes (issue 8): measures, the evidence library, indicator values,
// citations (the golden-thread seam other features write to) and commissioning reviews.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TYPE measure_polarity AS ENUM ('higher_is_better', 'lower_is_better');
    CREATE TYPE evidence_type AS ENUM ('statistic', 'needs_assessment', 'performance_data', 'lived_experience',
      'research', 'consultation_finding', 'financial', 'equality_impact_assessment');
    CREATE TYPE commissioning_stage AS ENUM ('analyse', 'plan', 'do', 'review');
    CREATE TYPE evidence_confidence AS ENUM ('strong', 'moderate', 'limited');
    CREATE TYPE evidence_visibility AS ENUM ('public', 'internal');
    CREATE TYPE citing_kind AS ENUM ('consultation', 'board_decision', 'challenge', 'commissioning_review');
    CREATE TYPE delivery_option AS ENUM ('internal', 'external', 'partnership', 'co_production', 'influence', 'decommission');
    CREATE TYPE risk_level AS ENUM ('low', 'medium', 'high');

    -- A measure node's unit, polarity, baseline and target (one row per node of kind 'measure').
    CREATE TABLE outcome_measures (
      node_id integer PRIMARY KEY REFERENCES outcome_nodes (id),
      unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 40),
      polarity measure_polarity NOT NULL DEFAULT 'higher_is_better',
      baseline double precision,
      target double precision
    );

    CREATE TABLE evidence_items (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      type evidence_type NOT NULL,
      summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 5000),
      source_organisation text NOT NULL CHECK (length(source_organisation) BETWEEN 1 AND 200),
      source_url text NOT NULL CHECK (source_url ~ '^https?://'),
      period_start date NOT NULL,
      period_end date NOT NULL CHECK (period_end >= period_start),
      locality_id integer REFERENCES localities (id),
      stage commissioning_stage NOT NULL,
      confidence evidence_confidence NOT NULL,
      visibility evidence_visibility NOT NULL DEFAULT 'internal',
      created_by integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', summary), 'B') ||
        setweight(to_tsvector('english', source_organisation), 'C')
      ) STORED
    );
    CREATE INDEX evidence_items_search_idx ON evidence_items USING gin (search);
    CREATE INDEX evidence_items_locality_idx ON evidence_items (locality_id);

    CREATE TABLE evidence_item_outcomes (
      evidence_item_id integer NOT NULL REFERENCES evidence_items (id) ON DELETE CASCADE,
      outcome_node_id integer NOT NULL REFERENCES outcome_nodes (id),
      PRIMARY KEY (evidence_item_id, outcome_node_id)
    );
    CREATE INDEX evidence_item_outcomes_node_idx ON evidence_item_outcomes (outcome_node_id);

    -- A time series per measure per locality (locality_id NULL = council-wide).
    CREATE TABLE indicator_values (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      measure_node_id integer NOT NULL REFERENCES outcome_nodes (id),
      locality_id integer REFERENCES localities (id),
      period date NOT NULL,
      value double precision NOT NULL,
      imported_by integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX indicator_values_unique ON indicator_values (measure_node_id, coalesce(locality_id, 0), period);

    -- The golden-thread seam: anything (a consultation, a board decision, a challenge, a review)
    -- cites evidence and outcome nodes by (kind, id). No foreign key to the citing feature's
    -- tables, so features land independently; evidence and nodes are protected (RESTRICT).
    CREATE TABLE evidence_citations (
      citing_kind citing_kind NOT NULL,
      citing_id integer NOT NULL,
      evidence_item_id integer NOT NULL REFERENCES evidence_items (id),
      context text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (citing_kind, citing_id, evidence_item_id, context)
    );
    CREATE INDEX evidence_citations_item_idx ON evidence_citations (evidence_item_id);

    CREATE TABLE outcome_links (
      citing_kind citing_kind NOT NULL,
      citing_id integer NOT NULL,
      outcome_node_id integer NOT NULL REFERENCES outcome_nodes (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (citing_kind, citing_id, outcome_node_id)
    );
    CREATE INDEX outcome_links_node_idx ON outcome_links (outcome_node_id);

    -- Commissioning reviews follow the cycle Analyse → Plan → Do → Review.
    CREATE TABLE commissioning_reviews (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      service_area text NOT NULL CHECK (length(service_area) BETWEEN 1 AND 200),
      locality_id integer REFERENCES localities (id),
      stage commissioning_stage NOT NULL DEFAULT 'analyse',
      needs_summary text NOT NULL DEFAULT '',
      chosen_option delivery_option,
      rationale text NOT NULL DEFAULT '',
      decommission_consultation text NOT NULL DEFAULT '',
      delivery_arrangement text NOT NULL DEFAULT '',
      performance_summary text NOT NULL DEFAULT '',
      review_date date,
      created_by integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT decommission_needs_consultation CHECK (chosen_option IS DISTINCT FROM 'decommission' OR length(decommission_consultation) > 0)
    );

    CREATE TABLE commissioning_review_options (
      review_id integer NOT NULL REFERENCES commissioning_reviews (id) ON DELETE CASCADE,
      option delivery_option NOT NULL,
      notes text NOT NULL DEFAULT '',
      PRIMARY KEY (review_id, option)
    );

    CREATE TABLE commissioning_review_risks (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      review_id integer NOT NULL REFERENCES commissioning_reviews (id) ON DELETE CASCADE,
      risk text NOT NULL CHECK (length(risk) BETWEEN 1 AND 500),
      likelihood risk_level NOT NULL,
      impact risk_level NOT NULL,
      mitigation text NOT NULL DEFAULT '',
      owner text NOT NULL DEFAULT ''
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE commissioning_review_risks, commissioning_review_options, commissioning_reviews, outcome_links,
      evidence_citations, indicator_values, evidence_item_outcomes, evidence_items, outcome_measures;
    DROP TYPE risk_level, delivery_option, citing_kind, evidence_visibility, evidence_confidence,
      commissioning_stage, evidence_type, measure_polarity;
  `.execute(db);
}
