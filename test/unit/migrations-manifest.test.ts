/**
 * Landed migrations are frozen. db/migrations/manifest.json records each migration's name and the
 * SHA-256 of its file; this test fails if a landed migration is renamed, removed or edited (a
 * database that ran the old one would never run the new name, or would differ from a fresh one),
 * or if a migration file is not in the manifest or not registered in db/migrations/index.ts.
 *
 * Adding a migration: create `db/migrations/<date>T<time>_<what>.ts` (after the newest one), add it
 * at the end of db/migrations/index.ts, and add its line at the end of manifest.json (this test
 * prints the line when it is missing).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { migrations } from "../../db/migrations/index";

const DIR = resolve("db/migrations");
const NAME = /^\d{4}-\d{2}-\d{2}T\d{4}_[a-z0-9_]+$/;

const manifest = JSON.parse(readFileSync(join(DIR, "manifest.json"), "utf8")) as Record<string, string>;
const onDisk = readdirSync(DIR)
  .filter((f) => f.endsWith(".ts") && f !== "index.ts")
  .map((f) => f.slice(0, -3))
  .sort();
const hashOf = (name: string) => createHash("sha256").update(readFileSync(join(DIR, `${name}.ts`), "utf8").replace(/\r\n/g, "\n")).digest("hex");

describe("landed migrations are frozen", () => {
  it("every migration in the manifest is still there, under its name, unchanged", () => {
    const problems = Object.entries(manifest).flatMap(([name, hash]) => {
      if (!onDisk.includes(name)) return [`${name} has been renamed or removed: a landed migration stays as it is; undo it with a new migration`];
      if (hashOf(name) !== hash) return [`${name} has been edited: a landed migration is never edited; write a new migration instead`];
      return [];
    });
    expect(problems).toEqual([]);
  });

  it("every migration file is in the manifest (a new one adds its line at the end)", () => {
    const missing = onDisk.filter((name) => !(name in manifest)).map((name) => `  "${name}": "${hashOf(name)}"`);
    expect(missing, `add to db/migrations/manifest.json:\n${missing.join(",\n")}`).toEqual([]);
  });

  it("the registered migrations are exactly the manifest's, in its order, and names sort in that order", () => {
    const names = Object.keys(manifest);
    expect(Object.keys(migrations)).toEqual(names);
    expect(names.every((n) => NAME.test(n))).toBe(true);
    expect([...names].sort()).toEqual(names);
  });
});
