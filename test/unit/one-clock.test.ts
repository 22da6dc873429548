/**
 * Server and browser must print the same time, or React's hydration fails (#418) and re-renders
 * the page, wiping what a person has typed. `hour12: true` is not safe for that: Node's ICU reads
 * it as the 0–11 clock for en-GB ("0:05 am") while Chromium prints "12:05 am", so every comment
 * posted between midnight and 1am broke hydration of the discussion page. Times shown to people
 * go through app/lib/dates.ts, which builds the 12-hour text itself from a 24-hour clock.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatDateTime, formatTime } from "../../app/lib/dates";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("one clock for server and browser", () => {
  it("no formatter in app/ relies on hour12 (its hour cycle differs between ICU builds)", () => {
    const offenders = files("app").filter((f) => /hour12\s*:/.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("the first hour after midnight reads 12, not 0", () => {
    expect(formatTime("2026-11-30T00:05:00Z")).toBe("12:05am");
    expect(formatDateTime("2026-11-30T00:05:00Z")).toBe("12:05am on 30 November 2026");
    expect(formatTime("2026-07-01T23:30:00Z")).toBe("12:30am"); // 00:30 in British Summer Time
  });
});
