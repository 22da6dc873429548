/**
 * The hostile-input suite (issue 12). Every route with a form action and every socket event gets a
 * corpus of bad values, against the production build on a real database, and must answer without
 * a 5xx; values no person could have typed must be refused with a clear error and store nothing.
 *
 * Nothing here is a hand-kept list: routes come from app/routes/*.tsx files that export an
 * `action` (their field names and intents read from the route file and the components it uses),
 * socket events from the contract (app/lib/socket-events.ts and each app/modules/<feature>/socket-events.ts). A new form or event is covered as soon as
 * it exists.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Moot } from "../../server";
import { cookieFor, send, startProductionApp } from "../support/app-server";
import { useTestDatabase } from "../support/db";
import { stored } from "../support/stored";

const t = useTestDatabase({ seeded: true });
let moot: Moot;

// --- the corpus --------------------------------------------------------------------------------
/**
 * Values a person might send, one body builder each: must never be a 5xx (they may be accepted
 * where they are valid). Kept short so the suite stays well under a minute.
 */
const PLAUSIBLE: Record<string, (field: string) => string> = {
  empty: (f) => `${enc(f)}=`,
  huge: (f) => `${enc(f)}=${"x".repeat(3000)}`,
  "RTL override and a lone surrogate": (f) => `${enc(f)}=${enc("\u202Egnp.exe \uD800")}`,
  "minus one": (f) => `${enc(f)}=-1`,
  "40 digits": (f) => `${enc(f)}=${"1".repeat(40)}`,
  "impossible dates": (f) => `${enc(f)}=${enc("2026-02-31T25:61")}`,
  "an array where a string is expected": (f) => `${enc(f)}=a&${enc(f)}=b`,
  "a nested object where a string is expected": (f) => `${enc(f)}.a=1&${enc(f)}.b=2`,
};
/** Field-name shapes that must never be accepted: refused with 400 before any route runs. */
const NEVER: Record<string, (field: string) => string> = {
  "NUL byte": (f) => `${enc(f)}=a%00b`,
  "control character": (f) => `${enc(f)}=a%07b`,
  "huge array index": (f) => `${enc(f)}%5B10000000%5D=a`,
  "prototype key": () => `__proto__.polluted=1&constructor.prototype.polluted=1`,
  "nested object where a string is expected": (f) => `${enc(f)}.a.b.c.d.e.f.g.h=1`,
  "one name repeated 1000 times": (f) => Array.from({ length: 1000 }, () => `${enc(f)}=1`).join("&"),
};

// --- routes, read from the code ----------------------------------------------------------------
interface FormRoute {
  file: string;
  pattern: string;
  fields: string[];
  intents: string[];
}

const ROUTES_DIR = "app/routes";
const read = (path: string) => readFileSync(path, "utf8");

/** Remix flat-route file name → URL pattern (`officer.consultations.$id.questions_.$questionId.tsx`). */
function urlPattern(file: string): string {
  const base = file.replace(/\.tsx?$/, "");
  const segments = base.split(/\.(?![^[]*\])/).filter((s) => s !== "_index" && !/^_[^_]/.test(s));
  return "/" + segments.map((s) => s.replace(/_$/, "").replace(/\[(.)\]/g, "$1")).join("/");
}

