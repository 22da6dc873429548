/**
 * The contract manager's side: rating each period (a rated period is closed to returns),
 * actions, deductions, improvement plans with dated steps, payments (never over the value),
 * and the exit and contingency plans.
 */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import { permittedInput } from "../permissions/guard";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { londonDay } from "../calendar/days";
import { isoDate, longDate } from "../evidence/dates";
import type { Actor } from "../permissions/permissions";
import { formatPounds } from "./money";
import { monthLabel, monthOf } from "./periods";
import { withArrangement } from "./providers.server";
import { grantPaymentBlock } from "./grants.server";
import { actionSchema, closePlanSchema, contingencyPlanSchema, exitPlanSchema, improvementPlanSchema, paymentSchema, ratingSchema, stepDoneSchema } from "./schema";

export async function ratePeriod(db: Database, actor: Actor, input: unknown, options: { today?: string } = {}): Promise<Result<null>> {
  const parsed = permittedInput(actor, "contracts.manage", ratingSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const today = options.today ?? londonDay(new Date());
  return withArrangement(db, actor, v.arrangementId, { lock: true }, async (trx, a) => {
    if (v.period < monthOf(isoDate(a.starts_on)) || v.period > monthOf(isoDate(a.ends_on))) return fail({ period: `${monthLabel(v.period)} is outside the arrangement` });
    if (v.period >= monthOf(today)) return fail({ period: `${monthLabel(v.period)} has not ended yet` });
    const others = await trx
      .selectFrom("period_ratings")
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("deduction_pence"), sql<number>`0`).as("total"))
      .where("arrangement_id", "=", a.id)
      .where("period", "<>", sql<Date>`${v.period}::date`)
      .executeTakeFirstOrThrow();
    if (Number(others.total) + v.deduction > a.value_pence) {
      return fail({ deduction: `Deductions would come to ${formatPounds(Number(others.total) + v.deduction)}, more than the value of ${formatPounds(a.value_pence)}` });
    }
    await trx
      .insertInto("period_ratings")
      .values({ arrangement_id: a.id, period: v.period, rating: v.rating, notes: v.notes, deduction_pence: v.deduction, rated_by: actor.user?.id ?? null })
      .onConflict((oc) => oc.columns(["arrangement_id", "period"]).doUpdateSet({ rating: v.rating, notes: v.notes, deduction_pence: v.deduction, rated_by: actor.user?.id ?? null, rated_at: new Date() }))
      .execute();
    await audit(trx, actor, "arrangement.period_rated", `arrangement:${a.id}`, { period: v.period, rating: v.rating, deductionPence: v.deduction });
    return ok(null);
  });
}

