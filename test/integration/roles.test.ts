import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { grantRole, listGrants, revokeRole } from "../../app/modules/roles/roles.server";
import { VISITOR } from "../../app/modules/permissions/permissions";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });

describe("granting and revoking roles", () => {
  it("an admin grants a locality role; the person's actor then carries it; the audit log records it", async () => {
    const admin = await actorFor(t.db, "admin@moot.example");
    const person = await newResident(t.db, "New Officer");
    const northgate = await t.db.selectFrom("localities").select("id").where("slug", "=", "northgate").executeTakeFirstOrThrow();
    const result = await grantRole(t.db, admin, { email: person.user!.email, role: "officer", scope: "locality", localityId: String(northgate.id), boardId: "" });
    expect(result.ok).toBe(true);
    const after = await actorFor(t.db, person.user!.email);
    expect(after.grants).toEqual([{ role: "officer", scope: "locality", localityId: northgate.id, boardId: null }]);
    const audit = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "role.granted").where("subject", "=", `user:${person.user!.id}`).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_user_id).toBe(admin.user!.id);
  });

  it("refuses anyone who is not an admin, and stores nothing", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const input = { email: "resident@moot.example", role: "admin", scope: "council" };
    expect(await grantRole(t.db, officer, input)).toMatchObject({ ok: false, status: 403 });
    expect(await grantRole(t.db, VISITOR, input)).toMatchObject({ ok: false, status: 403 });
    expect((await actorFor(t.db, "resident@moot.example")).grants).toEqual([]);
    expect(await listGrants(t.db, officer)).toMatchObject({ ok: false, status: 403 });
  });

  it("explains each bad grant", async () => {
    const admin = await actorFor(t.db, "admin@moot.example");
    expect(await grantRole(t.db, admin, { email: "nobody@example.com", role: "officer", scope: "council" })).toMatchObject({
      ok: false,
      errors: { email: "No account uses this email address. The person must register first" },
    });
    expect(await grantRole(t.db, admin, { email: "resident@moot.example", role: "officer", scope: "locality", localityId: "" })).toMatchObject({
      ok: false,
      errors: { localityId: "Select the locality the role applies to" },
    });
    expect(await grantRole(t.db, admin, { email: "resident@moot.example", role: "emperor", scope: "council" })).toMatchObject({
      ok: false,
      errors: { role: "Select a role" },
    });
    expect(await grantRole(t.db, admin, { email: "officer@moot.example", role: "officer", scope: "council" })).toMatchObject({
      ok: false,
      status: 409,
      errors: { role: "This person already has this role there" },
    });
  });

  it("revokes a role, but never the last administrator", async () => {
    const admin = await actorFor(t.db, "admin@moot.example");
    const moderatorGrant = await t.db
      .selectFrom("role_grants")
      .innerJoin("users", "users.id", "role_grants.user_id")
      .select("role_grants.id")
      .where("users.email", "=", "moderator@moot.example")
      .executeTakeFirstOrThrow();
    expect((await revokeRole(t.db, admin, { grantId: String(moderatorGrant.id) })).ok).toBe(true);
    expect((await actorFor(t.db, "moderator@moot.example")).grants).toEqual([]);
    expect(await revokeRole(t.db, admin, { grantId: String(moderatorGrant.id) })).toMatchObject({ ok: false, status: 404 });

    const adminGrant = await t.db.selectFrom("role_grants").select("id").where("role", "=", "admin").executeTakeFirstOrThrow();
    expect(await revokeRole(t.db, admin, { grantId: String(adminGrant.id) })).toMatchObject({
      ok: false,
      status: 409,
      errors: { _form: "You cannot remove the last administrator" },
    });
  });

  it("keeps the audit log append-only, enforced by the database", async () => {
    await expect(sql`UPDATE audit_log SET action = 'tampered'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
  });
});
