/** What the server says to bad requests, seen from outside (no browser). */
import { expect, test } from "./support/test";

test("health check reports the database", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", database: "ok" });
});

test("a form posted from another website is refused and nothing is stored", async ({ request, baseURL }) => {
  const email = `csrf-${Date.now()}@e2e.example`;
  const response = await request.post("/register", {
    headers: { Origin: "https://evil.example" },
    form: { email, displayName: "Forged", homeLocalityId: "1", password: "a long enough password" },
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("This form was sent from another website");
  const signIn = await request.post("/sign-in", { form: { email, password: "a long enough password" }, headers: { Origin: new URL(baseURL!).origin }, maxRedirects: 0 });
  expect(signIn.status()).toBe(400);
});

test("registering answers the same, byte for byte, for a new email and for one that has an account", async ({ request, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const attempt = async (email: string) => {
    const response = await request.post("/register", {
      headers: { Origin: origin },
      form: { email, displayName: "Probe", homeLocalityId: "1", password: "a long enough password" },
      maxRedirects: 0,
    });
    // The date and the per-request script nonce differ on every response; nothing else may.
    const { date: _date, ...headers } = response.headers();
    if (headers["content-security-policy"]) headers["content-security-policy"] = headers["content-security-policy"].replace(/'nonce-[^']*'/, "'nonce-…'");
    return { status: response.status(), headers, body: await response.text() };
  };
  const fresh = await attempt(`probe-${Date.now()}@e2e.example`);
  const taken = await attempt("officer@moot.example");
  expect(fresh.status).toBe(302);
  expect(fresh.headers.location).toMatch(/^\/sign-in\?registered=1&returnTo=%2Flocalities%2F[a-z-]+$/); // the area chosen in the form, nothing about the email
  expect(fresh.headers["set-cookie"]).toBeUndefined(); // nobody is signed in by registering
  expect(taken).toEqual(fresh); // (the time taken is compared in test/integration/accounts.test.ts)
});

test("an oversize form is refused before it is read", async ({ request }) => {
  const response = await request.post("/register", { form: { email: "x".repeat(300 * 1024) } });
  expect(response.status()).toBe(413);
  const body = await response.text();
  expect(body).toContain("What you sent is too large");
  expect(body).not.toMatch(/at .*\.js:\d+/); // no stack trace
});

test("responses carry security headers with a nonce-based content security policy", async ({ request }) => {
  const response = await request.get("/");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("SAMEORIGIN");
  expect(headers["x-powered-by"]).toBeUndefined();
});
