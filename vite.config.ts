import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";
import { memoiseRouteMatching } from "./app/bundling/memoise-route-matching";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

const isVitest = Boolean(process.env.VITEST);

export default defineConfig(({ isSsrBuild }) => ({
  // `DEBUG_REACT=1 npm run build`: a browser bundle with React's development build, so a
  // hydration mismatch names the element instead of "Minified React error #418".
  ...(process.env.DEBUG_REACT && !isSsrBuild ? { define: { "process.env.NODE_ENV": JSON.stringify("development") }, build: { minify: false } } : {}),
  // The Remix runtime is bundled into the server build (one copy of each package) so that
  // memoiseRouteMatching can do the route table's work once, not per request (docs/decisions/0320).
  ...(isSsrBuild ? { ssr: { noExternal: ["@remix-run/node", "@remix-run/server-runtime", "@remix-run/react", "@remix-run/router", "react-router", "react-router-dom"] } } : {}),
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  plugins: isVitest
    ? []
    : [
        memoiseRouteMatching(),
        remix({
          future: {
            v3_fetcherPersist: true,
            v3_relativeSplatPath: true,
            v3_throwAbortReason: true,
            v3_singleFetch: true,
            v3_lazyRouteDiscovery: true,
          },
        }),
      ],
  test: {
    include: ["test/{unit,integration,realtime}/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    // Each fork imports the app's module graph once, not once per test file: importing it was most
    // of vitest's time outside the tests (collect 232 s → 33 s summed over 80 files). Files still
    // get their own database (test/support/db.ts); a file that changes process state (env vars,
    // timers, listeners) puts it back in afterAll.
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
  },
}));
