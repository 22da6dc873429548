// Community Right to Challenge (Localism Act 2011 Part 5 Chapter 2; SI 2012/1313).
// Frozen once landed: schema changes go in a new, later-dated file.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TYPE relevant_body_kind AS ENUM (
      'voluntary_or_community_body', 'charitable_body_or_trust', 'parish_council', 'council_employees', 'other'
    );
    CREATE TYPE challenge_partner_role AS ENUM ('consortium_member', 'subcontractor');
    CREATE TYPE eoi_status AS ENUM (
      'draft', 'submitted', 'acknowledged', 'decision_date_notified', 'under_consideration',
      'modification_proposed', 'modification_agreed', 'modification_declined',
      'accepted', 'accepted_with_modification', 'rejected',
      'procurement_pending', 'procurement_started', 'closed', 'withdrawn'
    );

    -- The council's own settings for the statutory clock (one row).
    CREATE TABLE challenge_settings (
      id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      acknowledge_working_days integer NOT NULL DEFAULT 10 CHECK (acknowledge_working_days BETWEEN 1 AND 60),
      decision_date_notice_days integer NOT NULL DEFAULT 30 CHECK (decision_date_notice_days BETWEEN 1 AND 30),
      warn_days_before_lapse integer NOT NULL DEFAULT 14 CHECK (warn_days_before_lapse BETWEEN 0 AND 365)
    );

    -- England and Wales bank holidays used for working-day deadlines (editable; seeded).
    CREATE TABLE challenge_bank_holidays (
      day date PRIMARY KEY,
      title text NOT NULL
    );

    -- A relevant body (s.81(6) Localism Act 2011).
    CREATE TABLE challenge_groups (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
      kind relevant_body_kind NOT NULL,
      kind_other text NOT NULL DEFAULT '',
      charity_number text NOT NULL DEFAULT '',
      company_number text NOT NULL DEFAULT '',
      other_registration text NOT NULL DEFAULT '',
      contact_name text NOT NULL,
      contact_email text NOT NULL,
      contact_phone text NOT NULL DEFAULT '',
      address text NOT NULL DEFAULT '',
      created_by integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    -- The users who act for a group: only they may edit its expressions of interest.
    CREATE TABLE challenge_group_members (
      group_id integer NOT NULL REFERENCES challenge_groups (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (group_id, user_id)
    );
    CREATE INDEX challenge_group_members_user_idx ON challenge_group_members (user_id);

    CREATE TABLE challenge_group_partners (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      group_id integer NOT NULL REFERENCES challenge_groups (id) ON DELETE CASCADE,
      role challenge_partner_role NOT NULL,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      registration text NOT NULL DEFAULT '',
      UNIQUE (group_id, name)
    );

    -- A relevant service, or one excluded by the regulations (then never open).
    CREATE TABLE challenge_services (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      name text NOT NULL UNIQUE,
      description text NOT NULL DEFAULT '',
      excluded_reason text,
      any_time boolean NOT NULL DEFAULT false,
      procurement_min_months integer NOT NULL DEFAULT 6 CHECK (procurement_min_months >= 0),
      procurement_max_months integer NOT NULL DEFAULT 12,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (procurement_max_months >= procurement_min_months),
      CHECK (excluded_reason IS NULL OR NOT any_time)
    );

    CREATE TABLE challenge_service_windows (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      service_id integer NOT NULL REFERENCES challenge_services (id) ON DELETE CASCADE,
      opens_on date NOT NULL,
      closes_on date NOT NULL,
      CHECK (closes_on >= opens_on)
    );

    CREATE TABLE challenge_service_outcomes (
      service_id integer NOT NULL REFERENCES challenge_services (id) ON DELETE CASCADE,
      outcome_node_id integer NOT NULL REFERENCES outcome_nodes (id),
      PRIMARY KEY (service_id, outcome_node_id)
    );

    -- An expression of interest. Section text lives here; *_confidential marks parts the group
    -- asked to keep commercially confidential (never shown publicly).
    CREATE TABLE challenge_eois (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      group_id integer NOT NULL REFERENCES challenge_groups (id),
      service_id integer REFERENCES challenge_services (id),
      status eoi_status NOT NULL DEFAULT 'draft',
      title text NOT NULL DEFAULT '',
      area_description text NOT NULL DEFAULT '',
      finances text NOT NULL DEFAULT '',
      finances_confidential boolean NOT NULL DEFAULT false,
      capability text NOT NULL DEFAULT '',
      capability_confidential boolean NOT NULL DEFAULT false,
      outcomes text NOT NULL DEFAULT '',
      wellbeing text NOT NULL DEFAULT '',
      users_needs text NOT NULL DEFAULT '',
      outcomes_confidential boolean NOT NULL DEFAULT false,
      employee_engagement text NOT NULL DEFAULT '',
      employee_engagement_confidential boolean NOT NULL DEFAULT false,
      submitted_at timestamptz,
      acknowledged_at timestamptz,
      decision_due_on date,
      decided_at timestamptz,
      modification text NOT NULL DEFAULT '',
      procurement_opens_on date,
      procurement_closes_on date,
      created_by integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX challenge_eois_group_idx ON challenge_eois (group_id);
    CREATE INDEX challenge_eois_status_idx ON challenge_eois (status);

    CREATE TABLE challenge_eoi_localities (
      eoi_id integer NOT NULL REFERENCES challenge_eois (id) ON DELETE CASCADE,
      locality_id integer NOT NULL REFERENCES localities (id),
      PRIMARY KEY (eoi_id, locality_id)
    );

    CREATE TABLE challenge_eoi_outcomes (
      eoi_id integer NOT NULL REFERENCES challenge_eois (id) ON DELETE CASCADE,
      outcome_node_id integer NOT NULL REFERENCES outcome_nodes (id),
      PRIMARY KEY (eoi_id, outcome_node_id)
    );

    -- Financial resources of each consortium member and subcontractor, one row per partner.
    CREATE TABLE challenge_eoi_partner_finances (
      eoi_id integer NOT NULL REFERENCES challenge_eois (id) ON DELETE CASCADE,
      partner_id integer NOT NULL REFERENCES challenge_group_partners (id) ON DELETE CASCADE,
      finances text NOT NULL DEFAULT '',
      confidential boolean NOT NULL DEFAULT false,
      PRIMARY KEY (eoi_id, partner_id)
    );

    -- Every state change: append-only.
    CREATE TABLE challenge_eoi_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      eoi_id integer NOT NULL REFERENCES challenge_eois (id),
      actor_user_id integer REFERENCES users (id),
      from_status eoi_status,
      to_status eoi_status NOT NULL,
      reason text NOT NULL DEFAULT '',
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX challenge_eoi_events_eoi_idx ON challenge_eoi_events (eoi_id, id);
    CREATE TRIGGER challenge_eoi_events_append_only BEFORE UPDATE OR DELETE ON challenge_eoi_events
      FOR EACH ROW EXECUTE FUNCTION refuse_change();

    -- The published decision notice (decision, reasons, statutory grounds): append-only.
    CREATE TABLE challenge_decision_notices (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      eoi_id integer NOT NULL UNIQUE REFERENCES challenge_eois (id),
      decision eoi_status NOT NULL CHECK (decision IN ('accepted', 'accepted_with_modification', 'rejected')),
      reasons text NOT NULL CHECK (length(reasons) > 0),
      grounds jsonb NOT NULL DEFAULT '[]',
      modification text NOT NULL DEFAULT '',
      issued_by integer REFERENCES users (id),
      issued_at timestamptz NOT NULL DEFAULT now(),
      CHECK (decision <> 'rejected' OR jsonb_array_length(grounds) > 0)
    );
    CREATE TRIGGER challenge_decision_notices_append_only BEFORE UPDATE OR DELETE ON challenge_decision_notices
      FOR EACH ROW EXECUTE FUNCTION refuse_change();

    -- Messages the council sends a group in the app (acknowledgement, decision date, decision).
    CREATE TABLE challenge_group_messages (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      group_id integer NOT NULL REFERENCES challenge_groups (id) ON DELETE CASCADE,
      eoi_id integer REFERENCES challenge_eois (id),
      subject text NOT NULL,
      body text NOT NULL,
      sent_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX challenge_group_messages_group_idx ON challenge_group_messages (group_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE challenge_group_messages, challenge_decision_notices, challenge_eoi_events,
      challenge_eoi_partner_finances, challenge_eoi_outcomes, challenge_eoi_localities, challenge_eois,
      challenge_service_outcomes, challenge_service_windows, challenge_services, challenge_group_partners,
      challenge_group_members, challenge_groups, challenge_bank_holidays, challenge_settings;
    DROP TYPE eoi_status, challenge_partner_role, relevant_body_kind;
  `.execute(db);
}
