/** Granting and revoking roles (admins only), each change written to the audit log. */
import type { Database } from "../../../db/client";
import { validate } from "../../lib/forms";
import { identityChanged } from "../../lib/effects";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { decide, type Actor } from "../permissions/permissions";
import { grantRoleSchema, revokeRoleSchema } from "./schema";

export async function listGrants(db: Database, actor: Actor) {
  const allowed = decide(actor, "roles.manage");
  if (!allowed.ok) return fail(allowed.message, 403);
  const grants = await db
    .selectFrom("role_grants as g")
    .innerJoin("users as u", "u.id", "g.user_id")
    .leftJoin("localities as l", "l.id", "g.locality_id")
    .select(["g.id", "g.role", "g.scope", "g.board_id", "g.granted_at", "u.email", "u.display_name", "l.name as locality_name"])
    .orderBy("u.display_name")
    .orderBy("g.role")
    .execute();
  return ok(grants);
}

export async function grantRole(db: Database, actor: Actor, input: unknown): Promise<Result<{ grantId: number; userId: number }>> {
  const allowed = decide(actor, "roles.manage");
  if (!allowed.ok) return fail(allowed.message, 403);
  const parsed = validate(grantRoleSchema, input);
  if (!parsed.ok) return parsed;
  const { email, role, scope, localityId, boardId } = parsed.value;
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select(["id"]).where("email", "=", email).executeTakeFirst();
    if (!user) return fail({ email: "No account uses this email address. The person must register first" }, 404);
    if (scope === "locality") {
      const locality = await trx.selectFrom("localities").select("id").where("id", "=", localityId!).executeTakeFirst();
      if (!locality) return fail({ localityId: "Select the locality the role applies to" });
    }
    const inserted = await trx
      .insertInto("role_grants")
      .values({
        user_id: user.id,
        role,
        scope,
        locality_id: scope === "locality" ? localityId! : null,
        board_id: scope === "board" ? boardId! : null,
        granted_by: actor.user!.id,
      })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return fail({ role: "This person already has this role there" }, 409);
    await audit(trx, actor, "role.granted", `user:${user.id}`, { role, scope, localityId, boardId });
    return ok({ grantId: inserted.id, userId: user.id }, [identityChanged(user.id)]);
  });
}

export async function revokeRole(db: Database, actor: Actor, input: unknown): Promise<Result<{ userId: number }>> {
  const allowed = decide(actor, "roles.manage");
  if (!allowed.ok) return fail(allowed.message, 403);
  const parsed = validate(revokeRoleSchema, input);
  if (!parsed.ok) return parsed;
  return db.transaction().execute(async (trx) => {
    const grant = await trx.selectFrom("role_grants").selectAll().where("id", "=", parsed.value.grantId).executeTakeFirst();
    if (!grant) return fail("That role has already been removed", 404);
    if (grant.role === "admin" && grant.scope === "council") {
      const admins = await trx
        .selectFrom("role_grants")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("role", "=", "admin")
        .where("scope", "=", "council")
        .executeTakeFirstOrThrow();
      if (Number(admins.n) <= 1) return fail("You cannot remove the last administrator", 409);
    }
    await trx.deleteFrom("role_grants").where("id", "=", grant.id).execute();
    await audit(trx, actor, "role.revoked", `user:${grant.user_id}`, { role: grant.role, scope: grant.scope });
    return ok({ userId: grant.user_id }, [identityChanged(grant.user_id)]);
  });
}
