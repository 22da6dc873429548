/**
 * Changing a delivery plan after it is written (issue 17):
 * - a milestone's title, due date, status (Done with the day it was done) and the reason it is
 *   late, from Plan through Review; the due date stays inside the plan period; a milestone done
 *   after its due day, or still not done past it, needs the reason it is late;
 * - an equality impact assessment row is changed or removed at the Plan stage only (once a board
 *   has approved the plan, the assessment is what it approved), each with the reason, kept with
 *   the old and new values in the audit log, which is the assessment's history; the last group of
 *   an assessment a plan needs cannot be removed while the plan is on an agenda for decision.
 * Every command: permission through decideManageReview (the `command` helper), zod, one transaction.
 */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import { fail, ok } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { londonDay, toIsoDate } from "../calendar/days";
import { command, needsEquality } from "./plans.server";
import { milestoneOutsidePlan } from "./rules";
import { equalityChangeSchema, equalityRemoveSchema, milestoneChangeSchema } from "./edit-schema";

export const changeMilestone = command(milestoneChangeSchema, ["plan", "do", "review"], "Milestones can be changed", async function milestoneChanged(trx, review, v, actor) {
  const m = await trx.selectFrom("commissioning_milestones").selectAll().where("id", "=", v.milestoneId).where("review_id", "=", review.id).forUpdate().executeTakeFirst();
  if (!m) return fail({ milestoneId: "Choose a milestone of this plan" }, 404);
  const outside = milestoneOutsidePlan(v.dueOn, { startsOn: review.plan_starts_on ? toIsoDate(review.plan_starts_on) : null, endsOn: review.plan_ends_on ? toIsoDate(review.plan_ends_on) : null });
  if (outside) return fail({ dueOn: outside });
  const today = londonDay(new Date());
  const doneOn = v.state === "done" ? v.doneOn! : null;
  if (doneOn && doneOn > today) return fail({ doneOn: "The day it was done cannot be in the future" });
  const late = doneOn ? doneOn > v.dueOn : v.dueOn < today;
  if (late && !v.lateReason) return fail({ lateReason: doneOn ? `It was done after its due date (${v.dueOn}): say why it was late` : `It is past its due date (${v.dueOn}) and not done: say why it is late` });
  const after = { title: v.title, due_on: v.dueOn, done_on: doneOn, late_reason: late ? v.lateReason : "" };
  const before = { title: m.title, due_on: toIsoDate(m.due_on), done_on: m.done_on ? toIsoDate(m.done_on) : null, late_reason: m.late_reason };
  await trx.updateTable("commissioning_milestones").set(after).where("id", "=", m.id).execute();
  await audit(trx, actor, "milestone.changed", `commissioning_milestone:${m.id}`, { reviewId: review.id, before, after });
  return ok(null);
});

async function impactRow(trx: Database, reviewId: number, impactId: number) {
  return trx.selectFrom("commissioning_equality_impacts").selectAll().where("id", "=", impactId).where("review_id", "=", reviewId).forUpdate().executeTakeFirst();
}
const snapshot = (e: { group_affected: string; impact: string; details: string; mitigation: string; evidence: string }) => ({ group_affected: e.group_affected, impact: e.impact, details: e.details, mitigation: e.mitigation, evidence: e.evidence });

export const changeEqualityImpact = command(equalityChangeSchema, ["plan"], "The equality impact assessment can be changed", async function equalityImpactChanged(trx, review, v, actor) {
  const row = await impactRow(trx, review.id, v.impactId);
  if (!row) return fail({ impactId: "Choose a group in this assessment" }, 404);
  const after = { group_affected: v.groupAffected, impact: v.impact, details: v.details, mitigation: v.mitigation, evidence: v.evidence };
  if (JSON.stringify(after) === JSON.stringify(snapshot(row))) return fail({ details: "Nothing has changed: change the assessment, or go back" });
  await trx.updateTable("commissioning_equality_impacts").set(after).where("id", "=", row.id).execute();
  await audit(trx, actor, "equality_impact.changed", `equality_impact:${row.id}`, { reviewId: review.id, reason: v.reason, before: snapshot(row), after });
  return ok(null);
});

export const removeEqualityImpact = command(equalityRemoveSchema, ["plan"], "The equality impact assessment can be changed", async function equalityImpactRemoved(trx, review, v, actor) {
  const row = await impactRow(trx, review.id, v.impactId);
  if (!row) return fail({ impactId: "Choose a group in this assessment" }, 404);
  if (needsEquality(review)) {
    const { n } = await trx.selectFrom("commissioning_equality_impacts").select((eb) => eb.fn.countAll<number>().as("n")).where("review_id", "=", review.id).executeTakeFirstOrThrow();
    const submitted = await trx.selectFrom("commissioning_plan_submissions").select("id").where("review_id", "=", review.id).executeTakeFirst();
    if (Number(n) <= 1 && submitted) return fail({ reason: "This plan is on an agenda for decision and changes the service: its equality impact assessment cannot be emptied. Change the group instead" }, 409);
  }
  await trx.deleteFrom("commissioning_equality_impacts").where("id", "=", row.id).execute();
  await audit(trx, actor, "equality_impact.removed", `equality_impact:${row.id}`, { reviewId: review.id, reason: v.reason, before: snapshot(row) });
  return ok(null);
});

export interface AssessmentChange {
  action: "changed" | "removed";
  at: string;
  by: string | null;
  reason: string;
  groupAffected: string;
}

/** The assessment's history: every change and removal of its groups, newest first (from the audit log). */
export async function equalityHistory(db: Database, reviewId: number): Promise<AssessmentChange[]> {
  const rows = await db
    .selectFrom("audit_log as a")
    .leftJoin("users as u", "u.id", "a.actor_user_id")
    .select(["a.action", "a.at", "a.detail", "u.display_name"])
    .where("a.action", "in", ["equality_impact.changed", "equality_impact.removed"])
    .where(sql<boolean>`a.detail->>'reviewId' = ${String(reviewId)}`)
    .orderBy("a.id", "desc")
    .limit(200)
    .execute();
  return rows.map((r) => {
    const d = (typeof r.detail === "string" ? JSON.parse(r.detail) : r.detail) as { reason: string; before: { group_affected: string } };
    return { action: r.action === "equality_impact.removed" ? "removed" : "changed", at: londonDay(r.at), by: r.display_name, reason: d.reason, groupAffected: d.before.group_affected };
  });
}
