// Notifications beyond boards (issue 16): an event says what it is ABOUT (a consultation, a comment,
// a meeting's decision), so the worker can check, when it expands the event to followers, that the
// thing is still public (a consultation returned to draft, a reply hidden by a moderator, an item
// taken into exempt session: nobody is told). `author_user_id` keeps the person who caused it
// (e.g. the replier) out of its recipients; `withheld` records why an event went to nobody.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE notification_events
      ADD COLUMN about_kind text CHECK (about_kind IN ('consultation', 'comment', 'decision', 'meeting')),
      ADD COLUMN about_id bigint,
      ADD COLUMN author_user_id bigint REFERENCES users(id) ON DELETE SET NULL,
      ADD COLUMN withheld text;
    CREATE INDEX subscriptions_user ON subscriptions (user_id) WHERE user_id IS NOT NULL;
    CREATE INDEX subscriptions_email ON subscriptions (email);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX subscriptions_email;
    DROP INDEX subscriptions_user;
    ALTER TABLE notification_events DROP COLUMN withheld, DROP COLUMN author_user_id, DROP COLUMN about_id, DROP COLUMN about_kind;
  `.execute(db);
}
