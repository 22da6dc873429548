/**
 * A build-time transform of the server bundle (docs/decisions/0320-route-matching-once.md).
 *
 * React Router 6 / Remix 2 redo all of their route-table work on every request: each
 * `matchRoutes` call flattens the ~200 routes into branches, scores and sorts them and compiles
 * every pattern to a RegExp (it is called by Remix's `matchServerRoutes`, by the static handler's
 * `query`, and by `getPartialManifest` for each parent path of the URL); `<RemixServer>` rebuilds
 * the route objects (`createServerRoutes`) and `createStaticRouter` converts them to data routes
 * again. On the server the route table never changes after start-up (routes are patched at run
 * time only in the browser's router), so all of that is done once per route array here:
 *
 *   - @remix-run/router `matchRoutesImpl`: flattened + ranked branches memoised per routes array
 *     (a WeakMap), indexed by their first path segment so a pathname is tried only against the
 *     branches that can match it; `compilePath` memoised per (path, caseSensitive, end);
 *   - react-router-dom/server `createStaticRouter`: data routes memoised per routes array;
 *   - @remix-run/react `RemixServer`: `createServerRoutes` memoised per manifest routes +
 *     route modules (constant for a build).
 *
 * The Remix runtime packages are bundled into build/server/index.js for this (vite.config.ts,
 * `ssr.noExternal`), so there is exactly one copy of each and the transform reaches every caller.
 * Every time one of the caches has to build (a miss), `globalThis.__mootRouteTableBuilds` counts
 * it: after the first request it must stop growing (test/integration/route-matching-once.test.ts).
 * The browser bundle is not touched. Each replacement names the exact text it expects: if an
 * upgrade changes it, the build fails with a message saying which file and what, rather than
 * silently shipping the slow path; and the build fails if a target module is not in the bundle.
 */
import type { Plugin } from "vite";

interface Edit {
  /** Exact text expected once in the module. */
  find: string;
  replace: string;
}

interface Target {
  /** How the module's resolved id ends. */
  id: RegExp;
  name: string;
  edits: Edit[];
  /** Appended to the module (helpers used by the edits). */
  append?: string;
}

