/**
 * The one test-database helper. `useTestDatabase()` gives the test file its own real PostgreSQL
 * database, copied from a migrated (optionally seeded) template, and drops it afterwards.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { createDatabase, type Database, type DatabaseHandle } from "../../db/client";

export interface TestDatabase extends DatabaseHandle {
  name: string;
  url: string;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${inject("pgServerUrl")}postgres` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(options: { seeded?: boolean; empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `t_${process.pid}_${randomBytes(4).toString("hex")}`;
  const template = options.empty ? "template0" : options.seeded ? "moot_template_seeded" : "moot_template";
  // FILE_COPY copies the template's files; the default (WAL_LOG) writes all 15 MB through the
  // write-ahead log, about twice as slow here (fsync is off, so its checkpoints cost little).
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY`));
  const url = `${inject("pgServerUrl")}${name}`;
  const handle = createDatabase(url, { max: 8 });
  return {
    ...handle,
    name,
    url,
    close: async () => {
      await handle.close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** A database for this test file: `const t = useTestDatabase({ seeded: true }); … t.db`. */
export function useTestDatabase(options: { seeded?: boolean; empty?: boolean } = {}): { readonly db: Database; readonly handle: TestDatabase } {
  let handle: TestDatabase | undefined;
  beforeAll(async () => {
    handle = await createTestDatabase(options);
  });
  afterAll(async () => {
    await handle?.close();
  });
  return {
    get db() {
      if (!handle) throw new Error("The test database is not ready: use it inside a test or hook");
      return handle.db;
    },
    get handle() {
      if (!handle) throw new Error("The test database is not ready: use it inside a test or hook");
      return handle;
    },
  };
}
