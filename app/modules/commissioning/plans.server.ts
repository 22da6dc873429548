/**
 * The commissioning plan (the Plan stage of a review): services analysis or a "no plan needed"
 * statement, the delivery analysis of each option (costs in pence), the chosen option and why,
 * the delivery plan's milestones, the risk register (kept up through delivery, with history),
 * the equality impact assessment, and putting the plan on a board's agenda for decision.
 * Every command: permission (decideManageReview / board.manage), zod, one transaction.
 */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import type { CommissioningStage, DeliveryOption } from "../../../db/tables/evidence";
import { transact } from "../../lib/effects.server";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { londonDay, toIsoDate } from "../calendar/days";
import { formatDate } from "../../lib/dates";
import { DELIVERY_OPTION_LABELS } from "../evidence/review-schema";
import { decide, type Actor } from "../permissions/permissions";
import { decideManageReview } from "./access";
import { milestoneOutsidePlan, APPROVING } from "./rules";
import {
  chooseOptionSchema,
  equalityImpactSchema,
  milestoneDoneSchema,
  milestoneSchema,
  optionAppraisalSchema,
  riskChangeSchema,
  riskSchema,
  servicesAnalysisSchema,
  submitPlanSchema,
} from "./schema";

type Failure = ReturnType<typeof fail>;
const isFailure = (x: unknown): x is Failure => typeof x === "object" && x !== null && (x as Failure).ok === false;

async function loadReview(trx: Database, reviewId: number) {
  return trx
    .selectFrom("commissioning_reviews")
    .selectAll()
    .where("id", "=", reviewId)
    .forUpdate()
    .executeTakeFirst();
}
type LoadedReview = NonNullable<Awaited<ReturnType<typeof loadReview>>>;

/** Load and lock the review, check the actor manages it and it is at one of these stages. */
async function begin(trx: Database, actor: Actor, reviewId: number, stages: CommissioningStage[], what: string): Promise<LoadedReview | Failure> {
  const review = await loadReview(trx, reviewId);
  if (!review) return fail("That review does not exist", 404);
  const allowed = decideManageReview(actor, review);
  if (!allowed.ok) return fail(allowed.message, 403);
  if (!stages.includes(review.stage)) return fail(`${what} only at the ${stages.map((s) => s[0]!.toUpperCase() + s.slice(1)).join(" or ")} stage`, 409);
  return review;
}

/** One plan command: validate, then load, authorise and act in one transaction (a refusal rolls back). */
export function command<S extends Parameters<typeof validate>[0], T>(
  schema: S,
  stages: CommissioningStage[],
  what: string,
  act: (trx: Database, review: LoadedReview, v: import("zod").output<S> & { reviewId: number }, actor: Actor) => Promise<Result<T>>,
) {
  return async (db: Database, actor: Actor, input: unknown): Promise<Result<T>> => {
    if (!actor.user) return fail("Sign in to do this", 403);
    const parsed = validate(schema, input);
    if (!parsed.ok) return parsed;
    const v = parsed.value as import("zod").output<S> & { reviewId: number };
    return transact(db, async (trx) => {
      const review = await begin(trx, actor, v.reviewId, stages, what);
      if (isFailure(review)) return review;
      const result = await act(trx, review, v, actor);
      if (result.ok) await audit(trx, actor, `review.${act.name || "plan"}`, `commissioning_review:${review.id}`, {});
      return result;
    });
  };
}

// ---------------------------------------------------------------------------------------------
// Services analysis, options, the choice

export const saveServicesAnalysis = command(servicesAnalysisSchema, ["plan"], "The services analysis can be changed", async function servicesAnalysis(trx, review, v) {
  if (v.planEndsOn) {
    const late = await trx.selectFrom("commissioning_milestones").select(["title", "due_on"]).where("review_id", "=", review.id).where("due_on", ">", sql<Date>`${v.planEndsOn}::date`).orderBy("due_on").executeTakeFirst();
    if (late) return fail({ planEndsOn: `The milestone “${late.title}” is due ${toIsoDate(late.due_on)}, after this end date: move it first` });
  }
  await trx
    .updateTable("commissioning_reviews")
    .set({
      plan_needed: v.planNeeded === "yes",
      no_plan_reason: v.planNeeded === "no" ? v.noPlanReason : "",
      statutory_duties: v.statutoryDuties,
      discretionary_activity: v.discretionaryActivity,
      significant_issues: v.significantIssues,
      current_resources: v.currentResources,
      changes_service: v.changesService,
      plan_starts_on: v.planStartsOn ?? null,
      plan_ends_on: v.planEndsOn ?? null,
      budget_pence: v.budget,
      current_spend_pence: v.currentSpend,
      updated_at: new Date(),
    })
    .where("id", "=", review.id)
    .execute();
  return ok(null);
});

