// Notices about a meeting after its agenda is published (issues 15 and 16): a cancellation (with
// its reason, shown on the meeting page and sent to calendars as STATUS:CANCELLED), and numbered
// supplements to a published agenda (an item added, changed or withdrawn, each with a reason). A
// withdrawn item stays on the record, marked withdrawn, so the published numbering never changes.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE meeting_cancellations (
      meeting_id integer PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
      reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
      cancelled_by integer REFERENCES users (id) ON DELETE SET NULL,
      cancelled_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TRIGGER meeting_cancellations_final BEFORE UPDATE ON meeting_cancellations
      FOR EACH ROW EXECUTE FUNCTION refuse_change();

    CREATE TABLE agenda_supplements (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      meeting_id integer NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      number integer NOT NULL CHECK (number >= 1),
      reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
      published_by integer REFERENCES users (id) ON DELETE SET NULL,
      published_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (meeting_id, number)
    );
    CREATE TYPE agenda_change AS ENUM ('added', 'changed', 'withdrawn');
    CREATE TABLE agenda_supplement_changes (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      supplement_id integer NOT NULL REFERENCES agenda_supplements (id) ON DELETE CASCADE,
      agenda_item_id integer REFERENCES agenda_items (id) ON DELETE SET NULL,
      change agenda_change NOT NULL,
      item_position integer NOT NULL,
      item_title text NOT NULL
    );
    CREATE INDEX agenda_supplement_changes_supplement ON agenda_supplement_changes (supplement_id);
    CREATE TRIGGER agenda_supplements_append_only BEFORE UPDATE ON agenda_supplements
      FOR EACH ROW EXECUTE FUNCTION refuse_change();

    ALTER TABLE agenda_items ADD COLUMN withdrawn_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE agenda_items DROP COLUMN withdrawn_at;
    DROP TABLE agenda_supplement_changes, agenda_supplements, meeting_cancellations;
    DROP TYPE agenda_change;
  `.execute(db);
}
