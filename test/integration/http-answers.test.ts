/**
 * What the server says to plain HTTP requests, seen from outside: the production build served the
 * way `npm start` serves it (test/support/app-server.ts), real requests over a socket. These were
 * test/e2e/http.spec.ts; they never needed a browser, so they run here instead of in Playwright.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Moot } from "../../server";
import { send, startProductionApp } from "../support/app-server";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });
let moot: Moot;

beforeAll(async () => {
  moot = await startProductionApp(t.handle.url);
});
afterAll(async () => {
  await moot?.close();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

it("the health check reports the database", async () => {
  const response = await send(moot, "/healthz");
  expect(response.status).toBe(200);
  expect(JSON.parse(response.text)).toEqual({ status: "ok", database: "ok" });
});

it("a form posted from another website is refused and nothing is stored", async () => {
  const email = `csrf-${Date.now()}@test.example`;
  const forged = await fetch(`${moot.url}/register`, {
    method: "POST",
    headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
    body: form({ email, displayName: "Forged", homeLocalityId: "1", password: "a long enough password" }),
    redirect: "manual",
  });
  expect(forged.status).toBe(403);
  expect(await forged.text()).toContain("This form was sent from another website");
  expect(await t.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst()).toBeUndefined();
  const signIn = await send(moot, "/sign-in", { body: form({ email, password: "a long enough password" }) });
  expect(signIn.status).toBe(400);
});

it("registering answers the same, byte for byte, for a new email and for one that has an account", async () => {
  const attempt = async (email: string) => {
    const response = await send(moot, "/register", { body: form({ email, displayName: "Probe", homeLocalityId: "1", password: "a long enough password" }) });
    // The date and the per-request script nonce differ on every response; nothing else may.
    const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== "date"));
    if (headers["content-security-policy"]) headers["content-security-policy"] = headers["content-security-policy"].replace(/'nonce-[^']*'/, "'nonce-…'");
    return { status: response.status, headers, body: response.text };
  };
  const fresh = await attempt(`probe-${Date.now()}@test.example`);
  const taken = await attempt("officer@moot.example");
  expect(fresh.status).toBe(302);
  expect(fresh.headers.location).toMatch(/^\/sign-in\?registered=1&returnTo=%2Flocalities%2F[a-z-]+$/); // the area chosen in the form, nothing about the email
  expect(fresh.headers["set-cookie"]).toBeUndefined(); // nobody is signed in by registering
  expect(taken).toEqual(fresh); // (the time taken is compared in accounts.test.ts)
});

it("an oversize form is refused before it is read, with a page and no stack trace", async () => {
  const response = await send(moot, "/register", { body: form({ email: "x".repeat(300 * 1024) }) });
  expect(response.status).toBe(413);
  expect(response.text).toContain("What you sent is too large");
  expect(response.text).not.toMatch(/at .*\.js:\d+/);
});

it("responses carry security headers with a nonce-based content security policy", async () => {
  const response = await send(moot, "/");
  expect(response.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
  expect(response.headers.get("x-powered-by")).toBeNull();
});
