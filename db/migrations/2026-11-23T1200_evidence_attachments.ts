// Evidence items carry attachments (issue 8: "…, visibility, attachment"): files kept in
// PostgreSQL, checked by their contents on upload, seen by whoever may see the item.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE evidence_attachments (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      evidence_item_id integer NOT NULL REFERENCES evidence_items (id) ON DELETE CASCADE,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 120),
      media_type text NOT NULL,
      size_bytes integer NOT NULL CHECK (size_bytes > 0),
      content bytea NOT NULL,
      added_by integer REFERENCES users (id) ON DELETE SET NULL,
      added_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX evidence_attachments_item ON evidence_attachments (evidence_item_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE evidence_attachments`.execute(db);
}