function formRoutes(): FormRoute[] {
  const feedIntents = [...read("app/modules/feeds/route.server.ts").matchAll(/case "([a-z-]+)"/g)].map((m) => m[1]!);
  const feedFields = namesIn(read("app/modules/feeds/components/Feed.tsx"));
  return readdirSync(ROUTES_DIR)
    .filter((f) => /export (async function|const) action\b/.test(read(join(ROUTES_DIR, f))))
    .filter((f) => f !== "$.tsx")
    .map((file) => {
      let source = read(join(ROUTES_DIR, file));
      // the components this route renders from its feature modules carry the rest of its fields
      for (const m of source.matchAll(/from "~\/modules\/([a-z-]+)\/components\/([A-Za-z-]+)"/g)) {
        try {
          source += read(`app/modules/${m[1]}/components/${m[2]}.tsx`);
        } catch {
          /* not a single file: skip */
        }
      }
      const usesFeed = /feedAction\(/.test(source);
      const intents = new Set<string>([
        ...[...source.matchAll(/intent\)?\s*(?:===|!==)\s*"([a-z-]+)"/g)].map((m) => m[1]!),
        ...[...source.matchAll(/case "([a-z-]+)"/g)].map((m) => m[1]!),
        ...[...source.matchAll(/name="intent" value="([a-z-]+)"/g)].map((m) => m[1]!),
        ...[...source.matchAll(/intent: "([a-z-]+)"/g)].map((m) => m[1]!),
        ...actionKeys(source),
        // the shared feed action (app/modules/feeds/route.server.ts) is covered in full once, at /feeds/$id
        ...(file === "feeds.$id.tsx" ? feedIntents : usesFeed ? feedIntents.slice(0, 1) : []),
      ]);
      const fields = new Set([...namesIn(source), ...(usesFeed ? feedFields : [])]);
      fields.delete("intent");
      return { file, pattern: urlPattern(file), fields: [...fields].slice(0, 60), intents: intents.size ? [...intents] : [""] };
    });
}

function namesIn(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/\bname=(?:"([^"]+)"|\{`([^`]+)`\})/g)) {
    const name = (m[1] ?? m[2]!).replace(/\$\{[^}]+\}/g, "0");
    if (/^[A-Za-z][\w.[\]]*$/.test(name)) names.add(name);
  }
  return [...names];
}

/** Keys of a `const ACTIONS = { … }` dispatch table. */
function actionKeys(source: string): string[] {
  const block = /const ACTIONS[^=]*=\s*\{([\s\S]*?)\n\};/.exec(source)?.[1] ?? "";
  return [...block.matchAll(/^\s+"?([a-z][a-z-]*)"?:/gm)].map((m) => m[1]!);
}

/** A real value for each route parameter, from the seeded database. */
async function resolve(pattern: string): Promise<string> {
  const q = async (query: ReturnType<typeof sql<{ v: string | number }>>) => String((await query.execute(t.db)).rows[0]?.v ?? 1);
  const parts = pattern.split("/");
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (!part.startsWith("$")) continue;
    const before = parts.slice(0, i).join("/");
    let value = "1";
    if (part === "$slug") value = before.startsWith("/boards") ? await q(sql`SELECT slug AS v FROM boards ORDER BY id LIMIT 1`) : await q(sql`SELECT slug AS v FROM localities ORDER BY id LIMIT 1`);
    else if (part === "$section") value = "service";
    else if (part === "$memberId") value = await q(sql`SELECT id AS v FROM board_members ORDER BY id LIMIT 1`);
    else if (part === "$questionId") value = await q(sql`SELECT id AS v FROM consultation_questions ORDER BY id LIMIT 1`);
    else if (part === "$itemId") value = await q(sql`SELECT id AS v FROM agenda_items ORDER BY id LIMIT 1`);
    else if (part === "$nodeId") value = await q(sql`SELECT id AS v FROM outcome_nodes ORDER BY id LIMIT 1`);
    else if (before.endsWith("/meetings")) value = await q(sql`SELECT id AS v FROM meetings WHERE status <> 'draft' ORDER BY id LIMIT 1`);
    else if (before.endsWith("/consultations")) value = await q(sql`SELECT id AS v FROM consultations WHERE status = 'open' ORDER BY id LIMIT 1`);
    else if (before.endsWith("/evidence")) value = await q(sql`SELECT id AS v FROM evidence_items ORDER BY id LIMIT 1`);
    else if (before.endsWith("/eois") || before.endsWith("/manage")) value = await q(sql`SELECT id AS v FROM challenge_eois ORDER BY id LIMIT 1`);
    else if (before.endsWith("/groups")) value = await q(sql`SELECT id AS v FROM challenge_groups ORDER BY id LIMIT 1`);
    else if (before.endsWith("/services")) value = await q(sql`SELECT id AS v FROM challenge_services ORDER BY id LIMIT 1`);
    else if (before.endsWith("/decisions")) value = await q(sql`SELECT id AS v FROM decisions ORDER BY id LIMIT 1`);
    else if (before.endsWith("/commissioning-reviews")) value = await q(sql`SELECT id AS v FROM commissioning_reviews ORDER BY id LIMIT 1`);
    else if (before.endsWith("/feeds")) value = await q(sql`SELECT id AS v FROM feeds ORDER BY id LIMIT 1`);
    parts[i] = value;
  }
  return parts.join("/");
}

