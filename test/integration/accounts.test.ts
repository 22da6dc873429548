import { describe, expect, it } from "vitest";
import { changePassword, register, signIn, updateAccountDetails } from "../../app/modules/auth/accounts.server";
import { identify, startSession } from "../../app/modules/auth/session.server";
import { VISITOR } from "../../app/modules/permissions/permissions";
import { DEMO_PASSWORD } from "../../db/seed/foundation";
import { actorFor } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });

async function localityId(slug = "riverside") {
  return (await t.db.selectFrom("localities").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
}

async function userCount() {
  const row = await t.db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

const cookieValue = (setCookie: string) => setCookie.split(";")[0]!;

describe("registration", () => {
  it("creates an account with a hashed password and a lower-cased email", async () => {
    const result = await register(t.db, VISITOR, {
      email: "  New.Person@Example.COM ",
      displayName: "New Person",
      homeLocalityId: String(await localityId()),
      password: "a long enough password",
    });
    expect(result.ok).toBe(true);
    const user = await t.db.selectFrom("users").selectAll().where("email", "=", "new.person@example.com").executeTakeFirstOrThrow();
    expect(user.display_name).toBe("New Person");
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    expect(user.password_hash).not.toContain("a long enough password");
  });

  it.each([
    [{ email: "not-an-email" }, "email", "Enter an email address in the correct format, like name@example.com"],
    [{ email: "" }, "email", "Enter your email address"],
    [{ password: "short" }, "password", "Password must be 12 characters or more"],
    [{ displayName: "   " }, "displayName", "Enter your name"],
    [{ homeLocalityId: "" }, "homeLocalityId", "Select the area you live in"],
    [{ homeLocalityId: "999999" }, "homeLocalityId", "Select the area you live in"],
  ])("refuses %o with a specific message and stores nothing", async (override, field, message) => {
    const before = await userCount();
    const result = await register(t.db, VISITOR, {
      email: "valid@example.com",
      displayName: "Valid Name",
      homeLocalityId: String(await localityId()),
      password: "a long enough password",
      ...override,
    });
    expect(result).toMatchObject({ ok: false, errors: { [field]: message } });
    expect(await userCount()).toBe(before);
  });

  it("refuses an email already used, whatever its case", async () => {
    const before = await userCount();
    const result = await register(t.db, VISITOR, {
      email: "RESIDENT@moot.example",
      displayName: "Someone Else",
      homeLocalityId: String(await localityId()),
      password: "a long enough password",
    });
    expect(result).toMatchObject({ ok: false, status: 409 });
    if (!result.ok) expect(result.errors.email).toMatch(/already uses this email/);
    expect(await userCount()).toBe(before);
  });
});

describe("signing in", () => {
  it("accepts the right password and refuses a wrong one with one message for both unknown and wrong", async () => {
    expect((await signIn(t.db, { email: "officer@moot.example", password: DEMO_PASSWORD }, { address: "10.0.0.1" })).ok).toBe(true);
    const wrong = await signIn(t.db, { email: "officer@moot.example", password: "wrong password!" }, { address: "10.0.0.1" });
    const unknown = await signIn(t.db, { email: "nobody@moot.example", password: "wrong password!" }, { address: "10.0.0.1" });
    expect(wrong).toMatchObject({ ok: false, errors: { _form: "Enter a correct email address and password" } });
    expect(unknown).toMatchObject({ ok: false, errors: { _form: "Enter a correct email address and password" } });
  });

  it("throttles an account after 5 failures, says how long to wait, and refuses even the right password", async () => {
    const email = "moderator@moot.example";
    for (let i = 0; i < 5; i++) {
      const r = await signIn(t.db, { email, password: `wrong-${i}` }, { address: `10.1.0.${i}` });
      expect(r).toMatchObject({ ok: false, status: 400 });
    }
    const blocked = await signIn(t.db, { email, password: DEMO_PASSWORD }, { address: "10.1.0.99" });
    expect(blocked).toMatchObject({ ok: false, status: 429 });
    if (!blocked.ok) expect(blocked.errors._form).toMatch(/Too many failed attempts to sign in to this account\. Try again in 1[45] minutes\./);
    // Another account from another address is unaffected.
    expect((await signIn(t.db, { email: "analyst@moot.example", password: DEMO_PASSWORD }, { address: "10.1.0.100" })).ok).toBe(true);
    // The throttle lives in the database, not in process memory.
    const row = await t.db.selectFrom("rate_limits").selectAll().where("key", "=", `signin-account:${email}`).executeTakeFirst();
    expect(row?.points).toBe(5);
  });

  it("throttles one network address trying many accounts", async () => {
    const address = "192.0.2.7";
    for (let i = 0; i < 30; i++) await signIn(t.db, { email: `guess-${i}@example.com`, password: "guess" }, { address });
    const blocked = await signIn(t.db, { email: "admin@moot.example", password: DEMO_PASSWORD }, { address });
    expect(blocked).toMatchObject({ ok: false, status: 429 });
    if (!blocked.ok) expect(blocked.errors._form).toMatch(/from your network/);
  });

  it("clears an account's failures after a successful sign-in", async () => {
    const email = "chair@moot.example";
    for (let i = 0; i < 4; i++) await signIn(t.db, { email, password: "nope" }, { address: "10.2.0.1" });
    expect((await signIn(t.db, { email, password: DEMO_PASSWORD }, { address: "10.2.0.1" })).ok).toBe(true);
    for (let i = 0; i < 4; i++) await signIn(t.db, { email, password: "nope" }, { address: "10.2.0.1" });
    expect((await signIn(t.db, { email, password: DEMO_PASSWORD }, { address: "10.2.0.1" })).ok).toBe(true);
  });
});

describe("sessions", () => {
  it("identifies the person from the cookie, with their roles", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const cookie = await startSession(t.db, officer.user!.id, { secure: false });
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const identity = await identify(t.db, cookieValue(cookie), { secure: false });
    expect(identity.actor.user?.email).toBe("officer@moot.example");
    expect(identity.actor.grants).toEqual([{ role: "officer", scope: "council", localityId: null, boardId: null }]);
  });

  it("marks the cookie Secure behind TLS", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    expect(await startSession(t.db, officer.user!.id, { secure: true })).toMatch(/; Secure/);
  });

  it("treats an expired session as signed out, deletes it and clears the cookie", async () => {
    const resident = await actorFor(t.db, "resident@moot.example");
    const cookie = await startSession(t.db, resident.user!.id, { secure: false });
    const id = cookieValue(cookie).split("=")[1]!;
    await t.db.updateTable("user_sessions").set({ expires_at: new Date(Date.now() - 1000) }).where("id", "=", id).execute();
    const identity = await identify(t.db, cookieValue(cookie), { secure: false });
    expect(identity.actor.user).toBeNull();
    expect(identity.setCookies[0]).toMatch(/moot_session=; .*Max-Age=0/);
    expect(await t.db.selectFrom("user_sessions").select("id").where("id", "=", id).executeTakeFirst()).toBeUndefined();
  });

  it("extends a session that is past half its life", async () => {
    const resident = await actorFor(t.db, "resident@moot.example");
    const cookie = await startSession(t.db, resident.user!.id, { secure: false });
    const id = cookieValue(cookie).split("=")[1]!;
    await t.db.updateTable("user_sessions").set({ expires_at: new Date(Date.now() + 5 * 86_400_000) }).where("id", "=", id).execute();
    const identity = await identify(t.db, cookieValue(cookie), { secure: false });
    expect(identity.actor.user?.email).toBe("resident@moot.example");
    expect(identity.setCookies).toHaveLength(1);
    const row = await t.db.selectFrom("user_sessions").select("expires_at").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.expires_at.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
  });

  it("ignores a malformed cookie", async () => {
    expect((await identify(t.db, "moot_session=' OR 1=1 --", { secure: false })).actor.user).toBeNull();
  });
});

