/**
 * Where the database is: DATABASE_URL when set, otherwise an embedded PostgreSQL whose data lives
 * in .data/ (git-ignored). Shared by the server and the db:* scripts.
 */
import { resolve } from "node:path";
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from "./embedded";

export interface DatabaseLocation {
  url: string;
  embedded: EmbeddedServer | null;
}

export async function locateDatabase(log: (line: string) => void = () => {}): Promise<DatabaseLocation> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: null };
  const embedded = await startEmbeddedPostgres({
    dataDir: resolve(process.env.MOOT_PG_DIR ?? ".data/postgres"),
    port: Number(process.env.MOOT_PG_PORT ?? 15432),
    fresh: process.env.MOOT_PG_FRESH === "1",
    log,
  });
  const url = await ensureDatabase(embedded, "moot");
  return { url, embedded };
}
