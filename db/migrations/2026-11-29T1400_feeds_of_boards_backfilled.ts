// Feeds of meetings and agenda items answer to their board (feeds.board_id, added in
// 2026-11-23T1110). Feeds created before that column have no board; until now every page view
// filled it in with an upsert that locked the feed row. Fill them in once here, so reading a feed
// never writes (getOrCreateFeed reads first and inserts only a missing feed).
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE feeds SET board_id = m.board_id
      FROM meetings m
      WHERE feeds.subject_kind = 'meeting' AND feeds.subject_id = m.id AND feeds.board_id IS NULL;
    UPDATE feeds SET board_id = m.board_id
      FROM agenda_items ai JOIN meetings m ON m.id = ai.meeting_id
      WHERE feeds.subject_kind = 'agenda_item' AND feeds.subject_id = ai.id AND feeds.board_id IS NULL;
  `.execute(db);
}

export async function down(): Promise<void> {
  // Nothing to undo: the boards filled in are the ones the feeds belonged to all along.
}
