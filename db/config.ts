/**
 * Where the database is: DATABASE_URL when set, otherwise an embedded PostgreSQL whose data lives
 * in .data/ (git-ignored). Shared by the server and the db:* scripts.
 */
import { resolve } from "node:path";
import { ensureAppDatabase, startEmbeddedPostgres, type EmbeddedServer } from "./embedded";

export interface DatabaseLocation {
  /** The app role's connection string (never the embedded superuser's). */
  url: string;
  embedded: EmbeddedServer | null;
}

export const embeddedDataDir = () => resolve(process.env.MOOT_PG_DIR ?? ".data/postgres");

export async function locateDatabase(log: (line: string) => void = () => {}): Promise<DatabaseLocation> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: null };
  const embedded = await startEmbeddedPostgres({
    dataDir: embeddedDataDir(),
    port: Number(process.env.MOOT_PG_PORT ?? 15432),
    fresh: process.env.MOOT_PG_FRESH === "1",
    unsafeFast: process.env.MOOT_PG_UNSAFE_FAST === "1",
    log,
  });
  const url = await ensureAppDatabase(embedded, "moot");
  return { url, embedded };
}
