#!/usr/bin/env node
/**
 * `npm test`: type-check, production build, then unit + integration + realtime tests (vitest) and
 * end-to-end tests (Playwright + Chromium + axe) at the same time. Every stage runs even if another
 * failed, so one run shows everything; the last line totals all suites as "N passed, N failed".
 *
 * Why at the same time: the browser suite is the longest stage and waits on pages, sockets and
 * the database far more than it computes (about a third of a core per worker), and vitest's
 * slowest files wait on restarts and timers. Run one after the other they left a core idle for
 * minutes. The type-check (one core, no deadline) runs at a lower priority (nice) from the start,
 * so it fills the gaps instead of slowing the timed suites. Playwright's output is shown as it
 * runs; vitest's and the type-check's are printed whole when each ends, so they do not interleave.
 * `E2E_AFTER_VITEST=1` runs them one after the other (to tell whether a failure needs the load).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const only = process.argv[2]; // optional: "unit" or "e2e"
mkdirSync("test-results", { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
let anyFailed = false;
const started = Date.now();
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);

// With GNU time each stage also reports the CPU seconds it used (its processes and theirs): that
// depends much less than wall time on what else the machine is running.
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

/** Run a command; its output is shown as it comes ("inherit") or kept and printed when it ends ("pipe"). */
function run(label, command, args, stdio = "inherit") {
  const began = Date.now();
  const startedAt = seconds(started);
  const cpuFile = `test-results/.cpu-${label}`;
  rmSync(cpuFile, { force: true });
  const child = TIME ? spawn(TIME, ["-f", "%U %S", "-o", cpuFile, command, ...args], { stdio, env: process.env }) : spawn(command, args, { stdio, env: process.env });
  const output = [];
  child.stdout?.on("data", (chunk) => output.push(chunk));
  child.stderr?.on("data", (chunk) => output.push(chunk));
  return new Promise((resolve) => {
    child.on("error", (error) => output.push(Buffer.from(`${label}: ${error.message}\n`)));
    child.on("close", (code) => {
      const ok = code === 0;
      if (!ok) anyFailed = true;
      if (output.length) process.stdout.write(Buffer.concat([Buffer.from(`\n──── ${label} ────\n`), ...output]));
      let cpu = "";
      try {
        const [user, system] = readFileSync(cpuFile, "utf8").trim().split("\n").at(-1).split(" ").map(Number);
        if (Number.isFinite(user + system)) cpu = `, ${Math.round(user + system)} s CPU`;
      } catch {
        // no GNU time: wall time only
      }
      resolve({ ok, seconds: seconds(began), startedAt, cpu, label });
    });
  });
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

const PIPE = ["ignore", "pipe", "pipe"];
const typecheck = only ? null : run("typecheck", "nice", ["-n", "10", "npx", "tsc", "--noEmit"], PIPE);

// Build first: the end-to-end tests serve it, and so do vitest's hostile-input tests.
const build = await run("build", "npm", ["run", "build"]);

async function vitestStage() {
  rmSync("test-results/vitest.json", { force: true });
  // Shown live when it runs alone; beside Playwright its output is printed whole when it ends.
  const vitest = await run("vitest", "npx", ["vitest", "run"], only === "unit" || sequential ? "inherit" : PIPE);
  const report = readJson("test-results/vitest.json");
  if (report) {
    const p = report.numPassedTests, f = report.numFailedTests, s = report.numPendingTests + (report.numTodoTests ?? 0);
    totals.passed += p; totals.failed += f; totals.skipped += s;
    if (!vitest.ok && f === 0) { totals.failed += 1; lines.push("vitest: exited with an error outside the tests"); }
    return `vitest (unit, integration, realtime): ${p} passed, ${f} failed${s ? `, ${s} skipped` : ""} (${vitest.seconds}s from ${vitest.startedAt}s${vitest.cpu})`;
  }
  totals.failed += 1;
  return `vitest: no report (the run crashed) (${vitest.seconds}s)`;
}

async function e2eStage() {
  if (!build.ok) {
    totals.failed += 1;
    return `build: failed (${build.seconds}s); end-to-end tests not run`;
  }
  rmSync("test-results/playwright.json", { force: true });
  const e2e = await run("playwright", "npx", ["playwright", "test"]);
  const report = readJson("test-results/playwright.json");
  if (report?.stats) {
    const p = report.stats.expected + (report.stats.flaky ?? 0), f = report.stats.unexpected, s = report.stats.skipped;
    totals.passed += p; totals.failed += f; totals.skipped += s;
    if (!e2e.ok && f === 0) { totals.failed += 1; lines.push("playwright: exited with an error outside the tests"); }
    return `playwright (end-to-end, axe): ${p} passed, ${f} failed${s ? `, ${s} skipped` : ""} (build ${build.seconds}s${build.cpu}; tests ${e2e.seconds}s from ${e2e.startedAt}s${e2e.cpu})`;
  }
  totals.failed += 1;
  return `playwright: no report (the run crashed) (${e2e.seconds}s)`;
}

const sequential = Boolean(process.env.E2E_AFTER_VITEST);
const wantUnit = !only || only === "unit";
const wantE2e = !only || only === "e2e";
let stageLines;
if (sequential) {
  stageLines = [wantUnit ? await vitestStage() : null, wantE2e ? await e2eStage() : null];
} else {
  stageLines = await Promise.all([wantUnit ? vitestStage() : null, wantE2e ? e2eStage() : null]);
}
lines.push(...stageLines.filter(Boolean));

if (typecheck) {
  const tsc = await typecheck;
  totals[tsc.ok ? "passed" : "failed"] += 1;
  lines.unshift(`typecheck: ${tsc.ok ? "1 passed, 0 failed" : "0 passed, 1 failed"} (${tsc.seconds}s${tsc.cpu}, beside the others at a lower priority)`);
}
if (!build.ok && wantUnit && !wantE2e) { totals.failed += 1; lines.push(`build: failed (${build.seconds}s)`); }

console.log("\n" + lines.join("\n") + `\nall stages: ${seconds(started)}s`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(anyFailed || totals.failed > 0 ? 1 : 0);
