// Frozen once landed: schema changes go in a new, later-dated file.
import { sql, type Kysely } from "kysely";

/**
 * A moderator can hide a poll (an abusive question or options) with a reason, and restore it.
 * Hiding is a feed event, so it reaches live clients and replays on reconnect.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TYPE feed_event_kind ADD VALUE IF NOT EXISTS 'poll.hidden';
    ALTER TYPE feed_event_kind ADD VALUE IF NOT EXISTS 'poll.restored';
    ALTER TABLE polls ADD COLUMN hidden_reason text CHECK (length(hidden_reason) BETWEEN 1 AND 500);
  `.execute(db);
}

/** Enum values cannot be dropped in PostgreSQL; unused ones are harmless. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE polls DROP COLUMN hidden_reason`.execute(db);
}
