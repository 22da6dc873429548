// Frozen: this migration has landed. Schema changes go in a new, later-dated file.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TYPE role_name AS ENUM ('admin', 'officer', 'analyst', 'moderator', 'board_member', 'chair', 'community_group_rep');
    CREATE TYPE scope_kind AS ENUM ('council', 'locality', 'board');
    CREATE TYPE outcome_node_kind AS ENUM ('outcome', 'priority', 'measure');

    -- One council per installation: the single row has id 1.
    CREATE TABLE council (
      id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      service_name text NOT NULL DEFAULT 'Moot',
      contact_email text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE localities (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      name text NOT NULL UNIQUE,
      description text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE users (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      email text NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
      display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
      password_hash text NOT NULL,
      home_locality_id integer REFERENCES localities (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_email_key ON users (email);

    CREATE TABLE user_sessions (
      id text PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX user_sessions_user_id_idx ON user_sessions (user_id);

    -- A role held within a scope: the whole council, one locality, or one board.
    CREATE TABLE role_grants (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      role role_name NOT NULL,
      scope scope_kind NOT NULL,
      locality_id integer REFERENCES localities (id) ON DELETE CASCADE,
      board_id integer,
      granted_by integer REFERENCES users (id) ON DELETE SET NULL,
      granted_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT role_grants_scope_target CHECK (
        (scope = 'council' AND locality_id IS NULL AND board_id IS NULL) OR
        (scope = 'locality' AND locality_id IS NOT NULL AND board_id IS NULL) OR
        (scope = 'board' AND board_id IS NOT NULL AND locality_id IS NULL)
      )
    );
    CREATE UNIQUE INDEX role_grants_unique ON role_grants (user_id, role, scope, coalesce(locality_id, 0), coalesce(board_id, 0));

    -- Append-only record of who did what; nothing updates or deletes it.
    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      actor_user_id integer REFERENCES users (id) ON DELETE SET NULL,
      action text NOT NULL,
      subject text NOT NULL,
      detail jsonb NOT NULL DEFAULT '{}',
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only: rows cannot be updated or deleted', TG_TABLE_NAME;
    END $$;
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION refuse_change();

    CREATE TABLE outcome_frameworks (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      slug text NOT NULL UNIQUE,
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      source text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now()
    );

    -- framework → outcome → priority (sub-outcome) → measure
    CREATE TABLE outcome_nodes (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      framework_id integer NOT NULL REFERENCES outcome_frameworks (id) ON DELETE CASCADE,
      parent_id integer REFERENCES outcome_nodes (id),
      kind outcome_node_kind NOT NULL,
      title text NOT NULL,
      description text NOT NULL DEFAULT '',
      position integer NOT NULL DEFAULT 0,
      retired_at timestamptz,
      CONSTRAINT outcome_nodes_root_is_outcome CHECK ((parent_id IS NULL) = (kind = 'outcome'))
    );
    CREATE INDEX outcome_nodes_parent_idx ON outcome_nodes (framework_id, parent_id, position);

    -- rate-limiter-flexible's PostgreSQL store (sign-in throttling and later comment/vote limits).
    CREATE TABLE rate_limits (
      key varchar(255) PRIMARY KEY,
      points integer NOT NULL DEFAULT 0,
      expire bigint
    );

    -- @socket.io/postgres-adapter keeps large broadcast payloads here.
    CREATE TABLE socket_io_attachments (
      id bigserial UNIQUE,
      created_at timestamptz DEFAULT now(),
      payload bytea
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE socket_io_attachments, rate_limits, outcome_nodes, outcome_frameworks, audit_log,
      role_grants, user_sessions, users, localities, council;
    DROP FUNCTION refuse_change();
    DROP TYPE outcome_node_kind, scope_kind, role_name;
  `.execute(db);
}
