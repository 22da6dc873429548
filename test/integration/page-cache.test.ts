/**
 * The micro-cache of visitors' pages (app/lib/page-cache.server.ts) against the production build
 * (`npm run build`), two processes on one database: a cached page really is served from memory,
 * yet a write through a form (or any settled command) shows at once, in this process and in the
 * other one; a signed-in person is never served from it; each answer has its own CSP nonce.
 * The TTL is set to a minute here, so anything seen sooner was an invalidation, not the clock.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settle } from "../../app/lib/effects.server";
import { ok } from "../../app/lib/result";
import type { Moot } from "../../server";
import { cookieFor, send, startProductionApp, type Sent } from "../support/app-server";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });
let a: Moot;
let b: Moot;
let resident: string;
let feedPath: string;
let feedId: number;
const ttlBefore = process.env.MOOT_PAGE_CACHE_MS;

beforeAll(async () => {
  process.env.MOOT_PAGE_CACHE_MS = "60000";
  a = await startProductionApp(t.handle.url);
  b = await startProductionApp(t.handle.url);
  resident = await cookieFor(t.db, "resident@moot.example");
  const feed = await t.db.selectFrom("feeds").select("id").where("subject_kind", "=", "locality").where("paused", "=", false).orderBy("id").executeTakeFirstOrThrow();
  feedId = feed.id;
  feedPath = `/feeds/${feed.id}`;
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  if (ttlBefore === undefined) delete process.env.MOOT_PAGE_CACHE_MS;
  else process.env.MOOT_PAGE_CACHE_MS = ttlBefore;
});

const headerNonce = (r: Sent) => /'nonce-([^']+)'/.exec(r.headers.get("content-security-policy") ?? "")?.[1];
const bodyNonces = (r: Sent) => new Set([...r.text.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]));
/** Change the feed's title behind the app's back: a page read afresh shows it, a cached one does not. */
const retitle = (title: string) => t.db.updateTable("feeds").set({ title }).where("id", "=", feedId).execute();
const comment = (moot: Moot, text: string) =>
  send(moot, feedPath, { body: new URLSearchParams({ intent: "post", body: text }).toString(), cookie: resident });

async function until(check: () => Promise<boolean>, ms: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((done) => setTimeout(done, 20));
  }
  return Date.now() - started;
}

describe("visitors' pages from memory", () => {
  it("serves a visitor's page from memory, each answer with its own nonce in the header and the page", async () => {
    await retitle("Northgate talk, first title");
    const first = await send(a, feedPath);
    expect(first.status).toBe(200);
    expect(first.text).toContain("Northgate talk, first title");
    await retitle("Northgate talk, second title");
    const second = await send(a, feedPath);
    expect(second.headers.get("x-page-cache")).toBe("hit");
    expect(second.text).toContain("Northgate talk, first title"); // really from memory

    for (const r of [first, second]) {
      expect(headerNonce(r)).toBeTruthy();
      expect(bodyNonces(r)).toEqual(new Set([headerNonce(r)]));
    }
    expect(headerNonce(second)).not.toBe(headerNonce(first));
    expect(second.text.replaceAll(headerNonce(second)!, "N")).toBe(first.text.replaceAll(headerNonce(first)!, "N"));
  });

  it("a comment posted through the form is on the page the post redirects to, and on the other process's page", async () => {
    await send(a, feedPath);
    await send(b, feedPath);
    expect((await send(a, feedPath)).headers.get("x-page-cache")).toBe("hit");
    expect((await send(b, feedPath)).headers.get("x-page-cache")).toBe("hit");

    const posted = await comment(a, "Page cache check: the bus stop on Mill Lane needs a shelter.");
    expect(posted.status).toBeLessThan(400);
    const here = await send(a, feedPath);
    expect(here.headers.get("x-page-cache")).toBeNull();
    expect(here.text).toContain("the bus stop on Mill Lane needs a shelter");

    const ms = await until(async () => (await send(b, feedPath)).text.includes("the bus stop on Mill Lane needs a shelter"), 5_000);
    console.log(`the other process forgot its cached page ${ms} ms after the post`);
  });

  it("a committed post tells the other processes once; a refused post (nothing written) leaves every cached page in place", async () => {
    let notices = 0;
    b.io.on("pages:changed", () => void notices++);
    await send(a, feedPath);
    const posted = await comment(a, "Page cache check: one notice per change.");
    expect(posted.status).toBeLessThan(400);
    await until(async () => (await send(b, feedPath)).text.includes("one notice per change"), 5_000);
    await new Promise((done) => setTimeout(done, 300));
    expect(notices).toBe(1); // not one from settle() and another from the request

    await send(a, feedPath);
    await send(b, feedPath);
    await retitle("Northgate talk, retitled behind the app's back");
    const refused = await comment(a, ""); // an empty comment: a 400 with the error summary
    expect(refused.status).toBe(400);
    await new Promise((done) => setTimeout(done, 300));
    expect(notices).toBe(1);
    for (const moot of [a, b]) {
      const page = await send(moot, feedPath);
      expect(page.headers.get("x-page-cache")).toBe("hit");
      expect(page.text).not.toContain("retitled behind the app's back");
    }
  });

  it("a write through a route action that does not settle (the council's settings) is on the next page at once", async () => {
    const admin = await cookieFor(t.db, "admin@moot.example");
    const council = await t.db.selectFrom("council").selectAll().executeTakeFirstOrThrow();
    const save = (name: string) =>
      send(a, "/admin/council", { body: new URLSearchParams({ intent: "settings", name, serviceName: council.service_name, contactEmail: council.contact_email }).toString(), cookie: admin });
    await send(a, "/consultations");
    expect((await send(a, "/consultations")).headers.get("x-page-cache")).toBe("hit");
    try {
      expect((await save("Page Cache Check Council")).status).toBeLessThan(400);
      const page = await send(a, "/consultations");
      expect(page.headers.get("x-page-cache")).toBeNull();
      expect(page.text).toContain("Page Cache Check Council");
    } finally {
      await save(council.name);
    }
  });

  it("a command settled outside a request (a socket event, a job) is seen at once too", async () => {
    await send(a, feedPath);
    await retitle("Northgate talk, third title");
    expect((await send(a, feedPath)).text).not.toContain("third title");
    await settle(a.bus, ok(null));
    expect((await send(a, feedPath)).text).toContain("Northgate talk, third title");
    await until(async () => (await send(b, feedPath)).text.includes("Northgate talk, third title"), 5_000);
  });

  it("a signed-in person is never served from it, nor fills it", async () => {
    const visitor = await send(a, feedPath);
    expect(visitor.text).not.toContain("Sign out");
    const signedIn = await send(a, feedPath, { cookie: resident });
    expect(signedIn.headers.get("x-page-cache")).toBeNull();
    expect(signedIn.text).toContain("Sign out");
    expect(signedIn.headers.get("cache-control")).toBe("no-store");

    await comment(a, "Forget the cache once more.");
    await send(a, "/consultations", { cookie: resident });
    const after = await send(a, "/consultations");
    expect(after.headers.get("x-page-cache")).toBeNull();
    expect(after.text).not.toContain("Sign out");
  });

  it("keeps no page that is not a plain 200", async () => {
    for (let i = 0; i < 2; i++) {
      const missing = await send(a, "/consultations/99999999");
      expect(missing.status).toBe(404);
      expect(missing.headers.get("x-page-cache")).toBeNull();
      const redirect = await send(a, "/account");
      expect(redirect.status).toBe(302);
      expect(redirect.headers.get("x-page-cache")).toBeNull();
    }
  });
});
