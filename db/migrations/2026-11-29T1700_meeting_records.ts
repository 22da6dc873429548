// Meeting records a clerk can sign (issue 15): the moment a meeting actually started (a meeting
// can be started before its scheduled day; the minutes and the register use the real time), the
// resolutions that excluded the press and public (Local Government Act 1972 s100A(4), naming the
// Schedule 12A paragraph), and confidential minutes of exempt items, which only members see.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE meetings ADD COLUMN started_at timestamptz;
    ALTER TABLE meetings ADD COLUMN confidential_minutes text;
    -- The record of a meeting that was held: its start is the status change into 'in_progress'.
    UPDATE meetings m SET started_at = c.at
      FROM (SELECT meeting_id, min(at) AS at FROM meeting_status_changes WHERE to_status = 'in_progress' GROUP BY meeting_id) c
      WHERE c.meeting_id = m.id;

    CREATE TABLE exclusion_resolutions (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      meeting_id integer NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      agenda_item_id integer NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
      exempt_paragraph integer NOT NULL CHECK (exempt_paragraph BETWEEN 1 AND 7),
      proposer_id integer NOT NULL REFERENCES board_members (id),
      seconder_id integer NOT NULL REFERENCES board_members (id),
      votes_for integer NOT NULL CHECK (votes_for >= 0),
      votes_against integer NOT NULL CHECK (votes_against >= 0),
      abstentions integer NOT NULL CHECK (abstentions >= 0),
      carried boolean NOT NULL,
      moved_at timestamptz NOT NULL DEFAULT now(),
      CHECK (proposer_id <> seconder_id)
    );
    CREATE INDEX exclusion_resolutions_meeting ON exclusion_resolutions (meeting_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE exclusion_resolutions;
    ALTER TABLE meetings DROP COLUMN confidential_minutes;
    ALTER TABLE meetings DROP COLUMN started_at;
  `.execute(db);
}