/** Percent-encode, except that a lone surrogate is sent as the invalid UTF-8 a hostile client would send. */
const enc = (value: string) => value.split(/([\uD800-\uDFFF])/).map((part) => (/^[\uD800-\uDFFF]$/.test(part) ? "%ED%A0%80" : encodeURIComponent(part))).join("");

const SERVER_ERROR = "Sorry, there is a problem with the service";

const ROUTES = formRoutes();

beforeAll(async () => {
  // The flood guard is tested in test/realtime/limits.test.ts; here it would only make the corpus
  // wait between events, so this server's allowance is out of reach.
  moot = await startProductionApp(t.handle.url, { socketLimits: { perPerson: 1e6, visitorsPerAddress: 1e6, perAddress: 1e6 } });
});
afterAll(async () => {
  await moot?.close();
});

describe("the suite finds what it must cover", () => {
  it("reads the form routes and their fields from the code", () => {
    expect(ROUTES.length).toBeGreaterThan(40);
    const feeds = ROUTES.find((r) => r.file === "feeds.$id.tsx")!;
    expect(feeds.intents).toEqual(expect.arrayContaining(["post", "open-poll", "vote"]));
    expect(ROUTES.find((r) => r.file === "sign-in.tsx")!.fields).toEqual(expect.arrayContaining(["email", "password"]));
    expect(urlPattern("officer.consultations.$id.questions_.$questionId.tsx")).toBe("/officer/consultations/$id/questions/$questionId");
    expect(urlPattern("challenges.register[.]csv.tsx")).toBe("/challenges/register.csv");
  });
});

describe("every form action, with a corpus of bad values", () => {
  // The meeting console has ~30 intents: ~250 requests, 56 s on a loaded machine, so 60 s was
  // not a bound on a hang but on the machine's load.
  it.each(ROUTES.map((r) => [r.pattern, r] as const))("%s: no 5xx for any value", { timeout: 180_000 }, async (_pattern, route) => {
    const path = await resolve(route.pattern);
    const cookie = route.file === "sign-out.tsx" ? undefined : await cookieFor(t.db, "admin@moot.example");
    const failures: string[] = [];
    const jobs: Promise<void>[] = [];
    for (const intent of route.intents) {
      for (const [label, build] of Object.entries(PLAUSIBLE)) {
        const fields = route.fields.length ? route.fields : ["value"];
        const body = [intent ? `intent=${enc(intent)}` : "", ...fields.map(build)].filter(Boolean).join("&");
        jobs.push(
          send(moot, path, { body, cookie }).then((r) => {
            if (r.status >= 500 || r.text.includes(SERVER_ERROR)) failures.push(`${intent || "(no intent)"} / ${label}: ${r.status}`);
          }),
        );
        if (jobs.length >= 6) await Promise.all(jobs.splice(0));
      }
    }
    await Promise.all(jobs);
    expect(failures).toEqual([]);
  });

  it.each(ROUTES.map((r) => [r.pattern, r] as const))("%s: input no person could type is refused clearly and nothing is stored", async (_pattern, route) => {
    const path = await resolve(route.pattern);
    const cookie = await cookieFor(t.db, "admin@moot.example");
    const field = route.fields[0] ?? "value";
    const intent = route.intents[0] ? `intent=${enc(route.intents[0])}&` : "";
    const before = await stored(t.db);
    for (const [label, make] of Object.entries(NEVER)) {
      const r = await send(moot, path, { body: intent + make(field), cookie });
      expect(r.status, label).toBe(400);
      expect(r.text, label).toMatch(/There is a problem|not recognise|invisible control character|more fields/);
    }
    expect(await stored(t.db), "a refused form wrote to the database").toBe(before);
  });
});