/** Add or update the delivery analysis of one option (the row keeps its key: review, option). */
export const saveOptionAppraisal = command(optionAppraisalSchema, ["plan"], "Options can be appraised", async function optionAppraised(trx, review, v) {
  const values = {
    description: v.description,
    governance: v.governance,
    outcomes: v.outcomes,
    policy_fit: v.policyFit,
    cost_pence: v.cost,
    benefit_pence: v.benefit,
    saving_pence: v.saving,
    other_resources: v.otherResources,
    risks: v.risks,
    strengths: v.strengths,
    weaknesses: v.weaknesses,
    opportunities: v.opportunities,
    threats: v.threats,
    social_value: v.socialValue,
    equality_impact: v.equalityImpact,
    costs_confidential: v.costsConfidential,
  };
  await trx
    .insertInto("commissioning_review_options")
    .values({ review_id: review.id, option: v.option, ...values })
    .onConflict((oc) => oc.columns(["review_id", "option"]).doUpdateSet(values))
    .execute();
  return ok(null);
});

export const chooseOption = command(chooseOptionSchema, ["plan"], "The option can be chosen", async function optionChosen(trx, review, v) {
  const option = await trx.selectFrom("commissioning_review_options").select(["option", "cost_pence", "description"]).where("review_id", "=", review.id).where("option", "=", v.chosenOption).executeTakeFirst();
  if (!option) return fail({ chosenOption: `Appraise “${DELIVERY_OPTION_LABELS[v.chosenOption]}” before choosing it` });
  if (option.cost_pence === null) return fail({ chosenOption: `Give the cost of “${DELIVERY_OPTION_LABELS[v.chosenOption]}” before choosing it` });
  if (v.chosenOption === "decommission" && !review.decommission_consultation) {
    return fail({ chosenOption: "Decommissioning needs a record of consulting those affected: link the consultation in the Plan stage first" });
  }
  await trx.updateTable("commissioning_review_options").set({ notes: "" }).where("review_id", "=", review.id).execute();
  await trx.updateTable("commissioning_review_options").set({ notes: v.reason }).where("review_id", "=", review.id).where("option", "=", v.chosenOption).execute();
  await trx.updateTable("commissioning_reviews").set({ chosen_option: v.chosenOption, rationale: v.reason, updated_at: new Date() }).where("id", "=", review.id).execute();
  return ok(null);
});

// ---------------------------------------------------------------------------------------------
// Delivery plan milestones

export const addMilestone = command(milestoneSchema, ["plan", "do"], "Milestones can be added", async function milestoneAdded(trx, review, v) {
  const outside = milestoneOutsidePlan(v.dueOn, { startsOn: review.plan_starts_on ? toIsoDate(review.plan_starts_on) : null, endsOn: review.plan_ends_on ? toIsoDate(review.plan_ends_on) : null });
  if (outside) return fail({ dueOn: outside });
  const row = await trx.insertInto("commissioning_milestones").values({ review_id: review.id, title: v.title, due_on: v.dueOn }).returning("id").executeTakeFirstOrThrow();
  return ok({ milestoneId: row.id });
});

export const markMilestoneDone = command(milestoneDoneSchema, ["plan", "do", "review"], "Milestones can be marked done", async function milestoneDone(trx, review, v) {
  const m = await trx.selectFrom("commissioning_milestones").select(["id", "done_on", "due_on", "late_reason"]).where("id", "=", v.milestoneId).where("review_id", "=", review.id).executeTakeFirst();
  if (!m) return fail({ milestoneId: "Choose a milestone of this plan" }, 404);
  if (m.done_on) return fail({ milestoneId: "That milestone is already done" }, 409);
  if (v.doneOn > londonDay(new Date())) return fail({ doneOn: "The day it was done cannot be in the future" });
  // Done after its due day needs the reason it was late: that is recorded on the milestone's own page (plan-edits.server.ts).
  if (v.doneOn > toIsoDate(m.due_on) && !m.late_reason) return fail({ milestoneId: "This milestone is done after its due date: change the milestone to say why it was late" });
  await trx.updateTable("commissioning_milestones").set({ done_on: v.doneOn }).where("id", "=", m.id).execute();
  return ok(null);
});

// ---------------------------------------------------------------------------------------------
// Risk register (Plan, Do and Review), with its history

export const addRisk = command(riskSchema, ["plan", "do", "review"], "Risks can be added", async function riskAdded(trx, review, v, actor) {
  const { reviewId: _r, ...risk } = v;
  const row = await trx.insertInto("commissioning_review_risks").values({ review_id: review.id, ...risk }).returning("id").executeTakeFirstOrThrow();
  await trx.insertInto("commissioning_risk_changes").values({ risk_id: row.id, change: "added", likelihood: v.likelihood, impact: v.impact, note: "", changed_by: actor.user!.id }).execute();
  return ok({ riskId: row.id });
});

