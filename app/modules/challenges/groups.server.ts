/**
 * Community Right to Challenge: groups (relevant bodies), their members and partners.
 */
import type { Database } from "../../../db/client";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { loadGrants } from "../auth/session.server";
import { can, decide, type Actor } from "../permissions/permissions";
import { addMemberSchema, addPartnerSchema, groupIdSchema, groupSchema, type GroupInput } from "./schema";
import { permittedInput } from "../permissions/guard";
import { actsFor, isMember } from "./challenges-shared.server";

// ---------------------------------------------------------------- groups

const groupColumns = (g: GroupInput) => ({
  name: g.name,
  kind: g.kind,
  kind_other: g.kind === "other" ? g.kindOther : "",
  charity_number: g.charityNumber,
  company_number: g.companyNumber,
  other_registration: g.otherRegistration,
  contact_name: g.contactName,
  contact_email: g.contactEmail,
  contact_phone: g.contactPhone,
  address: g.address,
});

export async function registerGroup(db: Database, actor: Actor, input: unknown): Promise<Result<{ groupId: number }>> {
  const parsed = permittedInput(actor, "challenge.submit", groupSchema, input);
  if (!parsed.ok) return parsed;
  const g = parsed.value;
  return db.transaction().execute(async (trx) => {
    const group = await trx
      .insertInto("challenge_groups")
      .values({ ...groupColumns(g), created_by: actor.user!.id })
      .onConflict((oc) => oc.column("name").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!group) return fail({ name: "A group with this name is already registered" }, 409);
    await trx.insertInto("challenge_group_members").values({ group_id: group.id, user_id: actor.user!.id }).execute();
    await audit(trx, actor, "challenge.group.registered", `challenge_group:${group.id}`, { name: g.name, kind: g.kind });
    return ok({ groupId: group.id });
  });
}

/** The group's details as its form shows them, for the people who act for it. */
export async function groupForEditing(db: Database, actor: Actor, groupId: number): Promise<Result<Record<string, string>>> {
  const may = await actsFor(db, actor, groupId);
  if (!may.ok) return may;
  const g = await db.selectFrom("challenge_groups").selectAll().where("id", "=", groupId).executeTakeFirst();
  if (!g) return fail("Group not found", 404);
  return ok({
    id: String(g.id),
    name: g.name,
    kind: g.kind,
    kindOther: g.kind_other,
    charityNumber: g.charity_number,
    companyNumber: g.company_number,
    otherRegistration: g.other_registration,
    contactName: g.contact_name,
    contactEmail: g.contact_email,
    contactPhone: g.contact_phone,
    address: g.address,
  });
}

/** A person who acts for the group changes its details (name, kind, registrations, contact). */
export async function updateGroup(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const target = validate(groupIdSchema, input);
  if (!target.ok) return target;
  const { groupId } = target.value;
  const may = await actsFor(db, actor, groupId);
  if (!may.ok) return may;
  const parsed = validate(groupSchema, input);
  if (!parsed.ok) return parsed;
  return db.transaction().execute(async (trx) => {
    const clash = await trx.selectFrom("challenge_groups").select("id").where("name", "=", parsed.value.name).where("id", "!=", groupId).executeTakeFirst();
    if (clash) return fail({ name: "A group with this name is already registered" }, 409);
    await trx.updateTable("challenge_groups").set(groupColumns(parsed.value)).where("id", "=", groupId).execute();
    await audit(trx, actor, "challenge.group.updated", `challenge_group:${groupId}`, { name: parsed.value.name, kind: parsed.value.kind });
    return ok(null);
  });
}

export async function addGroupMember(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = validate(addMemberSchema, input);
  if (!parsed.ok) return parsed;
  const may = await actsFor(db, actor, parsed.value.groupId);
  if (!may.ok) return may;
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select(["id", "email", "display_name", "home_locality_id"]).where("email", "=", parsed.value.email).executeTakeFirst();
    if (!user) return fail({ email: "No account uses this email address. The person must create an account first" }, 404);
    // the person added must themselves be allowed to submit challenges (asked of the permission rules)
    const person: Actor = { user: { id: user.id, email: user.email, displayName: user.display_name, homeLocalityId: user.home_locality_id }, grants: await loadGrants(trx, user.id) };
    if (!can(person, "challenge.submit")) return fail({ email: "This person is not a community group representative yet. Ask the council to give them that role first" }, 409);
    const added = await trx
      .insertInto("challenge_group_members")
      .values({ group_id: parsed.value.groupId, user_id: user.id })
      .onConflict((oc) => oc.doNothing())
      .returning("user_id")
      .executeTakeFirst();
    if (!added) return fail({ email: "This person already acts for the group" }, 409);
    await audit(trx, actor, "challenge.group.member_added", `challenge_group:${parsed.value.groupId}`, { userId: user.id });
    return ok(null);
  });
}

export async function addGroupPartner(db: Database, actor: Actor, input: unknown): Promise<Result<{ partnerId: number }>> {
  const parsed = validate(addPartnerSchema, input);
  if (!parsed.ok) return parsed;
  const may = await actsFor(db, actor, parsed.value.groupId);
  if (!may.ok) return may;
  const p = parsed.value;
  const row = await db
    .insertInto("challenge_group_partners")
    .values({ group_id: p.groupId, role: p.role, name: p.name, registration: p.registration })
    .onConflict((oc) => oc.doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!row) return fail({ name: "This partner is already recorded" }, 409);
  return ok({ partnerId: row.id });
}

export async function listMyGroups(db: Database, actor: Actor) {
  if (!actor.user) return [];
  return db
    .selectFrom("challenge_groups as g")
    .innerJoin("challenge_group_members as m", "m.group_id", "g.id")
    .select(["g.id", "g.name", "g.kind"])
    .where("m.user_id", "=", actor.user.id)
    .orderBy("g.name")
    .execute();
}

/** A group's page: for the people who act for it, and for officers. */
export async function getGroup(db: Database, actor: Actor, groupId: number) {
  const group = await db.selectFrom("challenge_groups").selectAll().where("id", "=", groupId).executeTakeFirst();
  if (!group) return fail("Group not found", 404);
  const member = actor.user ? await isMember(db, groupId, actor.user.id) : false;
  if (!member && !decide(actor, "challenge.handle").ok) return fail("Only the people who act for this group can see its page", 403);
  const [members, partners, eois, messages] = await Promise.all([
    db.selectFrom("challenge_group_members as m").innerJoin("users as u", "u.id", "m.user_id").select(["u.id", "u.display_name", "u.email"]).where("m.group_id", "=", groupId).orderBy("u.display_name").execute(),
    db.selectFrom("challenge_group_partners").selectAll().where("group_id", "=", groupId).orderBy("id").execute(),
    db
      .selectFrom("challenge_eois as e")
      .leftJoin("challenge_services as s", "s.id", "e.service_id")
      .select(["e.id", "e.title", "e.status", "e.updated_at", "s.name as service_name"])
      .where("e.group_id", "=", groupId)
      .orderBy("e.id", "desc")
      .execute(),
    db.selectFrom("challenge_group_messages").selectAll().where("group_id", "=", groupId).orderBy("id", "desc").execute(),
  ]);
  return ok({ group, members, partners, eois, messages, member });
}
