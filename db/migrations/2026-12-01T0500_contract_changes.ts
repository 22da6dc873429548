// Running a contract's life after it is let (issue 18, the contract-management half):
// - arrangement_changes: the history shown on an arrangement page — terms edited, an extension
//   option added or used, the arrangement ended early, a KPI changed, a rated period reopened.
//   `details` keeps what it was before and after; `commercial` marks a change that shows money
//   (hidden wherever the commercial terms are confidential). Every change is also audited.
// - arrangement_extension_options: the extension options as data (up to N months each); using
//   one sets used_on/extended_to, so it cannot be used twice.
// - arrangements.terminated_on / termination_reason: an early end (ends_on moves to that date).
// - return_kpi_values.target: the KPI's target when the value was first stored, filled by a
//   trigger for every insert that does not give it, so a later change of target never re-judges
//   a return already sent.
// - return_attachments: files sent with a return (checked by their contents, kept in PostgreSQL).
// - service_feedback: residents' feedback about a service from the public form. It is never
//   published (only the council's officers see it), so it is not moderated; no name or email is
//   asked for.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE arrangements
      ADD COLUMN terminated_on date,
      ADD COLUMN termination_reason text NOT NULL DEFAULT '' CHECK (length(termination_reason) <= 2000),
      ADD CONSTRAINT arrangements_terminated_in_term CHECK (terminated_on IS NULL OR (terminated_on >= starts_on AND terminated_on = ends_on));

    CREATE TABLE arrangement_extension_options (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      arrangement_id integer NOT NULL REFERENCES arrangements (id) ON DELETE CASCADE,
      months integer NOT NULL CHECK (months BETWEEN 1 AND 120),
      note text NOT NULL DEFAULT '' CHECK (length(note) <= 300),
      used_on date,
      extended_to date,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((used_on IS NULL) = (extended_to IS NULL))
    );
    CREATE INDEX arrangement_extension_options_arrangement_idx ON arrangement_extension_options (arrangement_id);

    CREATE TABLE arrangement_changes (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      arrangement_id integer NOT NULL REFERENCES arrangements (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('terms_edited', 'extension_option_added', 'extended', 'terminated', 'kpi_edited', 'period_reopened')),
      summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 1000),
      reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
      details jsonb NOT NULL DEFAULT '{}',
      commercial boolean NOT NULL DEFAULT false,
      changed_by integer REFERENCES users (id) ON DELETE SET NULL,
      changed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX arrangement_changes_arrangement_idx ON arrangement_changes (arrangement_id, changed_at);

    ALTER TABLE return_kpi_values ADD COLUMN target double precision;
    UPDATE return_kpi_values v SET target = k.target FROM arrangement_kpis k WHERE k.id = v.kpi_id;
    ALTER TABLE return_kpi_values ALTER COLUMN target SET NOT NULL;
    CREATE FUNCTION return_kpi_value_target() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.target IS NULL THEN
        SELECT target INTO NEW.target FROM arrangement_kpis WHERE id = NEW.kpi_id;
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER return_kpi_values_target BEFORE INSERT ON return_kpi_values FOR EACH ROW EXECUTE FUNCTION return_kpi_value_target();

    CREATE TABLE return_attachments (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      return_id integer NOT NULL REFERENCES provider_returns (id) ON DELETE CASCADE,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 120),
      media_type text NOT NULL,
      size_bytes integer NOT NULL CHECK (size_bytes > 0),
      content bytea NOT NULL,
      added_by integer REFERENCES users (id) ON DELETE SET NULL,
      added_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX return_attachments_return_idx ON return_attachments (return_id);

    CREATE TABLE service_feedback (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      arrangement_id integer NOT NULL REFERENCES arrangements (id) ON DELETE CASCADE,
      experience text NOT NULL CHECK (experience IN ('good', 'mixed', 'poor')),
      feedback text NOT NULL CHECK (length(feedback) BETWEEN 1 AND 2000),
      received_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX service_feedback_arrangement_idx ON service_feedback (arrangement_id, received_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE service_feedback, return_attachments, arrangement_changes, arrangement_extension_options;
    DROP TRIGGER return_kpi_values_target ON return_kpi_values;
    DROP FUNCTION return_kpi_value_target();
    ALTER TABLE return_kpi_values DROP COLUMN target;
    ALTER TABLE arrangements DROP CONSTRAINT arrangements_terminated_in_term, DROP COLUMN termination_reason, DROP COLUMN terminated_on;
  `.execute(db);
}