export const changeRisk = command(riskChangeSchema, ["plan", "do", "review"], "The risk register can be changed", async function riskChanged(trx, review, v, actor) {
  const risk = await trx.selectFrom("commissioning_review_risks").selectAll().where("id", "=", v.riskId).where("review_id", "=", review.id).forUpdate().executeTakeFirst();
  if (!risk) return fail({ riskId: "Choose a risk in this register" }, 404);
  const now = new Date();
  let likelihood = risk.likelihood;
  let impact = risk.impact;
  if (v.change === "closed" || v.change === "edited" || v.change === "rescored") {
    if (risk.closed_at) return fail("This risk is closed: reopen it first", 409);
  }
  if (v.change === "edited") {
    ({ likelihood, impact } = v);
    await trx
      .updateTable("commissioning_review_risks")
      .set({ risk: v.risk, category: v.category, likelihood, impact, mitigation: v.mitigation, owner: v.owner, updated_at: now })
      .where("id", "=", risk.id)
      .execute();
  } else if (v.change === "rescored") {
    if (v.likelihood === risk.likelihood && v.impact === risk.impact) return fail({ likelihood: "The new score is the same as the current one" });
    ({ likelihood, impact } = v);
    await trx.updateTable("commissioning_review_risks").set({ likelihood, impact, updated_at: now }).where("id", "=", risk.id).execute();
  } else if (v.change === "closed") {
    await trx.updateTable("commissioning_review_risks").set({ closed_at: now, closed_reason: v.note, updated_at: now }).where("id", "=", risk.id).execute();
  } else {
    if (!risk.closed_at) return fail("This risk is open", 409);
    await trx.updateTable("commissioning_review_risks").set({ closed_at: null, closed_reason: "", updated_at: now }).where("id", "=", risk.id).execute();
  }
  await trx.insertInto("commissioning_risk_changes").values({ risk_id: risk.id, change: v.change, likelihood, impact, note: v.note, changed_by: actor.user!.id }).execute();
  return ok(null);
});

// ---------------------------------------------------------------------------------------------
// Equality impact assessment

export const addEqualityImpact = command(equalityImpactSchema, ["plan"], "The equality impact assessment can be changed", async function equalityImpactAdded(trx, review, v) {
  await trx
    .insertInto("commissioning_equality_impacts")
    .values({ review_id: review.id, group_affected: v.groupAffected, impact: v.impact, details: v.details, mitigation: v.mitigation, evidence: v.evidence })
    .execute();
  return ok(null);
});

// ---------------------------------------------------------------------------------------------
// Ready for approval? The gate.

/** Does this plan need an equality impact assessment before it may go for approval? */
export const needsEquality = (r: { chosen_option: DeliveryOption | null; changes_service: boolean }) => r.chosen_option === "decommission" || r.changes_service;

/**
 * What a plan still lacks before it can go to a board for approval (empty when ready). The
 * approving decision itself is checked separately (approvalGaps).
 */
export async function planGaps(db: Database, reviewId: number): Promise<string[]> {
  const r = await db.selectFrom("commissioning_reviews").selectAll().where("id", "=", reviewId).executeTakeFirstOrThrow();
  const gaps: string[] = [];
  if (!r.accountable_commissioner_id) gaps.push("name the accountable commissioner");
  if (!r.plan_needed) {
    if (!r.no_plan_reason) gaps.push("say why no plan is needed");
    return gaps;
  }
  if (!r.statutory_duties || !r.discretionary_activity || !r.significant_issues || !r.current_resources) {
    gaps.push("complete the services analysis (statutory duties, discretionary activity, significant issues and risks, current resources)");
  }
  if (!r.plan_ends_on) gaps.push("set the plan period");
  if (r.budget_pence === null) gaps.push("give the plan’s budget");
  const options = await db.selectFrom("commissioning_review_options").select(["option", "cost_pence", "description"]).where("review_id", "=", reviewId).execute();
  if (!options.length) gaps.push("appraise at least one delivery option");
  const uncosted = options.filter((o) => o.cost_pence === null || !o.description);
  if (uncosted.length) gaps.push(`give the description and costs of ${uncosted.map((o) => `“${DELIVERY_OPTION_LABELS[o.option]}”`).join(", ")}`);
  if (!r.chosen_option) gaps.push("choose an option and say why");
  const milestones = await db.selectFrom("commissioning_milestones").select("id").where("review_id", "=", reviewId).executeTakeFirst();
  if (!milestones) gaps.push("add at least one delivery plan milestone");
  if (needsEquality(r)) {
    const eia = await db.selectFrom("commissioning_equality_impacts").select("id").where("review_id", "=", reviewId).executeTakeFirst();
    if (!eia) gaps.push("complete the equality impact assessment (this plan decommissions or changes the service)");
  }
  return gaps;
}

