/**
 * Community Right to Challenge: what the sub-domains share (acting for a group, loading an EOI,
 * `move()`, which checks the transitions table and writes the append-only event, telling a
 * group, the statutory dates). Routes use `challenges.server`.
 */
import { type Updateable } from "kysely";
import type { z } from "zod";
import type { Database } from "../../../db/client";
import type { ChallengeEoiTable, EoiStatus } from "../../../db/tables/challenges";
import { fail, ok, type Result } from "../../lib/result";
import { decide, type Actor } from "../permissions/permissions";
import { type EoiRecord } from "./answers";
import { acknowledgementDue, decisionDateNoticeDue, londonDay, toIsoDate, type ClockSettings, type Holidays } from "./deadlines";
import { checkTransition, type Party } from "./transitions";
import { permittedInput } from "../permissions/guard";

export const todayIso = (now: Date = new Date()) => londonDay(now);

/** An officer's action: may the actor handle challenges, and is the input valid? */
export const asOfficer = <S extends z.ZodType>(actor: Actor, schema: S, input: unknown) => permittedInput(actor, "challenge.handle", schema, input);

export async function isMember(db: Database, groupId: number, userId: number): Promise<boolean> {
  const row = await db.selectFrom("challenge_group_members").select("user_id").where("group_id", "=", groupId).where("user_id", "=", userId).executeTakeFirst();
  return Boolean(row);
}

/** The actor may act for this group: they hold the representative role and are one of its users. */
export async function actsFor(db: Database, actor: Actor, groupId: number): Promise<Result<null>> {
  const allowed = decide(actor, "challenge.submit");
  if (!allowed.ok) return fail(allowed.message, 403);
  if (!(await isMember(db, groupId, actor.user!.id))) return fail("Only the people who act for this group can do this", 403);
  return ok(null);
}

export async function loadEoi(db: Database, eoiId: number): Promise<EoiRecord | null> {
  const row = await db
    .selectFrom("challenge_eois as e")
    .innerJoin("challenge_groups as g", "g.id", "e.group_id")
    .leftJoin("challenge_services as s", "s.id", "e.service_id")
    .selectAll("e")
    .select(["g.name as group_name", "g.kind as group_kind", "s.name as service_name"])
    .where("e.id", "=", eoiId)
    .executeTakeFirst();
  if (!row) return null;
  const [localities, outcomes, partners] = await Promise.all([
    db.selectFrom("challenge_eoi_localities as el").innerJoin("localities as l", "l.id", "el.locality_id").select(["l.id", "l.name"]).where("el.eoi_id", "=", eoiId).orderBy("l.name").execute(),
    db.selectFrom("challenge_eoi_outcomes as eo").innerJoin("outcome_nodes as n", "n.id", "eo.outcome_node_id").select(["n.id", "n.title"]).where("eo.eoi_id", "=", eoiId).orderBy("n.id").execute(),
    db
      .selectFrom("challenge_group_partners as p")
      .leftJoin("challenge_eoi_partner_finances as f", (j) => j.onRef("f.partner_id", "=", "p.id").on("f.eoi_id", "=", eoiId))
      .select(["p.id", "p.name", "p.role", "f.finances", "f.confidential"])
      .where("p.group_id", "=", row.group_id)
      .orderBy("p.id")
      .execute(),
  ]);
  return {
    id: row.id,
    groupId: row.group_id,
    groupName: row.group_name,
    groupKind: row.group_kind,
    serviceId: row.service_id,
    serviceName: row.service_name,
    status: row.status,
    title: row.title,
    areaDescription: row.area_description,
    localities,
    finances: row.finances,
    financesConfidential: row.finances_confidential,
    partners: partners.map((p) => ({ partnerId: p.id, name: p.name, role: p.role, finances: p.finances ?? "", confidential: p.confidential ?? false })),
    capability: row.capability,
    capabilityConfidential: row.capability_confidential,
    outcomes: row.outcomes,
    wellbeing: row.wellbeing,
    usersNeeds: row.users_needs,
    outcomeNodes: outcomes,
    outcomesConfidential: row.outcomes_confidential,
    employeeEngagement: row.employee_engagement,
    employeeEngagementConfidential: row.employee_engagement_confidential,
    submittedAt: row.submitted_at,
    decisionDueOn: row.decision_due_on ? toIsoDate(row.decision_due_on) : null,
    modification: row.modification,
    procurementOpensOn: row.procurement_opens_on ? toIsoDate(row.procurement_opens_on) : null,
    procurementClosesOn: row.procurement_closes_on ? toIsoDate(row.procurement_closes_on) : null,
  };
}

/**
 * Change an EOI's state: checks the transitions table, guards against a concurrent change (the
 * row must still be in `from`), and writes the append-only event. Inside the caller's transaction.
 */
export async function move(
  trx: Database,
  actor: Actor,
  eoi: { id: number; status: EoiStatus },
  to: EoiStatus,
  by: Party,
  reason: string,
  patch: Updateable<ChallengeEoiTable> = {},
): Promise<Result<null>> {
  const check = checkTransition(eoi.status, to, by);
  if (!check.ok) return fail(check.message, 409);
  const updated = await trx
    .updateTable("challenge_eois")
    .set({ ...patch, status: to, updated_at: new Date() })
    .where("id", "=", eoi.id)
    .where("status", "=", eoi.status)
    .returning("id")
    .executeTakeFirst();
  if (!updated) return fail("Someone else changed this expression of interest first. Check its status and try again", 409);
  await trx.insertInto("challenge_eoi_events").values({ eoi_id: eoi.id, actor_user_id: actor.user?.id ?? null, from_status: eoi.status, to_status: to, reason }).execute();
  return ok(null);
}

export async function tell(trx: Database, eoi: { id: number; groupId: number; title: string }, subject: string, body: string) {
  await trx.insertInto("challenge_group_messages").values({ group_id: eoi.groupId, eoi_id: eoi.id, subject: `${subject}: ${eoi.title}`, body }).execute();
}

/** What the council owes a group from the day it received the EOI (shown on the submission confirmation). */
export function statutoryDates(eoi: EoiRecord, clock: { settings: ClockSettings; holidays: Holidays }) {
  if (!eoi.submittedAt) return null;
  const receivedOn = londonDay(eoi.submittedAt);
  return {
    receivedOn,
    acknowledgementDueOn: acknowledgementDue(receivedOn, clock.settings.acknowledgeWorkingDays, clock.holidays),
    acknowledgeWorkingDays: clock.settings.acknowledgeWorkingDays,
    decisionDateNoticeDueOn: decisionDateNoticeDue(receivedOn, clock.settings.decisionDateNoticeDays),
    decisionDateNoticeDays: clock.settings.decisionDateNoticeDays,
  };
}

export function clockInput(eoi: EoiRecord) {
  return {
    status: eoi.status,
    receivedOn: eoi.submittedAt ? londonDay(eoi.submittedAt) : null,
    decisionDueOn: eoi.decisionDueOn,
    procurementOpensOn: eoi.procurementOpensOn,
    procurementClosesOn: eoi.procurementClosesOn,
  };
}
