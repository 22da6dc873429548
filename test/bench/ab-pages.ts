/**
 * A/B of two production builds on one database, interleaved (`npm run bench -- ab-pages` is not
 * wired; run `node --import tsx test/bench/ab-pages.ts DIR_A DIR_B`). Each DIR holds a `build/`
 * (a copy of an `npm run build` output). Both servers run at once on the same database; rounds
 * alternate A, B, A, B… so load from elsewhere on a shared machine falls on both alike. Per round
 * each server gets BENCH_AB_REQUESTS requests (default 200) at BENCH_AB_CONCURRENCY (default 4)
 * for each URL; the figures are node CPU ms per request (from /proc) and wall time per request,
 * medians over BENCH_AB_ROUNDS rounds (default 5). Env: BENCH_PORT (A; B is +1),
 * BENCH_PG_PORT, BENCH_AB_PATHS (comma-separated, default "/cookies,/consultations/1,/"),
 * BENCH_AB_B_URL_SUFFIX (appended to B's DATABASE_URL, e.g. "?host=%2Ftmp" for PostgreSQL's Unix socket),
 * BENCH_CPU_PROF (a directory: each server writes a V8 CPU profile to DIR/A or DIR/B on exit).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, symlinkSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createDatabase } from "../../db/client";
import { ensureAppDatabase, startEmbeddedPostgres } from "../../db/embedded";
import { migrateToLatest } from "../../db/migrate";
import { seed } from "../../db/seed/index";
import { signInCookie as signIn } from "./support";

const [dirA, dirB] = process.argv.slice(2).map((d) => resolve(d));
if (!dirA || !dirB) throw new Error("usage: ab-pages.ts DIR_A DIR_B (each with a build/)");
const PORT = Number(process.env.BENCH_PORT ?? 3421);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 15521);
const REQUESTS = Number(process.env.BENCH_AB_REQUESTS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_AB_CONCURRENCY ?? 4);
const ROUNDS = Number(process.env.BENCH_AB_ROUNDS ?? 5);
const PATHS = (process.env.BENCH_AB_PATHS ?? "/cookies,/consultations/1,/").split(",");
const root = resolve(".");

const dataDir = join(tmpdir(), `moot-ab-${process.pid}`);
const pg = await startEmbeddedPostgres({ dataDir, port: PG_PORT, fresh: true, unsafeFast: true });
const children: ChildProcess[] = [];
try {
  const url = await ensureAppDatabase(pg, "moot_ab");
  const { db, close } = createDatabase(url, { max: 2 });
  await migrateToLatest(db);
  await seed(db);
  await close();
  const servers = [];
  for (const [i, dir] of [dirA, dirB].entries()) servers.push(
    await (async () => {
      for (const link of ["node_modules", "public", "package.json"]) if (!existsSync(join(dir, link))) symlinkSync(join(root, link), join(dir, link));
      const port = PORT + i;
      const prof = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${resolve(process.env.BENCH_CPU_PROF, i ? "B" : "A")}`] : [];
      const child = spawn("node", [...prof, "build/server.js"], {
        cwd: dir,
        env: { ...process.env, NODE_ENV: "production", DATABASE_URL: i && process.env.BENCH_AB_B_URL_SUFFIX ? url + process.env.BENCH_AB_B_URL_SUFFIX : url, PORT: String(port), HOST: "127.0.0.1", MOOT_SEED: "0", LOG_LEVEL: "warn" },
        stdio: ["ignore", "pipe", "inherit"],
      });
      children.push(child);
      await new Promise<void>((done, fail) => {
        let out = "";
        child.stdout!.on("data", (c: Buffer) => ((out += c), /Moot is running/.test(out) && done()));
        child.once("exit", (code) => fail(new Error(`${dir} exited ${code}: ${out}`)));
      });
      const base = `http://127.0.0.1:${port}`;
      return { name: i ? "B" : "A", dir, base, pid: child.pid!, cookie: await signIn(base, "resident@moot.example") };
    })(),
  ); // one after the other: both would migrate and start the job queue at once
  const results: Record<string, { cpu: number[]; wall: number[] }> = {};
  for (let round = 0; round < ROUNDS + 1; round++) {
    for (const path of PATHS) {
      for (const server of round % 2 ? [...servers].reverse() : servers) {
        const headers = { accept: "text/html", "accept-encoding": "gzip, deflate, br", cookie: server.cookie };
        const before = cpu(server.pid);
        const started = performance.now();
        let sent = 0;
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (sent < REQUESTS) {
              sent++;
              const res = await fetch(server.base + path, { headers, redirect: "manual" });
              await res.arrayBuffer();
              if (res.status !== 200) throw new Error(`${server.base}${path}: ${res.status}`);
            }
          }),
        );
        const wall = (performance.now() - started) / REQUESTS;
        const used = (cpu(server.pid) - before) / REQUESTS;
        if (round === 0) continue; // warm-up
        const key = `${path} ${server.name}`;
        (results[key] ??= { cpu: [], wall: [] }).cpu.push(used);
        results[key].wall.push(wall);
      }
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`A = ${dirA}\nB = ${dirB}\nresident, ${REQUESTS} requests × ${ROUNDS} rounds, concurrency ${CONCURRENCY}`);
  console.table(
    Object.entries(results).map(([key, r]) => ({ "path server": key, "node CPU ms/req (median)": median(r.cpu).toFixed(2), "min": Math.min(...r.cpu).toFixed(2), "wall ms/req (median)": median(r.wall).toFixed(2) })),
  );
} finally {
  for (const child of children) child.kill("SIGTERM");
  await Promise.all(children.map((c) => new Promise((done) => (c.exitCode !== null ? done(null) : c.once("exit", done)))));
  await pg.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

function cpu(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

