/**
 * The production build does React Router's route-table work once, not per request
 * (app/bundling/memoise-route-matching.ts, docs/decisions/0320-route-matching-once.md): after the
 * first page, no request — another page, signed in or not, a single-fetch data request — flattens
 * the routes, converts them to data routes or rebuilds Remix's route objects again. Without the
 * transform (or with a cache that misses, e.g. keyed on an object Remix rebuilds per request) the
 * counter grows with every request.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Moot } from "../../server";
import { cookieFor, send, startProductionApp } from "../support/app-server";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });
let moot: Moot;
let resident: string;

beforeAll(async () => {
  moot = await startProductionApp(t.handle.url);
  resident = await cookieFor(t.db, "resident@moot.example");
});
afterAll(async () => {
  await moot?.close();
});

const builds = () => (globalThis as { __mootRouteTableBuilds?: number }).__mootRouteTableBuilds ?? 0;

describe("route matching in the production build", () => {
  it("builds the route tables for the first page only", async () => {
    expect((await send(moot, "/cookies", { cookie: resident })).status).toBe(200);
    const afterFirst = builds();
    expect(afterFirst, "the build carries the memoised matcher").toBeGreaterThan(0);
    const pages = ["/", "/consultations", "/consultations/1", "/decisions", "/cookies", "/consultations/1.data", "/no-such-page"];
    for (const path of pages) {
      const signedIn = await send(moot, path, { cookie: resident });
      expect(signedIn.status, path).toBe(path === "/no-such-page" ? 404 : 200);
      expect((await send(moot, `${path}?anonymous=1`)).status, path).toBe(path === "/no-such-page" ? 404 : 200);
    }
    expect(builds()).toBe(afterFirst);
  });
});