describe("account changes", () => {
  it("changes name and home locality, and refuses a visitor", async () => {
    const actor = await actorFor(t.db, "resident@moot.example");
    const northgate = await localityId("northgate");
    expect((await updateAccountDetails(t.db, actor, { displayName: "Rosa M", homeLocalityId: String(northgate) })).ok).toBe(true);
    const user = await t.db.selectFrom("users").selectAll().where("id", "=", actor.user!.id).executeTakeFirstOrThrow();
    expect(user.display_name).toBe("Rosa M");
    expect(user.home_locality_id).toBe(northgate);
    expect(await updateAccountDetails(t.db, VISITOR, { displayName: "X", homeLocalityId: String(northgate) })).toMatchObject({ ok: false, status: 403 });
  });

  it("changes the password only with the current one, and signs out other sessions", async () => {
    const actor = await actorFor(t.db, "member@moot.example");
    const keep = cookieValue(await startSession(t.db, actor.user!.id, { secure: false })).split("=")[1]!;
    const other = cookieValue(await startSession(t.db, actor.user!.id, { secure: false })).split("=")[1]!;
    const wrong = await changePassword(t.db, actor, { currentPassword: "not it", newPassword: "a brand new password" }, { sessionId: keep });
    expect(wrong).toMatchObject({ ok: false, errors: { currentPassword: "Your current password is not correct" } });
    const right = await changePassword(t.db, actor, { currentPassword: DEMO_PASSWORD, newPassword: "a brand new password" }, { sessionId: keep });
    expect(right.ok).toBe(true);
    const sessions = await t.db.selectFrom("user_sessions").select("id").where("user_id", "=", actor.user!.id).execute();
    expect(sessions.map((s) => s.id)).toEqual([keep]);
    expect(other).not.toBe(keep);
    expect((await signIn(t.db, { email: "member@moot.example", password: "a brand new password" }, { address: "10.3.0.1" })).ok).toBe(true);
  });
});
