/**
 * Pages under load (`npm run bench -- pages`): the production build (build/server.js, so run
 * `npm run build` first) on a fresh embedded PostgreSQL with the demo data, measured with
 * autocannon (50 connections, BENCH_DURATION seconds, default 10) anonymous and signed in as a
 * resident, plus the officer analysis page of a consultation with 10,000 responses. Beside them,
 * in the same run, two floors:
 *   - "bare floor": node:http + renderToString of a 229-element page (test/bench/pages-floor.mjs);
 *   - "Remix floor": /cookies, a page with no loader of its own, through the same Express + Remix
 *     stack (helmet, compression, session lookup, root loader, GOV.UK shell) — what every page
 *     pays before it does its own work.
 * Ratios are req/s against the bare floor. Env: BENCH_DURATION (s), BENCH_CONNECTIONS,
 * BENCH_AMOUNT (requests per page instead of a duration), BENCH_ONLY (comma-separated substrings of row names), BENCH_CPU_PROF (a directory: the Moot
 * process writes a V8 CPU profile there on exit), BENCH_PORT (3361), BENCH_PG_PORT (15561),
 * BENCH_SERVER (the server entry to run, default build/server.js: point it at a copy of an older
 * build to measure "before" in the same way), BENCH_PAGE_CACHE_MS (passed on as MOOT_PAGE_CACHE_MS:
 * 0 measures anonymous pages rendered every time).
 * The "queries" column counts the statements one request sent to PostgreSQL (test/bench/query-log.mjs),
 * taken after the timed run so caches are warm; an anonymous page is counted on a URL the page cache
 * has not seen (`?bench-count`), i.e. what one render costs.
 */
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { addBenchResponses, signInCookie as signIn } from "./support";
import { createDatabase } from "../../db/client";
import { ensureAppDatabase, startEmbeddedPostgres } from "../../db/embedded";
import { migrateToLatest } from "../../db/migrate";
import { seed } from "../../db/seed/index";

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PORT = Number(process.env.BENCH_PORT ?? 3361);
const FLOOR_PORT = PORT + 1;
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 15561);
const LOAD_BEFORE = (await import("node:os")).loadavg().map((l) => l.toFixed(2)).join(" ");
/** BENCH_AMOUNT=N: send exactly N requests per page instead of for a duration (exact CPU per request). */
const AMOUNT = process.env.BENCH_AMOUNT ? Number(process.env.BENCH_AMOUNT) : undefined;
const ONLY = process.env.BENCH_ONLY?.split(",").filter(Boolean);
const RESPONSES = 10_000;
const SERVER = process.env.BENCH_SERVER ?? "build/server.js";
const QUERY_LOG = join(tmpdir(), `moot-bench-queries-${process.pid}.txt`);
const PAGES = ["/", "/consultations", "/consultations/1", "/meetings/1", "/outcomes/localities/northgate", "/decisions"];

if (!existsSync(SERVER)) throw new Error("Run `npm run build` first: this benchmark measures the production build.");

