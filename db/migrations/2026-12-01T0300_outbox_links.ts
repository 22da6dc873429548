// Every link in an e-mail is absolute, built from the one configured public address (APP_ORIGIN)
// when the message is SENT (issue 16): a message written by a command keeps the path of its link
// here, and delivery appends `<origin><link>` to the body. (Events were already expanded with the
// origin; receipts and officer alerts used to carry a bare "/challenges/manage/7".)
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE outbox ADD COLUMN link text CHECK (link IS NULL OR link LIKE '/%')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE outbox DROP COLUMN link`.execute(db);
}