export async function addAction(db: Database, actor: Actor, input: unknown): Promise<Result<{ actionId: number }>> {
  const parsed = permittedInput(actor, "contracts.manage", actionSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return withArrangement(db, actor, v.arrangementId, {}, async (trx) => {
    const row = await trx
      .insertInto("arrangement_actions")
      .values({ arrangement_id: v.arrangementId, action: v.action, owner: v.owner, due_on: v.dueOn ?? null, period: v.period ?? null, created_by: actor.user?.id ?? null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, actor, "arrangement.action_added", `arrangement:${v.arrangementId}`, { actionId: row.id });
    return ok({ actionId: row.id });
  });
}

export async function openImprovementPlan(db: Database, actor: Actor, input: unknown): Promise<Result<{ planId: number }>> {
  const parsed = permittedInput(actor, "contracts.manage", improvementPlanSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const early = v.steps.findIndex((s) => s.dueOn < v.openedOn);
  if (early >= 0) return fail({ [`steps[${early}].dueOn`]: "A step cannot be due before the plan opens" });
  return withArrangement(db, actor, v.arrangementId, { lock: true }, async (trx) => {
    const open = await trx.selectFrom("improvement_plans").select("id").where("arrangement_id", "=", v.arrangementId).where("closed_on", "is", null).executeTakeFirst();
    if (open) return fail("This arrangement already has an open improvement plan: add to it or close it first", 409);
    const plan = await trx
      .insertInto("improvement_plans")
      .values({ arrangement_id: v.arrangementId, reason: v.reason, opened_on: v.openedOn, created_by: actor.user?.id ?? null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("improvement_plan_steps").values(v.steps.map((s) => ({ plan_id: plan.id, step: s.step, due_on: s.dueOn }))).execute();
    await audit(trx, actor, "arrangement.improvement_plan_opened", `arrangement:${v.arrangementId}`, { planId: plan.id, steps: v.steps.length });
    return ok({ planId: plan.id });
  });
}

export async function completeStep(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = permittedInput(actor, "contracts.manage", stepDoneSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return withArrangement(db, actor, v.arrangementId, {}, async (trx) => {
    const step = await trx
      .selectFrom("improvement_plan_steps as s")
      .innerJoin("improvement_plans as p", "p.id", "s.plan_id")
      .select(["s.id", "p.opened_on"])
      .where("s.id", "=", v.stepId)
      .where("p.arrangement_id", "=", v.arrangementId)
      .executeTakeFirst();
    if (!step) return fail("That step is not part of this arrangement’s plan", 404);
    if (v.doneOn < isoDate(step.opened_on)) return fail({ doneOn: `The step cannot be done before the plan opened on ${longDate(isoDate(step.opened_on))}` });
    await trx.updateTable("improvement_plan_steps").set({ done_on: v.doneOn }).where("id", "=", v.stepId).execute();
    await audit(trx, actor, "arrangement.improvement_step_done", `arrangement:${v.arrangementId}`, { stepId: v.stepId });
    return ok(null);
  });
}

export async function closeImprovementPlan(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = permittedInput(actor, "contracts.manage", closePlanSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return withArrangement(db, actor, v.arrangementId, {}, async (trx) => {
    const plan = await trx.selectFrom("improvement_plans").select(["id", "opened_on", "closed_on"]).where("id", "=", v.planId).where("arrangement_id", "=", v.arrangementId).executeTakeFirst();
    if (!plan) return fail("That improvement plan is not part of this arrangement", 404);
    if (plan.closed_on) return fail("That improvement plan is already closed", 409);
    if (v.closedOn < isoDate(plan.opened_on)) return fail({ closedOn: "The plan cannot close before it opened" });
    await trx.updateTable("improvement_plans").set({ closed_on: v.closedOn }).where("id", "=", v.planId).execute();
    await audit(trx, actor, "arrangement.improvement_plan_closed", `arrangement:${v.arrangementId}`, { planId: v.planId });
    return ok(null);
  });
}

/** Record a payment; payments together may never come to more than the arrangement's value. */
export async function recordPayment(db: Database, actor: Actor, input: unknown): Promise<Result<{ paymentId: number }>> {
  const parsed = permittedInput(actor, "contracts.manage", paymentSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return withArrangement(db, actor, v.arrangementId, { lock: true }, async (trx, a) => {
    // locked: two payments at once cannot both pass the check
    const blocked = await grantPaymentBlock(trx, a); // a grant is paid only once the panel or a board has approved it
    if (blocked) return fail({ amount: blocked }, 409);
    const paid = await trx
      .selectFrom("arrangement_payments")
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("amount_pence"), sql<number>`0`).as("total"))
      .where("arrangement_id", "=", a.id)
      .executeTakeFirstOrThrow();
    const total = Number(paid.total);
    if (total + v.amount > a.value_pence) {
      return fail({
        amount: `This payment would take payments to ${formatPounds(total + v.amount)}, over the value of ${formatPounds(a.value_pence)}. At most ${formatPounds(a.value_pence - total)} is left to pay`,
      });
    }
    const row = await trx
      .insertInto("arrangement_payments")
      .values({ arrangement_id: a.id, paid_on: v.paidOn, amount_pence: v.amount, note: v.note, recorded_by: actor.user?.id ?? null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, actor, "arrangement.payment_recorded", `arrangement:${a.id}`, { paymentId: row.id, amountPence: v.amount });
    return ok({ paymentId: row.id });
  });
}

/** Decommissioning: the exit plan needs the equality impact assessment (an evidence item of that type). */
export async function saveExitPlan(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = permittedInput(actor, "contracts.manage", exitPlanSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return withArrangement(db, actor, v.arrangementId, {}, async (trx) => {
    const eia = await trx.selectFrom("evidence_items").select("type").where("id", "=", v.equalityAssessmentId).executeTakeFirst();
    if (!eia || eia.type !== "equality_impact_assessment") return fail({ equalityAssessmentId: "Select an equality impact assessment from the evidence library" });
    const values = {
      people_affected: v.peopleAffected,
      transition: v.transition,
      communication: v.communication,
      exit_on: v.exitOn,
      equality_assessment_id: v.equalityAssessmentId,
      evaluation_due_on: v.evaluationDueOn,
      updated_by: actor.user?.id ?? null,
      updated_at: new Date(),
    };
    await trx.insertInto("exit_plans").values({ arrangement_id: v.arrangementId, ...values }).onConflict((oc) => oc.column("arrangement_id").doUpdateSet(values)).execute();
    await audit(trx, actor, "arrangement.exit_plan_saved", `arrangement:${v.arrangementId}`, { exitOn: v.exitOn });
    return ok(null);
  });
}

export async function saveContingencyPlan(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = permittedInput(actor, "contracts.manage", contingencyPlanSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return withArrangement(db, actor, v.arrangementId, {}, async (trx) => {
    const values = { failure_signs: v.failureSigns, immediate_actions: v.immediateActions, fallback: v.fallback, updated_by: actor.user?.id ?? null, updated_at: new Date() };
    await trx.insertInto("contingency_plans").values({ arrangement_id: v.arrangementId, ...values }).onConflict((oc) => oc.column("arrangement_id").doUpdateSet(values)).execute();
    await audit(trx, actor, "arrangement.contingency_plan_saved", `arrangement:${v.arrangementId}`, {});
    return ok(null);
  });
}
