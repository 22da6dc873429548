/**
 * What routes answer — status codes, redirects and error messages — checked with real requests
 * against a real database, without a browser (test/support/routes.ts). These were end-to-end
 * tests (http, pages and challenges specs) that needed no JavaScript, rendering or axe.
 */
import { describe, expect, it } from "vitest";
import * as account from "../../app/routes/account";
import * as challengesManage from "../../app/routes/challenges.manage._index";
import * as challengesRegisterEoi from "../../app/routes/challenges.register.$id";
import * as consultation from "../../app/routes/consultations.$id._index";
import * as decision from "../../app/routes/decisions.$id._index";
import * as eoiSection from "../../app/routes/challenges.eois.$id.$section";
import * as evidence from "../../app/routes/evidence.$id";
import * as meeting from "../../app/routes/meetings.$id._index";
import * as outcome from "../../app/routes/outcomes.$nodeId";
import * as paper from "../../app/routes/papers.$id";
import * as signIn from "../../app/routes/sign-in";
import * as signOut from "../../app/routes/sign-out";
import * as evidenceLibrary from "../../app/routes/evidence._index";
import * as review from "../../app/routes/commissioning-reviews.$id";
import * as openDataCsv from "../../app/routes/open-data.evidence[.]csv";
import * as openDataJson from "../../app/routes/open-data.evidence[.]json";
import { DEMO_PASSWORD } from "../../db/seed/foundation";
import { useTestDatabase } from "../support/db";
import { callRoute, sessionCookieFor } from "../support/routes";

const t = useTestDatabase({ seeded: true });

describe("what routes answer without a browser", () => {
  it("wrong sign-in details answer 400 with the message, keep the email and never echo the password", async () => {
    const answer = await callRoute(signIn, { db: t.db, url: "/sign-in", form: { email: "resident@moot.example", password: "nope" } });
    expect(answer.status).toBe(400);
    expect(answer.data).toEqual({ ok: false, errors: { _form: "Enter a correct email address and password" }, values: { email: "resident@moot.example" } });
    expect(answer.headers.get("Set-Cookie")).toBeNull();
  });

  it("an address naming a row id PostgreSQL cannot hold is 'Page not found', not a server error", async () => {
    const cases: [{ loader?: unknown }, string, Record<string, string>][] = [
      [meeting, "/meetings/3000000000", { id: "3000000000" }],
      [evidence, "/evidence/3000000000", { id: "3000000000" }],
      [decision, "/decisions/3000000000", { id: "3000000000" }],
      [consultation, "/consultations/3000000000", { id: "3000000000" }],
      [challengesRegisterEoi, "/challenges/register/3000000000", { id: "3000000000" }],
      [paper, "/papers/1.5", { id: "1.5" }],
      [outcome, "/outcomes/-1", { nodeId: "-1" }],
    ];
    for (const [route, url, params] of cases) {
      const answer = await callRoute(route, { db: t.db, url, params });
      expect(answer.status, url).toBe(404);
    }
  });

  it("a page for signed-in people sends a visitor to sign in, and signing in comes back to it", async () => {
    const visitor = await callRoute(account, { db: t.db, url: "/account" });
    expect(visitor).toMatchObject({ status: 302, thrown: true, location: "/sign-in?returnTo=%2Faccount" });
    const signedIn = await callRoute(signIn, { db: t.db, url: "/sign-in?returnTo=%2Faccount", form: { email: "resident@moot.example", password: DEMO_PASSWORD, returnTo: "/account" } });
    expect(signedIn).toMatchObject({ status: 302, location: "/account" });
    const cookie = signedIn.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/HttpOnly; SameSite=Lax/);
    // the new session's cookie opens the page
    const page = await callRoute<{ user: { email: string } }>(account, { db: t.db, url: "/account", headers: { Cookie: cookie.split(";")[0]! } });
    expect(page.status).toBe(200);
    expect(page.data.user.email).toBe("resident@moot.example");
    // a return address on another site is not followed
    const away = await callRoute(signIn, { db: t.db, url: "/sign-in", form: { email: "resident@moot.example", password: DEMO_PASSWORD, returnTo: "https://evil.example/" } });
    expect(away.location).toBe("/");
  });

  it("a visitor cannot reach the officer pages and someone outside a group cannot open its draft", async () => {
    expect(await callRoute(challengesManage, { db: t.db, url: "/challenges/manage" })).toMatchObject({ status: 302, location: "/sign-in?returnTo=%2Fchallenges%2Fmanage" });
    expect((await callRoute(challengesManage, { db: t.db, as: "resident@moot.example", url: "/challenges/manage" })).status).toBe(403);
    const draft = await t.db.selectFrom("challenge_eois").select("id").where("status", "=", "draft").orderBy("id").executeTakeFirstOrThrow();
    const id = String(draft.id);
    expect((await callRoute(eoiSection, { db: t.db, as: "resident@moot.example", url: `/challenges/eois/${id}/service`, params: { id, section: "service" } })).status).toBe(403);
    expect((await callRoute(challengesRegisterEoi, { db: t.db, url: `/challenges/register/${id}`, params: { id } })).status).toBe(404);
  });

  it("internal evidence is not visible signed out, but is to officers, and not after they sign out", async () => {
    const INTERNAL_TITLE = "Medium-term financial plan: community services budget";
    const titles = async (url: string, cookie?: string) => {
      const answer = await callRoute<{ items: { id: number; title: string }[] }>(evidenceLibrary, { db: t.db, url, headers: cookie ? { Cookie: cookie } : {} });
      return answer.data.items;
    };
    expect((await titles("/evidence")).map((i) => i.title)).not.toContain(INTERNAL_TITLE);
    expect((await titles("/evidence?q=financial+plan")).map((i) => i.title)).not.toContain(INTERNAL_TITLE);
    const dayServices = await t.db.selectFrom("commissioning_reviews").select("id").where("service_area", "=", "Day services for older and disabled adults").executeTakeFirstOrThrow();
    const reviewPage = (await callRoute(review, { db: t.db, params: { id: String(dayServices.id) } })).text;
    expect(reviewPage).toContain("Equality impact assessment: day services redesign");
    expect(reviewPage).not.toContain(INTERNAL_TITLE);
    for (const file of [openDataCsv, openDataJson]) {
      const body = (await callRoute(file, { db: t.db })).text;
      expect(body).toContain("Waste collection contract performance");
      expect(body).not.toContain("Medium-term financial plan");
    }

    const cookie = await sessionCookieFor(t.db, "officer@moot.example");
    const internal = (await titles("/evidence?q=financial+plan", cookie)).find((i) => i.title === INTERNAL_TITLE);
    expect(internal).toBeDefined();
    const id = String(internal!.id);
    expect((await callRoute(evidence, { db: t.db, params: { id }, headers: { Cookie: cookie } })).status).toBe(200);
    expect((await callRoute(evidence, { db: t.db, params: { id } })).status).toBe(404);

    const out = await callRoute(signOut, { db: t.db, url: "/sign-out", form: {}, headers: { Cookie: cookie } });
    expect(out).toMatchObject({ status: 302, location: "/?signedOut=1" });
    expect((await callRoute(evidence, { db: t.db, params: { id }, headers: { Cookie: cookie } })).status).toBe(404);
  });
});
