/**
 * `npm run bench`: runs every test/bench/*.bench.ts one after another (each in its own process,
 * so they do not disturb each other) and prints their figures.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";

const only = process.argv[2];
const files = readdirSync("test/bench").filter((f) => f.endsWith(".bench.ts") && (!only || f.includes(only))).sort();
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const result = spawnSync("node", ["--import", "tsx", `test/bench/${file}`], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
if (!files.length) console.log("No benchmarks found.");
process.exit(failed ? 1 : 0);
