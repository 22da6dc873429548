/**
 * Production runs ONE module graph: build/server.js (server.ts bundled) must bundle nothing of
 * app/ or realtime/ — it takes them from the Remix server build (app/process.server.ts, re-exported
 * by app/entry.server.tsx). A second copy would hold its own module state (the effect bus, the
 * publish queue, tally timers, vote batches) and, for example, refresh a copy of the sockets
 * nobody uses, so an open socket would keep a removed role.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** What esbuild recorded while `npm run build` bundled server.ts: the bundle that is deployed. */
const METAFILE = "build/server.meta.json";

describe("the production server bundle", () => {
  it("bundles no module of app/ or realtime/ (they come from the Remix build)", async () => {
    expect(existsSync(METAFILE), "run `npm run build` first (npm test does)").toBe(true);
    const inputs = Object.keys((JSON.parse(readFileSync(METAFILE, "utf8")) as { inputs: Record<string, unknown> }).inputs);
    expect(inputs).toContain("server.ts");
    expect(inputs.filter((path) => /^(app|realtime)\//.test(path))).toEqual([]);
  });

  it("the Remix server entry hands the process wiring to server.ts", () => {
    expect(readFileSync("app/entry.server.tsx", "utf8")).toMatch(/export \* as moot from "\.\/process\.server"/);
  });
});
