#!/usr/bin/env node
/**
 * `npm test`: type-check, unit + integration + realtime tests (vitest), production build, then
 * end-to-end tests (Playwright + Chromium + axe). Every stage runs even if an earlier one failed,
 * so one run shows everything; the last line totals all suites as "N passed, N failed".
 *
 * The type-check (one core, ~35 s of CPU) runs beside the build (which leaves a core idle) and
 * the start of vitest.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const only = process.argv[2]; // optional: "unit" or "e2e"
mkdirSync("test-results", { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
let anyFailed = false;

/** Run a command with its output shown; resolves when it ends. */
function run(label, command, args, stdio = "inherit") {
  const started = Date.now();
  const child = spawn(command, args, { stdio, env: process.env });
  const output = [];
  child.stdout?.on("data", (chunk) => output.push(chunk));
  child.stderr?.on("data", (chunk) => output.push(chunk));
  return new Promise((resolve) => {
    child.on("error", (error) => output.push(Buffer.from(`${label}: ${error.message}\n`)));
    child.on("close", (code) => {
      const ok = code === 0;
      if (!ok) anyFailed = true;
      if (output.length) process.stdout.write(Buffer.concat(output));
      resolve({ ok, seconds: ((Date.now() - started) / 1000).toFixed(1), label });
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

// Its output is kept and printed when it ends ("pipe"), so it does not interleave with the others.
const typecheck = only ? null : run("typecheck", "npx", ["tsc", "--noEmit"], ["ignore", "pipe", "pipe"]);

// Build first: the hostile-input tests (vitest) serve the production build, as the e2e tests do.
let build = null;
if (!only || only === "unit" || only === "e2e") build = await run("build", "npm", ["run", "build"]);

if (!only || only === "unit") {
  rmSync("test-results/vitest.json", { force: true });
  const vitest = await run("vitest", "npx", ["vitest", "run"]);
  const report = readJson("test-results/vitest.json");
  if (report) {
    const p = report.numPassedTests, f = report.numFailedTests, s = report.numPendingTests + (report.numTodoTests ?? 0);
    totals.passed += p; totals.failed += f; totals.skipped += s;
    if (!vitest.ok && f === 0) { totals.failed += 1; lines.push("vitest: exited with an error outside the tests"); }
    lines.push(`vitest (unit, integration, realtime): ${p} passed, ${f} failed${s ? `, ${s} skipped` : ""} (${vitest.seconds}s)`);
  } else {
    totals.failed += 1;
    lines.push(`vitest: no report (the run crashed) (${vitest.seconds}s)`);
  }
}

if (!only || only === "e2e") {
  if (!build.ok) {
    totals.failed += 1;
    lines.push(`build: failed (${build.seconds}s); end-to-end tests not run`);
  } else {
    rmSync("test-results/playwright.json", { force: true });
    const e2e = await run("playwright", "npx", ["playwright", "test"]);
    const report = readJson("test-results/playwright.json");
    if (report?.stats) {
      const p = report.stats.expected + (report.stats.flaky ?? 0), f = report.stats.unexpected, s = report.stats.skipped;
      totals.passed += p; totals.failed += f; totals.skipped += s;
      if (!e2e.ok && f === 0) { totals.failed += 1; lines.push("playwright: exited with an error outside the tests"); }
      lines.push(`playwright (end-to-end, axe): ${p} passed, ${f} failed${s ? `, ${s} skipped` : ""} (build ${build.seconds}s, tests ${e2e.seconds}s)`);
    } else {
      totals.failed += 1;
      lines.push(`playwright: no report (the run crashed) (${e2e.seconds}s)`);
    }
  }
}

if (typecheck) {
  const tsc = await typecheck;
  totals[tsc.ok ? "passed" : "failed"] += 1;
  lines.unshift(`typecheck: ${tsc.ok ? "1 passed, 0 failed" : "0 passed, 1 failed"} (${tsc.seconds}s, beside the build and vitest)`);
}

console.log("\n" + lines.join("\n"));
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(anyFailed || totals.failed > 0 ? 1 : 0);