export const TARGETS: Target[] = [
  {
    id: /\/node_modules\/@remix-run\/router\/dist\/router\.js$/,
    name: "@remix-run/router (matchRoutesImpl, compilePath)",
    edits: [
      {
        find: "  let branches = flattenRoutes(routes);\n  rankRouteBranches(branches);\n  let matches = null;\n  let decoded = decodePath(pathname);\n",
        replace: "  let decoded = decodePath(pathname);\n  let branches = mootCandidateBranches(routes, decoded, allowPartial);\n  let matches = null;\n",
      },
      { find: "\nfunction compilePath(path, caseSensitive, end) {\n", replace: "\nfunction mootCompilePathUncached(path, caseSensitive, end) {\n" },
    ],
    append: `
// Added by app/bundling/memoise-route-matching.ts: the route table is fixed on the server.
const mootBranches = new WeakMap();
// The ranked branches that can match a pathname, in rank order. A branch whose full path begins
// with a plain ASCII segment ("consultations/:id") can only match a pathname whose first segment
// is that word (case-insensitively, as its RegExp is); the others (":slug", "*", "", optional or
// non-ASCII first segments) are candidates for every pathname. So each pathname is tried against
// the branches of its first segment plus those, not against all ~250. Partial matching (the
// browser's route discovery) tries every branch as before.
function mootCandidateBranches(routes, decoded, allowPartial) {
  let table = mootBranches.get(routes);
  if (!table) {
    globalThis.__mootRouteTableBuilds = (globalThis.__mootRouteTableBuilds ?? 0) + 1;
    let all = flattenRoutes(routes);
    rankRouteBranches(all);
    let firsts = all.map((branch) => {
      let first = branch.path.replace(/^\\/+/, "").split("/")[0].toLowerCase();
      return /^[a-z0-9._~-]+$/.test(first) ? first : null;
    });
    let byFirst = new Map();
    for (let first of new Set(firsts)) if (first !== null) byFirst.set(first, all.filter((_, i) => firsts[i] === first || firsts[i] === null));
    table = { all, any: all.filter((_, i) => firsts[i] === null), byFirst };
    mootBranches.set(routes, table);
  }
  if (allowPartial || decoded.charAt(0) !== "/") return table.all;
  let slash = decoded.indexOf("/", 1);
  let first = (slash === -1 ? decoded.slice(1) : decoded.slice(1, slash)).toLowerCase();
  return table.byFirst.get(first) ?? table.any;
}
const mootCompiledPaths = new Map();
function compilePath(path, caseSensitive, end) {
  const key = (caseSensitive ? "1" : "0") + (end === undefined || end ? "1" : "0") + path;
  let compiled = mootCompiledPaths.get(key);
  if (!compiled) {
    if (mootCompiledPaths.size >= 5000) mootCompiledPaths.clear();
    compiled = mootCompilePathUncached(path, caseSensitive, end);
    mootCompiledPaths.set(key, compiled);
  }
  return compiled;
}
`,
  },
  {
    id: /\/node_modules\/react-router-dom\/server\.(mjs|js)$/,
    name: "react-router-dom/server (createStaticRouter)",
    edits: [
      {
        find: "  let manifest = {};\n  let dataRoutes = UNSAFE_convertRoutesToDataRoutes(routes, UNSAFE_mapRouteProperties, undefined, manifest);\n",
        replace:
          "  let mootConverted = mootDataRoutes.get(routes);\n" +
          "  if (!mootConverted) {\n" +
          "    globalThis.__mootRouteTableBuilds = (globalThis.__mootRouteTableBuilds ?? 0) + 1;\n" +
          "    let manifest = {};\n" +
          "    mootConverted = { manifest, dataRoutes: UNSAFE_convertRoutesToDataRoutes(routes, UNSAFE_mapRouteProperties, undefined, manifest) };\n" +
          "    mootDataRoutes.set(routes, mootConverted);\n" +
          "  }\n" +
          "  let { manifest, dataRoutes } = mootConverted;\n",
      },
    ],
    append: "\n// Added by app/bundling/memoise-route-matching.ts.\nconst mootDataRoutes = new WeakMap();\n",
  },
  {
    id: /\/node_modules\/@remix-run\/react\/dist\/esm\/server\.js$/,
    name: "@remix-run/react (RemixServer's createServerRoutes)",
    edits: [
      {
        find: "  let routes = createServerRoutes(manifest.routes, routeModules, context.future, context.isSpaMode);\n",
        replace:
          "  let mootCached = mootServerRoutes.get(manifest.routes);\n" +
          "  if (!mootCached || !mootSameModules(mootCached.routeModules, routeModules) || mootCached.future !== context.future || mootCached.isSpaMode !== context.isSpaMode) {\n" +
          "    mootCached = { routeModules, future: context.future, isSpaMode: context.isSpaMode, routes: createServerRoutes(manifest.routes, routeModules, context.future, context.isSpaMode) };\n" +
          "    mootServerRoutes.set(manifest.routes, mootCached);\n" +
          "  }\n" +
          "  let routes = mootCached.routes;\n",
      },
    ],
    // Remix builds the route-modules object afresh per request (createEntryRouteModules) from the
    // build's fixed modules: the same entries count as the same.
    append: `
// Added by app/bundling/memoise-route-matching.ts.
const mootServerRoutes = new WeakMap();
function mootSameModules(a, b) {
  if (a === b) return true;
  let keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (let key of keys) if (a[key] !== b[key]) return false;
  return true;
}
`,
  },
];

/** Apply a target's edits to a module's code; throws naming what was not found. */
export function applyEdits(target: Target, code: string): string {
  let out = code;
  for (const edit of target.edits) {
    const first = out.indexOf(edit.find);
    if (first === -1 || out.indexOf(edit.find, first + 1) !== -1) {
      throw new Error(
        `memoise-route-matching: ${target.name}: expected exactly one occurrence of\n${edit.find}\n` +
          "The package's code changed (an upgrade?). Update app/bundling/memoise-route-matching.ts to the new code, " +
          "or remove the plugin from vite.config.ts and accept per-request route matching (docs/decisions/0320-route-matching-once.md).",
      );
    }
    out = out.slice(0, first) + edit.replace + out.slice(first + edit.find.length);
  }
  return out + (target.append ?? "");
}

/** The Vite plugin: server (SSR) build only. */
export function memoiseRouteMatching(): Plugin {
  const applied = new Map<string, number>();
  let ssrBuild = false;
  return {
    name: "moot-memoise-route-matching",
    apply: "build",
    enforce: "pre",
    configResolved(config) {
      ssrBuild = Boolean(config.build.ssr);
    },
    transform(code, id, options) {
      if (!ssrBuild || !options?.ssr) return null;
      const target = TARGETS.find((t) => t.id.test(id.split("?")[0]!));
      if (!target) return null;
      applied.set(target.name, (applied.get(target.name) ?? 0) + 1);
      try {
        return { code: applyEdits(target, code), map: null };
      } catch (error) {
        this.error((error as Error).message);
      }
    },
    buildEnd(error) {
      if (!ssrBuild || error) return;
      for (const target of TARGETS) {
        const times = applied.get(target.name) ?? 0;
        if (times !== 1) {
          this.error(
            `memoise-route-matching: ${target.name} was transformed ${times} times, expected once: ` +
              "the Remix runtime must be bundled into the server build exactly once (vite.config.ts ssr.noExternal).",
          );
        }
      }
    },
  };
}