const dataDir = join(tmpdir(), `moot-bench-pages-${process.pid}`);
const pg = await startEmbeddedPostgres({ dataDir, port: PG_PORT, fresh: true, unsafeFast: true });
const children: ChildProcess[] = [];
try {
  const url = await ensureAppDatabase(pg, "moot_bench_pages");
  const analysisId = await prepareDatabase(url);

  const moot = start(
    "node",
    [...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${resolve(process.env.BENCH_CPU_PROF)}`] : []), "--import", "./test/bench/query-log.mjs", SERVER],
    {
      NODE_ENV: "production",
      DATABASE_URL: url,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      MOOT_SEED: "0",
      LOG_LEVEL: "warn",
      MOOT_QUERY_LOG: QUERY_LOG,
      ...(process.env.BENCH_PAGE_CACHE_MS ? { MOOT_PAGE_CACHE_MS: process.env.BENCH_PAGE_CACHE_MS } : {}),
    },
    /Moot is running/,
  );
  const floor = start("node", ["test/bench/pages-floor.mjs", String(FLOOR_PORT)], {}, /listening/);
  await Promise.all([moot.ready, floor.ready]);
  const base = `http://127.0.0.1:${PORT}`;
  const resident = await signIn(base, "resident@moot.example");
  const officer = await signIn(base, "officer@moot.example");

  const targets: { name: string; url: string; cookie?: string }[] = [
    { name: "bare floor (node:http + renderToString)", url: `http://127.0.0.1:${FLOOR_PORT}/` },
    { name: "Remix floor: /cookies (anonymous)", url: `${base}/cookies` },
    { name: "Remix floor: /cookies (resident)", url: `${base}/cookies`, cookie: resident },
    ...PAGES.map((p) => ({ name: `${p} (anonymous)`, url: base + p })),
    ...PAGES.map((p) => ({ name: `${p} (resident)`, url: base + p, cookie: resident })),
    { name: `/officer/consultations/${analysisId}/analysis (officer, ${RESPONSES} responses)`, url: `${base}/officer/consultations/${analysisId}/analysis`, cookie: officer },
  ];
  const rows: Record<string, string | number>[] = [];
  let floorRps = 0;
  for (const target of targets) {
    if (ONLY && !target.name.startsWith("bare floor") && !ONLY.some((o) => target.name.includes(o))) continue;
    const headers = { accept: "text/html", "accept-encoding": "gzip, deflate, br", ...(target.cookie ? { cookie: target.cookie } : {}) };
    const check = await fetch(target.url, { headers, redirect: "manual" });
    const body = await check.text();
    if (check.status !== 200) throw new Error(`${target.url} answered ${check.status}`);
    await load(target.url, headers, Math.min(2, DURATION)); // warm up (JIT, pool, caches)
    const cpuBefore = cpuTimes(target.url.includes(`:${FLOOR_PORT}/`) ? floor.child.pid! : moot.child.pid!);
    const result = await load(target.url, headers, DURATION);
    const cpuAfter = cpuTimes(target.url.includes(`:${FLOOR_PORT}/`) ? floor.child.pid! : moot.child.pid!);
    const isFloor = target.url.includes(`:${FLOOR_PORT}/`);
    const queries = isFloor ? null : await queriesOf(moot.child.pid!, target.cookie ? target.url : `${target.url}?bench-count=${rows.length}`, headers);
    const rps = result.requests.average;
    const served = Math.max(1, result.requests.total);
    if (target.name.startsWith("bare floor")) floorRps = rps;
    rows.push({
      page: target.name,
      "req/s": Math.round(rps),
      "p50 ms": result.latency.p50,
      "p99 ms": result.latency.p99,
      queries: queries ?? "",
      "non-2xx": result.non2xx + result.errors + result.timeouts,
      "KB (uncompressed)": Math.round(body.length / 1024),
      "of floor": floorRps ? `${((100 * rps) / floorRps).toFixed(1)} %` : "",
      "node CPU ms/req": ((cpuAfter.node - cpuBefore.node) / served).toFixed(2),
      "PostgreSQL CPU ms/req": ((cpuAfter.postgres - cpuBefore.postgres) / served).toFixed(2),
    });
    console.log(`${target.name}: ${Math.round(rps)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
  }
  console.log(`\nPages under load: ${CONNECTIONS} connections, ${DURATION} s each, production build (load average at start: ${LOAD_BEFORE})`);
  console.table(rows);
} finally {
  for (const child of children) child.kill("SIGTERM");
  await Promise.all(children.map((c) => new Promise((done) => (c.exitCode !== null ? done(null) : c.once("exit", done)))));
  await pg.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(QUERY_LOG, { force: true });
}

/** Statements PostgreSQL got for one request (the server's query-log preload answers SIGUSR2). */
async function queriesOf(pid: number, url: string, headers: Record<string, string>): Promise<number> {
  const pause = () => new Promise((done) => setTimeout(done, 150));
  const asked = () => (existsSync(QUERY_LOG) ? Number(readFileSync(QUERY_LOG, "utf8").split("\n")[0]) : -1);
  // Wait until the requests still queued from the load have finished (no query for 3 pauses).
  for (let quiet = 0, tries = 0; quiet < 3 && tries < 400; tries++) {
    process.kill(pid, "SIGUSR2");
    await pause();
    quiet = asked() === 0 ? quiet + 1 : 0;
  }
  process.kill(pid, "SIGUSR2");
  await pause();
  const answer = await fetch(url, { headers, redirect: "manual" });
  await answer.arrayBuffer();
  await pause();
  rmSync(QUERY_LOG, { force: true });
  process.kill(pid, "SIGUSR2");
  while (!existsSync(QUERY_LOG)) await pause();
  const [count, ...texts] = readFileSync(QUERY_LOG, "utf8").split("\n");
  if (process.env.BENCH_SHOW_QUERIES) console.log(`${url}:\n  ${texts.filter(Boolean).join("\n  ")}`);
  return Number(count);
}

/**
 * CPU time (ms) used so far by a process, and by PostgreSQL's server processes: on a shared
 * machine req/s depends on the neighbours, CPU per request much less.
 */
function cpuTimes(pid: number): { node: number; postgres: number } {
  const tick = 10; // ms per clock tick (USER_HZ is 100 on Linux)
  const stat = (p: number | string) => {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
      return { ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) * tick };
    } catch {
      return { ppid: -1, cpu: 0 };
    }
  };
  const postmaster = Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  let postgres = stat(postmaster).cpu;
  for (const entry of readdirSync("/proc")) if (/^\d+$/.test(entry)) {
    const s = stat(entry);
    if (s.ppid === postmaster) postgres += s.cpu;
  }
  return { node: stat(pid).cpu, postgres };
}

function start(command: string, args: string[], env: Record<string, string>, readyLine: RegExp) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  const ready = new Promise<void>((done, fail) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (readyLine.test(output)) done();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => process.stderr.write(chunk));
    child.once("exit", (code) => fail(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output}`)));
  });
  return { child, ready };
}

function load(url: string, headers: Record<string, string>, duration: number): Promise<autocannon.Result> {
  return new Promise((done, fail) => autocannon({ url, connections: CONNECTIONS, timeout: 30, ...(AMOUNT ? { amount: Math.max(AMOUNT, duration * 20) } : { duration }), headers }, (error, result) => (error ? fail(error) : done(result))));
}

/** Migrate, load the demo data, and give the published consultation 10,000 responses. */
async function prepareDatabase(url: string): Promise<number> {
  const { db, close } = createDatabase(url, { max: 2 });
  try {
    await migrateToLatest(db);
    await seed(db);
    const { id } = await db.selectFrom("consultations").select("id").where("status", "=", "results_published").executeTakeFirstOrThrow();
    await addBenchResponses(db, id, RESPONSES);
    return id;
  } finally {
    await close();
  }
}