// --- socket events, read from the contract -------------------------------------------------------
interface SocketEvent {
  name: string;
  fields: string[];
}

function socketEvents(): SocketEvent[] {
  const events: SocketEvent[] = [];
  const features = readdirSync("app/modules").filter((m) => existsSync(`app/modules/${m}/socket-events.ts`));
  for (const file of ["app/lib/socket-events.ts", ...features.map((m) => `app/modules/${m}/socket-events.ts`)]) {
    const source = read(file);
    const clientBlock = /interface \w*Client(?:ToServer)?Events[^{]*\{([\s\S]*?)\n\}/.exec(source)?.[1] ?? "";
    for (const m of clientBlock.matchAll(/"([a-z]+:[a-z]+)":\s*\(([^)]*?)(?:,\s*ack|\back)/g)) {
      const payload = /payload:\s*\{([^}]*)\}/.exec(m[2]!)?.[1] ?? "";
      events.push({ name: m[1]!, fields: [...payload.matchAll(/(\w+)\??:/g)].map((f) => f[1]!) });
    }
  }
  return events;
}

const EVENTS = socketEvents();

describe("every socket event, with a corpus of bad payloads", () => {
  let cookie: string;
  beforeAll(async () => {
    cookie = await cookieFor(t.db, "admin@moot.example");
  });

  it("reads the events from the contract", () => {
    expect(EVENTS.map((e) => e.name)).toEqual(expect.arrayContaining(["feed:join", "comment:post", "poll:open", "poll:vote", "meeting:join", "session:whoami"]));
    expect(EVENTS.find((e) => e.name === "comment:post")!.fields).toEqual(["feedId", "parentId", "body"]);
  });

  const JSON_CORPUS: Record<string, unknown> = {
    empty: "",
    huge: "x".repeat(10_000),
    "RTL override": "\u202Egnp.exe",
    "minus one": -1,
    "40 digits": 1e40,
    "40-digit string": "1".repeat(40),
    "impossible date": "2026-02-31",
    "nested object": { a: { b: { c: 1 } } },
    "array where a string is expected": ["a", "b"],
    "true": true,
    null: null,
  };
  const NEVER_JSON: Record<string, unknown> = {
    "NUL byte": "a\u0000b",
    "lone surrogate": "a\uD800b",
    "control character": "a\u0007b",
  };

  it.each(EVENTS.map((e) => [e.name, e] as const))("%s: every bad payload is answered with an error ack, and nothing is stored for text no one could type", async (_name, event) => {
    const socket: Socket = connect(moot.url, { transports: ["websocket"], extraHeaders: { cookie }, reconnection: false, forceNew: true });
    try {
      const emit = async (payload: unknown) => {
        return (await socket.timeout(5000).emitWithAck(event.name, payload)) as { ok: boolean; error?: string };
      };
      // session:whoami takes no payload (answering one that comes with a payload is helper work elsewhere)
      for (const [label, value] of Object.entries(event.name === "session:whoami" ? {} : JSON_CORPUS)) {
        const payload = Object.fromEntries((event.fields.length ? event.fields : ["value"]).map((f) => [f, value]));
        const reply = await emit(payload);
        expect(reply, label).toHaveProperty("ok");
        if (!reply.ok) expect(reply.error, label).toMatch(/\w/);
        expect(reply.ok, `${event.name} accepted ${label}`).toBe(false);
      }
      expect(await emit(JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {}}}'))).toMatchObject({ ok: false });
      const before = await stored(t.db);
      for (const [label, value] of Object.entries(NEVER_JSON)) {
        const payload = Object.fromEntries((event.fields.length ? event.fields : ["value"]).map((f) => [f, value]));
        const reply = await emit(payload);
        expect(reply, label).toMatchObject({ ok: false, error: expect.stringMatching(/invisible control character/) });
      }
      expect(await stored(t.db), "a refused event wrote to the database").toBe(before);
    } finally {
      socket.close();
    }
  });
});
