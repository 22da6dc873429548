/**
 * Preload for the pages bench (`node --import ./test/bench/query-log.mjs build/server.js`):
 * counts every statement the pg driver sends, in memory (no I/O on the hot path). On SIGUSR2 the
 * process writes the count and the statements since the last signal to MOOT_QUERY_LOG, so the
 * bench can count the queries of exactly one request.
 */
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";

const file = process.env.MOOT_QUERY_LOG;
if (file) {
  const require = createRequire(`${process.cwd()}/package.json`);
  const pg = require("pg");
  const original = pg.Client.prototype.query;
  let texts = [];
  pg.Client.prototype.query = function (config, ...rest) {
    const text = typeof config === "string" ? config : config?.text;
    if (text && texts.length < 10_000) texts.push(text.replace(/\s+/g, " ").slice(0, 400));
    return original.call(this, config, ...rest);
  };
  process.on("SIGUSR2", () => {
    writeFileSync(file, `${texts.length}\n${texts.join("\n")}\n`);
    texts = [];
  });
}