/** The linked board decisions that approve this plan (approves, or approves with amendments). */
export async function approvingDecisions(db: Database, reviewId: number) {
  return db
    .selectFrom("decision_subjects as s")
    .innerJoin("decisions as d", "d.id", "s.decision_id")
    .select(["d.id", "s.relation"])
    .where("s.subject_kind", "=", "commissioning_review")
    .where("s.subject_id", "=", reviewId)
    .where("s.relation", "in", [...APPROVING])
    .execute();
}

/**
 * The clerk puts a plan that is ready on a draft agenda of a board, as an item for decision. The
 * item and its link to the review are written together.
 */
export async function submitPlanToAgenda(db: Database, actor: Actor, input: unknown): Promise<Result<{ agendaItemId: number }>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(submitPlanSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return transact(db, async (trx) => {
    const meeting = await trx
      .selectFrom("meetings as m")
      .innerJoin("boards as b", "b.id", "m.board_id")
      .select(["m.id", "m.status", "m.board_id", "b.locality_id", "b.name as board_name"])
      .where("m.id", "=", v.meetingId)
      .forUpdate("m")
      .executeTakeFirst();
    if (!meeting) return fail({ meetingId: "Choose a meeting from the list" }, 404);
    const allowed = decide(actor, "board.manage", { kind: "board", boardId: meeting.board_id, localityId: meeting.locality_id });
    if (!allowed.ok) return fail(allowed.message, 403);
    if (meeting.status !== "draft") return fail({ meetingId: "That meeting’s agenda is published: choose a meeting whose agenda is still a draft" }, 409);
    const review = await trx.selectFrom("commissioning_reviews").select(["id", "stage", "service_area", "chosen_option", "rationale", "plan_needed", "cycle"]).where("id", "=", v.reviewId).forUpdate().executeTakeFirst();
    if (!review) return fail("That review does not exist", 404);
    if (review.stage !== "plan") return fail("Only a plan at the Plan stage can go to a board for approval", 409);
    const gaps = await planGaps(trx, review.id);
    if (gaps.length) return fail(`This plan is not ready for approval: ${gaps.join("; ")}`, 409);
    const pending = await trx
      .selectFrom("commissioning_plan_submissions as s")
      .innerJoin("agenda_items as ai", "ai.id", "s.agenda_item_id")
      .select("ai.meeting_id")
      .where("s.review_id", "=", review.id)
      .where("ai.meeting_id", "=", meeting.id)
      .executeTakeFirst();
    if (pending) return fail({ meetingId: "This plan is already on that meeting’s agenda" }, 409);
    const last = await trx.selectFrom("agenda_items").select(sql<number>`coalesce(max(position), 0)`.as("n")).where("meeting_id", "=", meeting.id).executeTakeFirstOrThrow();
    const title = `Commissioning plan: ${review.service_area}${review.cycle > 1 ? ` (cycle ${review.cycle})` : ""}`.slice(0, 200);
    const recommendation = review.plan_needed
      ? `That the board approves the commissioning plan for ${review.service_area}, with the option “${DELIVERY_OPTION_LABELS[review.chosen_option!]}”.`
      : `That the board agrees that no commissioning plan is needed for ${review.service_area}.`;
    // The agenda item is written here (the meetings module's table) so the item and its link to the plan commit together.
    const item = await trx
      .insertInto("agenda_items")
      .values({ meeting_id: meeting.id, position: Number(last.n) + 1, kind: "decision", title, summary: review.rationale.slice(0, 4000), recommendation: recommendation.slice(0, 4000), exempt_paragraph: null, public_interest_reason: null, previous_meeting_id: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("commissioning_plan_submissions").values({ review_id: review.id, agenda_item_id: item.id, submitted_by: actor.user!.id }).execute();
    await audit(trx, actor, "review.submitted", `commissioning_review:${review.id}`, { meetingId: meeting.id, agendaItemId: item.id });
    return ok({ agendaItemId: item.id });
  });
}

/** Draft agendas of boards this clerk manages, to put a plan on. */
export async function draftMeetingsFor(db: Database, actor: Actor) {
  const rows = await db
    .selectFrom("meetings as m")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .select(["m.id", "m.title", "m.starts_at", "m.board_id", "b.locality_id", "b.name as board_name"])
    .where("m.status", "=", "draft")
    .orderBy("m.starts_at")
    .execute();
  return rows
    .filter((m) => decide(actor, "board.manage", { kind: "board", boardId: m.board_id, localityId: m.locality_id }).ok)
    .map((m) => ({ id: m.id, label: `${m.board_name}: ${m.title}, ${formatDate(m.starts_at)}` }));
}
