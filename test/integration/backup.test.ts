/**
 * `npm run db:backup` / `db:restore` (db/backup.ts): a round trip with PostgreSQL's own pg_dump
 * and pg_restore. Back up a migrated, seeded database, change and drop data, restore, and every
 * table is exactly as it was. A non-empty database is only replaced with `force`.
 *
 * pg_dump must be at least as new as the server. When tools for the embedded PostgreSQL are
 * installed, the test uses the embedded server; otherwise it runs a throwaway cluster of the
 * newest full PostgreSQL installation it finds (the DATABASE_URL case), and is skipped only when
 * there is neither.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync, chownSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle } from "../../db/client";
import { BackupError, backupDatabase, findPgTools, restoreDatabase } from "../../db/backup";
import { ensureAppDatabase, findFreePort, startEmbeddedPostgres, type EmbeddedServer } from "../../db/embedded";
import { migrateToLatest } from "../../db/migrate";
import { seed } from "../../db/seed/index";

const work = join(tmpdir(), `moot-backup-${process.pid}`);
let embedded: EmbeddedServer | null = null;
let stopCluster: (() => void) | null = null;
let url: string | null = null;
let adminUrl: (database: string) => string;

/** The newest Debian-layout PostgreSQL with a server and its tools: /usr/lib/postgresql/N/bin. */
function localInstallation(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = join(root, v, "bin");
    if (["postgres", "initdb", "pg_ctl", "pg_dump", "pg_restore"].every((tool) => existsSync(join(bin, tool)))) return bin;
  }
  return null;
}

/** A throwaway cluster of that installation (as the 'postgres' user when we are root). */
async function startCluster(bin: string): Promise<string> {
  const dataDir = join(work, "cluster");
  mkdirSync(work, { recursive: true });
  const asPostgres = process.getuid?.() === 0;
  const ids = asPostgres ? { uid: Number(spawnSync("id", ["-u", "postgres"], { encoding: "utf8" }).stdout), gid: Number(spawnSync("id", ["-g", "postgres"], { encoding: "utf8" }).stdout) } : {};
  if (asPostgres) chownSync(work, ids.uid!, ids.gid!);
  const password = "backup-test-password";
  writeFileSync(join(work, "pw"), password + "\n");
  if (asPostgres) chownSync(join(work, "pw"), ids.uid!, ids.gid!);
  const port = await findFreePort(28000 + (process.pid % 3000));
  const run = (tool: string, args: string[]) => {
    const result = spawnSync(join(bin, tool), args, { ...ids, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr}`);
  };
  run("initdb", ["-D", dataDir, "-U", "moot", "--auth=scram-sha-256", `--pwfile=${join(work, "pw")}`, "--no-sync"]);
  run("pg_ctl", ["-D", dataDir, "-w", "-l", join(work, "log"), "-o", `-p ${port} -k ${work} -c listen_addresses=127.0.0.1 -c fsync=off`, "start"]);
  stopCluster = () => void spawnSync(join(bin, "pg_ctl"), ["-D", dataDir, "-m", "fast", "-w", "stop"], { ...ids });
  adminUrl = (database) => `postgres://moot:${password}@127.0.0.1:${port}/${database}`;
  const client = new pg.Client({ connectionString: adminUrl("postgres") });
  await client.connect();
  await client.query("CREATE DATABASE moot");
  await client.end();
  return adminUrl("moot");
}

async function prepare(): Promise<string | null> {
  rmSync(work, { recursive: true, force: true });
  if (await findPgTools(18)) {
    embedded = await startEmbeddedPostgres({ dataDir: join(work, "pg"), port: await findFreePort(28000 + (process.pid % 3000)), fresh: true, unsafeFast: true });
    adminUrl = (database) => embedded!.url(database);
    return ensureAppDatabase(embedded, "moot");
  }
  const bin = localInstallation();
  return bin ? startCluster(bin) : null;
}

/** Every table's rows, as one fingerprint per table. */
async function snapshot(db: DatabaseHandle): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`.execute(db.db);
  const result: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const { rows } = await sql<{ rows: number; digest: string | null }>`SELECT count(*)::int AS rows, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${sql.table(name)} t`.execute(db.db);
    result[name] = `${rows[0]!.rows}:${rows[0]!.digest}`;
  }
  return result;
}

beforeAll(async () => {
  url = await prepare();
  if (!url) return;
  const db = createDatabase(url, { max: 2 });
  await migrateToLatest(db.db);
  await seed(db.db, { now: new Date("2026-11-23T09:00:00Z") });
  await db.close();
}, 120_000);

afterAll(async () => {
  await embedded?.stop();
  stopCluster?.();
  rmSync(work, { recursive: true, force: true });
});

describe("db:backup and db:restore", () => {
  it("round trip: back up, change and drop data, refuse to overwrite without force, restore, every row is back", { timeout: 120_000 }, async (context) => {
    if (!url) {
      console.warn("skipped: no pg_dump/pg_restore new enough for the embedded PostgreSQL, and no local PostgreSQL installation");
      return context.skip();
    }
    const db = createDatabase(url, { max: 2 });
    let before: Record<string, string>;
    try {
      before = await snapshot(db);
      expect(Number(before.comments!.split(":")[0])).toBeGreaterThan(0);

      const backup = await backupDatabase(url, { dir: join(work, "backups") });
      console.log(`backup of the demo data: ${backup.bytes} bytes in ${backup.ms} ms`);
      expect(backup.file).toMatch(/moot-\d{8}-\d{6}Z\.dump$/);
      expect(statSync(backup.file).mode & 0o777).toBe(0o600);

      // Change and lose data.
      await db.db.updateTable("users").set({ display_name: "Changed after the backup" }).execute();
      await sql`DROP TABLE feed_events, comment_reactions, comments CASCADE`.execute(db.db);
      await db.db.insertInto("localities").values({ name: "Added after the backup", slug: "added-after" } as never).execute();
      expect(await snapshot(db)).not.toEqual(before);

      // A database with tables in it is not overwritten without --force.
      await expect(restoreDatabase(url, backup.file, { dir: join(work, "backups") })).rejects.toThrow(BackupError);
      await expect(restoreDatabase(url, backup.file, { dir: join(work, "backups") })).rejects.toThrow(/not empty.*--force/s);

      await db.close();
      const restored = await restoreDatabase(url, backup.file, { force: true, dir: join(work, "backups") });
      console.log(`restore: ${restored.ms} ms (including the safety backup)`);
      expect(restored.safetyBackup && existsSync(restored.safetyBackup)).toBe(true);
    } finally {
      await db.close().catch(() => undefined);
    }
    const again = createDatabase(url, { max: 2 });
    try {
      expect(await snapshot(again)).toEqual(before);
      expect(await again.db.selectFrom("users").select("display_name").where("display_name", "=", "Changed after the backup").execute()).toEqual([]);
      expect(await again.db.selectFrom("localities").select("slug").where("slug", "=", "added-after").execute()).toEqual([]);
      // Up to date: nothing for migrations to do.
      const migrated = await migrateToLatest(again.db);
      expect(migrated.results ?? []).toEqual([]);
    } finally {
      await again.close();
    }
  });
});
