/**
 * The server-build transform of React Router's route matching (app/bundling/memoise-route-matching.ts,
 * docs/decisions/0320-route-matching-once.md): the installed packages still contain the code it
 * rewrites, the rewritten matcher answers exactly as the original does, and a second match on the
 * same route table compiles no pattern again (the original compiles every pattern it tries).
 */
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { applyEdits, TARGETS } from "../../app/bundling/memoise-route-matching";

const require = createRequire(import.meta.url);
// Under node_modules so that vitest leaves the import to Node (it serves only files in the project).
const cache = join(process.cwd(), "node_modules", ".cache");
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, "moot-route-memo-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const FILES: Record<string, string> = {
  "@remix-run/router": require.resolve("@remix-run/router").replace(/router\.cjs\.js$/, "router.js"),
  "react-router-dom/server": join(require.resolve("react-router-dom/server"), "..", "server.mjs"),
  "@remix-run/react": join(require.resolve("@remix-run/react"), "..", "esm", "server.js"),
};

type Router = typeof import("@remix-run/router");
async function loadRouter(transform: boolean): Promise<Router> {
  const target = TARGETS[0]!;
  const code = readFileSync(FILES["@remix-run/router"]!, "utf8");
  const file = join(dir, `router-${transform ? "memo" : "plain"}.mjs`);
  writeFileSync(file, transform ? applyEdits(target, code) : code);
  return (await import(pathToFileURL(file).href)) as Router;
}

/** A route table shaped like Moot's: layouts, index routes, params, optional segments, splats. */
const routes = [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      { id: "consultations", path: "consultations", children: [{ id: "consultations._index", index: true }, { id: "consultation", path: ":id" }, { id: "respond", path: ":id/respond" }] },
      { id: "meetings", path: "meetings/:id" },
      { id: "officer", path: "officer", children: [{ id: "analysis", path: "consultations/:id/analysis" }, { id: "officer-any", path: "*" }] },
      { id: "locality", path: "outcomes/localities/:slug/:year?" },
      { id: "CaseSensitive", path: "Exact", caseSensitive: true },
      { id: "splat", path: "*" },
    ],
  },
];
const PATHS = ["/", "/consultations", "/consultations/", "/consultations/1", "/consultations/1/respond", "/meetings/7", "/officer/consultations/3/analysis", "/officer/x/y", "/outcomes/localities/northgate", "/outcomes/localities/northgate/2026", "/Exact", "/exact", "/nowhere/at/all", "/consultations/caf%C3%A9"];

