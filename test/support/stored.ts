/**
 * What a test database stores, as one string: each table's row count and newest row version
 * (xmin), so an insert, update or delete anywhere in THIS database changes it. (PostgreSQL's next
 * transaction id is shared by every database on the server, so other test files running beside
 * this one move it: it cannot tell whether this request wrote.) Sessions, rate-limit counters and
 * the socket adapter's own table are left out: they change for reasons that are not the request's
 * input.
 */
import { sql } from "kysely";
import type { Database } from "../../db/client";

const IGNORED_TABLES = new Set(["user_sessions", "rate_limits", "socket_io_attachments", "kysely_migration", "kysely_migration_lock"]);
const queries = new WeakMap<Database, string>();

export async function stored(db: Database): Promise<string> {
  let query = queries.get(db);
  if (!query) {
    const tables = (await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`.execute(db)).rows
      .map((r) => r.name)
      .filter((name) => !IGNORED_TABLES.has(name));
    query = tables.map((name) => `SELECT '${name}' AS t, count(*)::text AS n, coalesce(max(xmin::text::bigint), 0)::text AS x FROM "${name}"`).join(" UNION ALL ");
    queries.set(db, query);
  }
  const rows = (await sql.raw<{ t: string; n: string; x: string }>(query).execute(db)).rows;
  return rows.map((r) => `${r.t}:${r.n}:${r.x}`).sort().join(" ");
}
