/**
 * Commissioning reviews per service area, following Analyse → Plan → Do → Review. Each stage
 * cites evidence (evidence_citations with context = the stage); outcomes sought are outcome
 * links; decommissioning needs a record of consulting those affected.
 */
import type { Database } from "../../../db/client";
import type { CommissioningStage, DeliveryOption } from "../../../db/tables/evidence";
import { transact } from "../../lib/effects.server";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { decide, type Actor } from "../permissions/permissions";
import { decideManageReview, mayManageReview, maySeeReview, reviewTarget, seesInternal } from "../commissioning/access";
import { readPlan, type PlanView } from "../commissioning/plan-view.server";
import { approvingDecisions, planGaps } from "../commissioning/plans.server";
import { isImplementationSuspended } from "../governance/scrutiny.server";
import { isoDate } from "./dates";
import { cite, citedEvidence, type EvidenceSummary } from "./evidence.server";
import { advanceSchema, newReviewSchema, stageSchema } from "./review-schema";
import { STAGE_LABELS } from "./schema";
import type { ThreadProvider } from "./thread-provider.server";
import { byOutcome, outcomeGroups } from "./thread-groups.server";
import { canMove } from "./transitions";
import { isRowId } from "../../lib/ids";

const listText = (items: string[]) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`);

/** Start a review of a service (its first cycle), under a strategy, with its accountable commissioner. */
export async function createReview(db: Database, actor: Actor, input: unknown): Promise<Result<{ reviewId: number }>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(newReviewSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const allowed = decide(actor, "commissioning.manage", reviewTarget(v.localityId ?? null));
  if (!allowed.ok) return fail(allowed.message, 403);
  return transact(db, async (trx) => {
    if (v.localityId) {
      const l = await trx.selectFrom("localities").select("id").where("id", "=", v.localityId).executeTakeFirst();
      if (!l) return fail({ localityId: "Select a locality, or council-wide" });
    }
    if (v.strategyId) {
      const s = await trx.selectFrom("commissioning_strategies").select("id").where("id", "=", v.strategyId).executeTakeFirst();
      if (!s) return fail({ strategyId: "Choose a strategy from the list" });
    }
    if (!(await isCommissioner(trx, v.accountableCommissionerId))) return fail({ accountableCommissionerId: "Choose a commissioner from the list" });
    const row = await trx
      .insertInto("commissioning_reviews")
      .values({ service_area: v.serviceArea, locality_id: v.localityId ?? null, strategy_id: v.strategyId ?? null, accountable_commissioner_id: v.accountableCommissionerId, created_by: actor.user!.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, actor, "review.created", `commissioning_review:${row.id}`, { serviceArea: v.serviceArea });
    return ok({ reviewId: row.id });
  });
}

/** Does this person hold the commissioner role (anywhere)? Who may be named accountable for a review. */
async function isCommissioner(db: Database, userId: number): Promise<boolean> {
  return Boolean(await db.selectFrom("role_grants").select("user_id").where("user_id", "=", userId).where("role", "=", "commissioner").executeTakeFirst());
}

/** People who may be named a review's accountable commissioner. */
export async function commissionerChoices(db: Database) {
  return db
    .selectFrom("users as u")
    .select(["u.id", "u.display_name"])
    .where((eb) => eb.exists(eb.selectFrom("role_grants as g").select("g.user_id").whereRef("g.user_id", "=", "u.id").where("g.role", "=", "commissioner")))
    .orderBy("u.display_name")
    .execute();
}

async function lockReview(trx: Database, reviewId: number) {
  return trx.selectFrom("commissioning_reviews").selectAll().where("id", "=", reviewId).forUpdate().executeTakeFirst();
}

/** Save one stage's record and the evidence it cites (replacing that stage's citations). */
export async function saveStage(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(stageSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return transact(db, async (trx) => {
    const review = await lockReview(trx, v.reviewId);
    if (!review) return fail("That review does not exist", 404);
    const allowed = decideManageReview(actor, review);
    if (!allowed.ok) return fail(allowed.message, 403);
    if (review.stage !== v.stage) return fail(`This review is at the ${STAGE_LABELS[review.stage]} stage: the ${STAGE_LABELS[v.stage]} stage cannot be changed now`, 409);
    const now = new Date();
    if (v.stage === "analyse") await trx.updateTable("commissioning_reviews").set({ needs_summary: v.needsSummary, updated_at: now }).where("id", "=", v.reviewId).execute();
    if (v.stage === "do") await trx.updateTable("commissioning_reviews").set({ delivery_arrangement: v.deliveryArrangement, updated_at: now }).where("id", "=", v.reviewId).execute();
    if (v.stage === "review") {
      await trx.updateTable("commissioning_reviews").set({ performance_summary: v.performanceSummary, review_date: v.reviewDate ?? null, updated_at: now }).where("id", "=", v.reviewId).execute();
    }
    if (v.stage === "plan") {
      if (review.chosen_option === "decommission" && !v.decommissionConsultation) return fail({ decommissionConsultation: "The chosen option decommissions the service: keep the record of consulting those affected" });
      await trx.updateTable("commissioning_reviews").set({ decommission_consultation: v.decommissionConsultation, updated_at: now }).where("id", "=", v.reviewId).execute();
      await trx.deleteFrom("outcome_links").where("citing_kind", "=", "commissioning_review").where("citing_id", "=", v.reviewId).execute();
      const linked = await cite(trx, { citingKind: "commissioning_review", citingId: v.reviewId, outcomeNodeIds: v.outcomeNodeIds });
      if (!linked.ok) return fail({ outcomeNodeIds: linked.errors.outcomeNodeIds ?? "Select outcomes from the list" });
    }
    await trx.deleteFrom("evidence_citations").where("citing_kind", "=", "commissioning_review").where("citing_id", "=", v.reviewId).where("context", "=", v.stage).execute();
    const cited = await cite(trx, { citingKind: "commissioning_review", citingId: v.reviewId, evidenceItemIds: v.evidenceItemIds, context: v.stage });
    if (!cited.ok) return cited;
    await audit(trx, actor, "review.stage_saved", `commissioning_review:${v.reviewId}`, { stage: v.stage });
    return ok(null);
  });
}

/** What a stage still needs before the review moves on; empty when it is complete. */
async function stageGaps(db: Database, reviewId: number, stage: CommissioningStage): Promise<string[]> {
  const r = await db.selectFrom("commissioning_reviews").selectAll().where("id", "=", reviewId).executeTakeFirstOrThrow();
  const citations = await db
    .selectFrom("evidence_citations")
    .select("evidence_item_id")
    .where("citing_kind", "=", "commissioning_review")
    .where("citing_id", "=", reviewId)
    .where("context", "=", stage)
    .execute();
  const gaps: string[] = [];
  if (!citations.length) gaps.push(`cite at least one piece of evidence for ${STAGE_LABELS[stage]}`);
  if (stage === "analyse" && !r.needs_summary) gaps.push("summarise the needs assessment");
  if (stage === "plan") {
    const links = await db.selectFrom("outcome_links").select("outcome_node_id").where("citing_kind", "=", "commissioning_review").where("citing_id", "=", reviewId).execute();
    if (!links.length) gaps.push("choose the outcomes sought");
    gaps.push(...(await planGaps(db, reviewId)));
    const approving = await approvingDecisions(db, reviewId);
    if (!approving.length) gaps.push("have the plan approved by a board: a decision that approves it must be linked to it");
    else if ((await Promise.all(approving.map((d) => isImplementationSuspended(db, d.id)))).every(Boolean))
      gaps.push("wait for scrutiny: the decision that approves it has been called in, and cannot be implemented until the scrutiny board has decided");
  }
  if (stage === "do" && !r.delivery_arrangement) gaps.push("describe the delivery arrangement");
  if (stage === "review") {
    if (!r.performance_summary) gaps.push("summarise performance against the measures");
    if (!r.review_date) gaps.push("set the review date");
  }
  return gaps;
}

/**
 * Move a review to its next stage. Plan → Do is the approval gate (a linked approving board
 * decision). Review → Analyse starts the next cycle as a NEW review of the same service; the
 * finished cycle stays as it was, readable.
 */
export async function advanceReview(db: Database, actor: Actor, input: unknown): Promise<Result<{ stage: CommissioningStage; reviewId: number }>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(advanceSchema, input);
  if (!parsed.ok) return parsed;
  const { reviewId, to } = parsed.value;
  return transact(db, async (trx) => {
    const review = await lockReview(trx, reviewId);
    if (!review) return fail("That review does not exist", 404);
    const allowed = decideManageReview(actor, review);
    if (!allowed.ok) return fail(allowed.message, 403);
    if (!canMove(review.stage, to)) return fail(`A review at ${STAGE_LABELS[review.stage]} cannot move to ${STAGE_LABELS[to]}`, 409);
    const gaps = await stageGaps(trx, reviewId, review.stage);
    if (gaps.length) return fail(`Before moving to ${STAGE_LABELS[to]}, ${gaps.join(", ")}`, 409);
    if (review.stage === "review") {
      const next = await trx.selectFrom("commissioning_reviews").select("id").where("previous_review_id", "=", review.id).executeTakeFirst();
      if (next) return fail("The next cycle of this review has already started", 409);
      const row = await trx
        .insertInto("commissioning_reviews")
        .values({
          service_area: review.service_area,
          locality_id: review.locality_id,
          strategy_id: review.strategy_id,
          accountable_commissioner_id: review.accountable_commissioner_id,
          cycle: review.cycle + 1,
          previous_review_id: review.id,
          created_by: actor.user!.id,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await audit(trx, actor, "review.next_cycle", `commissioning_review:${row.id}`, { previous: review.id, cycle: review.cycle + 1 });
      return ok({ stage: "analyse" as const, reviewId: row.id });
    }
    await trx.updateTable("commissioning_reviews").set({ stage: to, updated_at: new Date() }).where("id", "=", reviewId).execute();
    await audit(trx, actor, "review.advanced", `commissioning_review:${reviewId}`, { from: review.stage, to });
    return ok({ stage: to, reviewId });
  });
}

/** Reviews this actor may see: drafts (Analyse, Plan) only for council staff and their commissioners. */
export async function listReviews(db: Database, actor: Actor) {
  const rows = await db
    .selectFrom("commissioning_reviews as r")
    .leftJoin("localities as l", "l.id", "r.locality_id")
    .leftJoin("commissioning_strategies as s", "s.id", "r.strategy_id")
    .select(["r.id", "r.service_area", "r.stage", "r.chosen_option", "r.review_date", "r.cycle", "r.locality_id", "r.accountable_commissioner_id", "r.strategy_id", "s.title as strategy_title", "l.name as locality_name"])
    .orderBy("r.service_area")
    .orderBy("r.cycle", "desc")
    .execute();
  return rows.filter((r) => maySeeReview(actor, r)).map((r) => ({ ...r, review_date: r.review_date ? isoDate(r.review_date) : null }));
}

export interface ReviewDetail {
  id: number;
  serviceArea: string;
  localityId: number | null;
  localityName: string | null;
  stage: CommissioningStage;
  needsSummary: string;
  chosenOption: DeliveryOption | null;
  rationale: string;
  decommissionConsultation: string;
  deliveryArrangement: string;
  performanceSummary: string;
  reviewDate: string | null;
  outcomes: { id: number; title: string }[];
  evidence: Record<CommissioningStage, EvidenceSummary[]>;
  /** The plan, options, milestones, risks (null when not shown), equality assessment, approval. */
  plan: PlanView;
  canManage: boolean;
}

/** One review as this actor may see it, or null (no such review, or a draft they may not see). */
export async function getReview(db: Database, actor: Actor, reviewId: number): Promise<ReviewDetail | null> {
  if (!isRowId(reviewId)) return null;
  const r = await db
    .selectFrom("commissioning_reviews as r")
    .leftJoin("localities as l", "l.id", "r.locality_id")
    .selectAll("r")
    .select("l.name as locality_name")
    .where("r.id", "=", reviewId)
    .executeTakeFirst();
  if (!r || !maySeeReview(actor, r)) return null;
  const [outcomes, analyse, plan, doing, review, planView] = await Promise.all([
    db
      .selectFrom("outcome_links as k")
      .innerJoin("outcome_nodes as n", "n.id", "k.outcome_node_id")
      .select(["n.id", "n.title"])
      .where("k.citing_kind", "=", "commissioning_review")
      .where("k.citing_id", "=", reviewId)
      .orderBy("n.id")
      .execute(),
    citedEvidence(db, actor, "commissioning_review", reviewId, "analyse"),
    citedEvidence(db, actor, "commissioning_review", reviewId, "plan"),
    citedEvidence(db, actor, "commissioning_review", reviewId, "do"),
    citedEvidence(db, actor, "commissioning_review", reviewId, "review"),
    readPlan(db, actor, r),
  ]);
  return {
    id: r.id,
    serviceArea: r.service_area,
    localityId: r.locality_id,
    localityName: r.locality_name,
    stage: r.stage,
    needsSummary: r.needs_summary,
    chosenOption: r.chosen_option,
    rationale: r.rationale,
    decommissionConsultation: r.decommission_consultation,
    deliveryArrangement: r.delivery_arrangement,
    performanceSummary: r.performance_summary,
    reviewDate: r.review_date ? isoDate(r.review_date) : null,
    outcomes,
    evidence: { analyse, plan, do: doing, review },
    plan: planView,
    canManage: mayManageReview(actor, r),
  };
}

/** Only reviews past the approval gate are on the public golden thread; staff see drafts too. */
const visibleStages = (actor: Actor): CommissioningStage[] => (seesInternal(actor) ? ["analyse", "plan", "do", "review"] : ["do", "review"]);

/** Commissioning reviews are this module's own contribution to the golden thread. */
export const reviewThreadProvider: ThreadProvider = {
  kind: "commissioning_review",
  label: "Commissioning reviews",
  async linkedTo(db, { outcomes, localityId, actor }) {
    const rows = await db
      .selectFrom("commissioning_reviews as r")
      .innerJoin(outcomeGroups(outcomes), (join) =>
        join.on((eb) =>
          eb.exists(
            eb
              .selectFrom("outcome_links as k")
              .select("k.citing_id")
              .where("k.citing_kind", "=", "commissioning_review")
              .whereRef("k.citing_id", "=", "r.id")
              .where("k.outcome_node_id", "=", eb.fn.any("tq.node_ids")),
          ),
        ),
      )
      .select(["tq.outcome_id", "r.id", "r.service_area", "r.stage"])
      .where("r.stage", "in", visibleStages(actor))
      .$if(localityId !== null, (q) => q.where((eb) => eb.or([eb("r.locality_id", "is", null), eb("r.locality_id", "=", localityId!)])))
      .orderBy("r.service_area")
      .orderBy("r.id")
      .execute();
    return byOutcome(outcomes, rows, (r) => ({ kind: "commissioning_review", title: r.service_area, href: `/commissioning-reviews/${r.id}`, detail: `Commissioning review, at the ${STAGE_LABELS[r.stage]} stage` }));
  },
  async citing(db, { evidenceItemId, actor }) {
    const rows = await db
      .selectFrom("evidence_citations as c")
      .innerJoin("commissioning_reviews as r", "r.id", "c.citing_id")
      .select(["r.id", "r.service_area", "c.context"])
      .where("c.citing_kind", "=", "commissioning_review")
      .where("c.evidence_item_id", "=", evidenceItemId)
      .where("r.stage", "in", visibleStages(actor))
      .orderBy("r.service_area")
      .execute();
    const byReview = new Map<number, { title: string; stages: string[] }>();
    for (const r of rows) {
      const entry = byReview.get(r.id) ?? { title: r.service_area, stages: [] };
      entry.stages.push(STAGE_LABELS[r.context as CommissioningStage] ?? r.context);
      byReview.set(r.id, entry);
    }
    const order = Object.values(STAGE_LABELS) as string[];
    for (const r of byReview.values()) r.stages.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    return [...byReview].map(([id, r]) => ({
      kind: "commissioning_review",
      title: r.title,
      href: `/commissioning-reviews/${id}`,
      detail: `Commissioning review, cited at ${r.stages.length === 1 ? "the" : ""} ${listText(r.stages)} ${r.stages.length === 1 ? "stage" : "stages"}`.replace(/\s+/g, " "),
    }));
  },
};
