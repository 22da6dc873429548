/**
 * Community Right to Challenge: officers handle expressions of interest against the statutory
 * clock, and their dashboard.
 */
import { type Updateable } from "kysely";
import type { Database } from "../../../db/client";
import type { ChallengeEoiTable, EoiStatus } from "../../../db/tables/challenges";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { decide, type Actor } from "../permissions/permissions";
import { clockFor, londonDay, procurementWindow, toIsoDate, type ClockItem } from "./deadlines";
import { officerActionSchema } from "./schema";
import { REJECTION_GROUNDS, STATUS_LABELS, type RejectionGround } from "./transitions";
import { asOfficer, loadEoi, move, tell, todayIso } from "./challenges-shared.server";
import { loadClock } from "./clock.server";

// ---------------------------------------------------------------- officers handle

export async function officerAction(db: Database, actor: Actor, input: unknown, now: Date = new Date()): Promise<Result<{ status: EoiStatus }>> {
  const parsed = asOfficer(actor, officerActionSchema, input);
  if (!parsed.ok) return parsed;
  const a = parsed.value;
  const eoi = await loadEoi(db, a.eoiId);
  if (!eoi || eoi.status === "draft") return fail("Expression of interest not found", 404);
  return db.transaction().execute(async (trx): Promise<Result<{ status: EoiStatus }>> => {
    const done = (to: EoiStatus) => async (r: Result<null>) => (r.ok ? ok({ status: to }) : r);
    switch (a.intent) {
      case "acknowledge": {
        const r = await move(trx, actor, eoi, "acknowledged", "officer", a.reason || "Acknowledged", { acknowledged_at: now });
        if (r.ok) await tell(trx, eoi, "Expression of interest received", `The council has received your expression of interest in ${eoi.serviceName} and will tell you, within 30 days of receiving it, the date by which it will decide.`);
        return done("acknowledged")(r);
      }
      case "notify_decision_date": {
        if (a.decisionDueOn < todayIso(now)) return fail({ decisionDueOn: "The decision date must be today or in the future" });
        const r = await move(trx, actor, eoi, "decision_date_notified", "officer", a.reason || `Decision by ${a.decisionDueOn}`, { decision_due_on: a.decisionDueOn });
        if (r.ok) await tell(trx, eoi, "Decision date", `The council will decide on your expression of interest by ${a.decisionDueOn}.`);
        return done("decision_date_notified")(r);
      }
      case "consider":
        return done("under_consideration")(await move(trx, actor, eoi, "under_consideration", "officer", a.reason || "Under consideration"));
      case "propose_modification": {
        const r = await move(trx, actor, eoi, "modification_proposed", "officer", a.modification, { modification: a.modification });
        if (r.ok) await tell(trx, eoi, "The council proposes a modification", `The council would accept your expression of interest if it were modified as follows. Tell us whether the group agrees.\n\n${a.modification}`);
        return done("modification_proposed")(r);
      }
      case "decide": {
        const to = a.decision as EoiStatus;
        const grounds = to === "rejected" ? (a.grounds as RejectionGround[]).map((g) => ({ ground: g, reason: REJECTION_GROUNDS[g] })) : [];
        const patch: Updateable<ChallengeEoiTable> = { decided_at: now };
        if (to !== "rejected") {
          const service = await trx.selectFrom("challenge_services").select(["procurement_min_months", "procurement_max_months"]).where("id", "=", eoi.serviceId!).executeTakeFirstOrThrow();
          const window = procurementWindow(todayIso(now), service.procurement_min_months, service.procurement_max_months);
          patch.procurement_opens_on = window.opensOn;
          patch.procurement_closes_on = window.closesOn;
        }
        const r = await move(trx, actor, eoi, to, "officer", a.reasons, patch);
        if (!r.ok) return r;
        await trx
          .insertInto("challenge_decision_notices")
          .values({
            eoi_id: eoi.id,
            decision: to,
            reasons: a.reasons,
            grounds: JSON.stringify(grounds),
            modification: to === "accepted_with_modification" ? eoi.modification : "",
            issued_by: actor.user!.id,
          })
          .execute();
        await tell(trx, eoi, `Decision: ${STATUS_LABELS[to]}`, `${a.reasons}${grounds.length ? `\n\nGrounds: ${grounds.map((g) => g.reason).join("; ")}` : ""}`);
        await audit(trx, actor, "challenge.eoi.decided", `challenge_eoi:${eoi.id}`, { decision: to, grounds: a.grounds });
        return ok({ status: to });
      }
      case "procurement_pending":
        return done("procurement_pending")(await move(trx, actor, eoi, "procurement_pending", "officer", a.reason || "Procurement pending"));
      case "procurement_started":
        // The minimum period gives the group time to prepare: procurement may not start before it ends.
        if (eoi.procurementOpensOn && todayIso(now) < eoi.procurementOpensOn) {
          return fail(`Procurement cannot start before ${eoi.procurementOpensOn}, the end of the minimum period set for this service`, 409);
        }
        return done("procurement_started")(await move(trx, actor, eoi, "procurement_started", "officer", a.reason || "Procurement exercise started"));
      case "close":
        return done("closed")(await move(trx, actor, eoi, "closed", "officer", a.reason || "Closed"));
    }
  });
}

export interface DashboardRow {
  id: number;
  title: string;
  groupName: string;
  serviceName: string | null;
  status: EoiStatus;
  due: ClockItem | null;
}

/** Every open EOI with what the council owes on it, most urgent first. */
export async function officerDashboard(db: Database, actor: Actor, now: Date = new Date()): Promise<Result<DashboardRow[]>> {
  const allowed = decide(actor, "challenge.handle");
  if (!allowed.ok) return fail(allowed.message, 403);
  const { settings, holidays } = await loadClock(db);
  const rows = await db
    .selectFrom("challenge_eois as e")
    .innerJoin("challenge_groups as g", "g.id", "e.group_id")
    .leftJoin("challenge_services as s", "s.id", "e.service_id")
    .select(["e.id", "e.title", "e.status", "e.submitted_at", "e.decision_due_on", "e.procurement_opens_on", "e.procurement_closes_on", "g.name as group_name", "s.name as service_name"])
    .where("e.status", "not in", ["draft", "closed", "withdrawn"])
    .orderBy("e.id")
    .execute();
  const today = todayIso(now);
  const result = rows.map((r) => ({
    id: r.id,
    title: r.title,
    groupName: r.group_name,
    serviceName: r.service_name,
    status: r.status,
    due: clockFor(
      {
        status: r.status,
        receivedOn: r.submitted_at ? londonDay(r.submitted_at) : null,
        decisionDueOn: r.decision_due_on ? toIsoDate(r.decision_due_on) : null,
        procurementOpensOn: r.procurement_opens_on ? toIsoDate(r.procurement_opens_on) : null,
        procurementClosesOn: r.procurement_closes_on ? toIsoDate(r.procurement_closes_on) : null,
      },
      settings,
      holidays,
      today,
    ),
  }));
  result.sort((a, b) => (a.due?.dueOn ?? "9999").localeCompare(b.due?.dueOn ?? "9999"));
  return ok(result);
}
