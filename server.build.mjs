/**
 * Bundles server.ts into build/server.js (after `remix vite:build`). The bundle must hold nothing
 * of app/ or realtime/: those come from the Remix build at run time (app/process.server.ts), so
 * production runs one module graph. test/unit/one-module-graph.test.ts uses these options.
 */
import { build } from "esbuild";

export const SERVER_BUILD = {
  entryPoints: ["server.ts"],
  bundle: true,
  platform: "node",
  format: "esm",
  packages: "external",
  outfile: "build/server.js",
  logLevel: "warning",
};

if (import.meta.url === `file://${process.argv[1]}`) {
  await build(SERVER_BUILD);
}
