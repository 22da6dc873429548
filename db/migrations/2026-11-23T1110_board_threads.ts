// Board meetings join the live feeds and the golden thread (issue 6 with 5 and 8):
// a feed may belong to a board (so a board-scoped chair may run polls on its meeting feed), and
// agenda items for decision may cite evidence and outcome nodes.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE feeds ADD COLUMN board_id integer REFERENCES boards (id) ON DELETE SET NULL;
    ALTER TYPE citing_kind ADD VALUE IF NOT EXISTS 'agenda_item';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // An enum value cannot be dropped; 'agenda_item' stays (harmless when unused).
  await sql`
    ALTER TABLE feeds DROP COLUMN board_id;
  `.execute(db);
}
