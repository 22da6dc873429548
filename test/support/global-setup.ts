/**
 * Once per `vitest run`: start a real PostgreSQL (embedded), and build two template databases —
 * `moot_template` (migrated) and `moot_template_seeded` (migrated + demo data). Each test file
 * then gets its own database copied from a template (test/support/db.ts), so files run in
 * parallel without touching each other's data.
 */
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { createDatabase } from "../../db/client";
import { findFreePort, startEmbeddedPostgres } from "../../db/embedded";
import { migrateToLatest } from "../../db/migrate";
import { seed } from "../../db/seed/index";

declare module "vitest" {
  export interface ProvidedContext {
    /** Connection string to the test server without a database name (ends in "/"). */
    pgServerUrl: string;
  }
}

export const TEMPLATE = "moot_template";
export const SEEDED_TEMPLATE = "moot_template_seeded";

export default async function setup(project: TestProject) {
  const dataDir = join(tmpdir(), `moot-vitest-${process.pid}`);
  const port = await findFreePort(21000 + (process.pid % 4000));
  const server = await startEmbeddedPostgres({ dataDir, port, fresh: true, unsafeFast: true });
  const admin = new pg.Client({ connectionString: server.url("postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  const migrated = createDatabase(server.url(TEMPLATE), { max: 2 });
  await migrateToLatest(migrated.db);
  await migrated.close();
  // The seeded template starts as a copy of the migrated one: the migrations run once.
  await admin.query(`CREATE DATABASE ${SEEDED_TEMPLATE} TEMPLATE ${TEMPLATE}`);
  const seeded = createDatabase(server.url(SEEDED_TEMPLATE), { max: 2 });
  await seed(seeded.db, { now: new Date("2026-11-23T09:00:00Z") });
  await seeded.close();
  await admin.end();
  project.provide("pgServerUrl", server.url("").replace(/\/$/, "/"));
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