describe("memoised route matching (server build transform)", () => {
  it("finds the code it rewrites in the installed packages", () => {
    for (const [name, file] of Object.entries(FILES)) {
      const target = TARGETS.find((t) => t.id.test(file));
      expect(target, name).toBeDefined();
      expect(() => applyEdits(target!, readFileSync(file, "utf8")), name).not.toThrow();
    }
  });

  it("fails loudly when the expected code is not there", () => {
    expect(() => applyEdits(TARGETS[0]!, "function matchRoutesImpl() {}")).toThrow(/expected exactly one occurrence/);
  });

  it("matches every path exactly as the original router does", async () => {
    const [plain, memo] = await Promise.all([loadRouter(false), loadRouter(true)]);
    const strip = (m: ReturnType<Router["matchRoutes"]>) => m?.map((x) => ({ id: x.route.id, params: x.params, pathname: x.pathname, base: x.pathnameBase }));
    for (let pass = 0; pass < 2; pass++) {
      for (const path of PATHS) expect(strip(memo.matchRoutes(routes, path)), path).toEqual(strip(plain.matchRoutes(routes, path)));
      expect(memo.matchPath({ path: "/a/:b", end: false }, "/a/1/c")).toEqual(plain.matchPath({ path: "/a/:b", end: false }, "/a/1/c"));
      expect(memo.matchPath("/a/:b", "/a/1/c")).toEqual(plain.matchPath("/a/:b", "/a/1/c"));
    }
    // A different table (a new array) is matched on its own, not from the first one's cache.
    const other = [{ id: "only", path: "consultations/:slug" }];
    expect(memo.matchRoutes(other, "/consultations/1")?.[0]?.route.id).toBe("only");
  });

  it("matches Moot's own route table exactly as the original router does", async () => {
    const [plain, memo] = await Promise.all([loadRouter(false), loadRouter(true)]);
    // The app's routes as Remix's file convention makes them (app/routes), nested under root.
    type Entry = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; parentId?: string };
    const { flatRoutes } = require("@remix-run/dev/dist/config/flat-routes.js") as { flatRoutes: (dir: string) => Record<string, Entry> };
    const manifest: Record<string, Entry> = { root: { id: "root", path: "" }, ...flatRoutes("app") };
    const childrenOf = (parentId: string): object[] =>
      Object.values(manifest)
        .filter((r) => (r as { parentId?: string }).parentId === parentId)
        .map((r) => ({ id: r.id, path: r.path, index: r.index, caseSensitive: r.caseSensitive, children: childrenOf(r.id) }));
    const table = [{ id: "root", path: "", children: childrenOf("root") }];
    const full = Object.values(manifest).map((r) => {
      const parts: string[] = [];
      for (let at: Entry | undefined = r; at; at = at.parentId ? manifest[at.parentId] : undefined) if (at.path) parts.unshift(at.path);
      return `/${parts.join("/")}`;
    });
    expect(full.length).toBeGreaterThan(100);
    const paths = new Set<string>(["/", "//", "", "x", "/%", "//consultations/1", "/no-such-page", "/no-such-page/1"]);
    for (const path of full) {
      const concrete = [path.replace(/:[\w-]+\??/g, "1").replace(/\*$/, "a/b"), path.replace(/:[\w-]+\??/g, "caf%C3%A9").replace(/\*$/, "")];
      for (const c of concrete) for (const v of [c, `${c}/`, c.toUpperCase(), `${c}/extra`, `${c}//`, c.replace(/^\//, "//"), c.slice(0, -1)]) paths.add(v);
    }
    const strip = (m: ReturnType<Router["matchRoutes"]>) => m?.map((x) => ({ id: x.route.id, params: x.params, pathname: x.pathname, base: x.pathnameBase }));
    vi.spyOn(console, "warn").mockImplementation(() => {}); // the router warns about the malformed %-encodings on purpose
    for (const path of paths) expect(strip(memo.matchRoutes(table, path)), path).toEqual(strip(plain.matchRoutes(table, path)));
    expect([...paths].filter((path) => memo.matchRoutes(table, path)?.some((m) => m.route.id !== "root" && m.route.id !== "routes/$")).length).toBeGreaterThan(300);
  });

  it("compiles no pattern again when the same table is matched again", async () => {
    const [plain, memo] = await Promise.all([loadRouter(false), loadRouter(true)]);
    const compiled = (router: Router) => {
      router.matchRoutes(routes, "/officer/x/y");
      const Original = globalThis.RegExp;
      let count = 0;
      globalThis.RegExp = new Proxy(Original, { construct: (target, args) => (count++, Reflect.construct(target, args)) });
      try {
        router.matchRoutes(routes, "/officer/x/y");
      } finally {
        globalThis.RegExp = Original;
      }
      return count;
    };
    expect(compiled(plain)).toBeGreaterThan(0);
    expect(compiled(memo)).toBe(0);
  });
});

describe("the production server build", () => {
  it.skipIf(!existsSync("build/server/index.js"))("carries the memoised matcher and bundles the Remix runtime (no second copy from node_modules)", () => {
    const code = readFileSync("build/server/index.js", "utf8");
    for (const helper of ["mootCandidateBranches", "mootDataRoutes", "mootServerRoutes"]) expect(code).toContain(helper);
    expect(code.match(/from ["'](@remix-run\/(?:router|server-runtime|node|react)|react-router(-dom)?)(\/[a-z]+)?["']/g) ?? []).toEqual([]);
  });
});
