/**
 * Commissioning reviews per service area, following Analyse → Plan → Do → Review. Each stage
 * cites evidence (evidence_citations with context = the stage); outcomes sought are outcome
 * links; decommissioning needs a record of consulting those affected.
 */
import type { Database } from "../../../db/client";
import type { CommissioningStage } from "../../../db/tables/evidence";
import { permittedInput } from "../../lib/guard";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import type { Actor } from "../permissions/permissions";
import { isoDate } from "./dates";
import { cite, citedEvidence, type EvidenceSummary } from "./evidence.server";
import { advanceSchema, newReviewSchema, riskSchema, stageSchema } from "./review-schema";
import { STAGE_LABELS } from "./schema";
import type { ThreadProvider } from "./thread.server";
import { canMove } from "./transitions";
import { isRowId } from "../../lib/ids";

const listText = (items: string[]) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`);

export async function createReview(db: Database, actor: Actor, input: unknown): Promise<Result<{ reviewId: number }>> {
  const parsed = permittedInput(actor, "evidence.manage", newReviewSchema, input);
  if (!parsed.ok) return parsed;
  return db.transaction().execute(async (trx) => {
    if (parsed.value.localityId) {
      const l = await trx.selectFrom("localities").select("id").where("id", "=", parsed.value.localityId).executeTakeFirst();
      if (!l) return fail({ localityId: "Select a locality, or council-wide" });
    }
    const row = await trx
      .insertInto("commissioning_reviews")
      .values({ service_area: parsed.value.serviceArea, locality_id: parsed.value.localityId ?? null, created_by: actor.user?.id ?? null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, actor, "review.created", `commissioning_review:${row.id}`, { serviceArea: parsed.value.serviceArea });
    return ok({ reviewId: row.id });
  });
}

/** Save one stage's record and the evidence it cites (replacing that stage's citations). */
export async function saveStage(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = permittedInput(actor, "evidence.manage", stageSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return db.transaction().execute(async (trx) => {
    const review = await trx.selectFrom("commissioning_reviews").select("id").where("id", "=", v.reviewId).forUpdate().executeTakeFirst();
    if (!review) return fail("That review does not exist", 404);
    const now = new Date();
    if (v.stage === "analyse") await trx.updateTable("commissioning_reviews").set({ needs_summary: v.needsSummary, updated_at: now }).where("id", "=", v.reviewId).execute();
    if (v.stage === "do") await trx.updateTable("commissioning_reviews").set({ delivery_arrangement: v.deliveryArrangement, updated_at: now }).where("id", "=", v.reviewId).execute();
    if (v.stage === "review") {
      await trx.updateTable("commissioning_reviews").set({ performance_summary: v.performanceSummary, review_date: v.reviewDate ?? null, updated_at: now }).where("id", "=", v.reviewId).execute();
    }
    if (v.stage === "plan") {
      await trx
        .updateTable("commissioning_reviews")
        .set({ chosen_option: v.chosenOption ?? null, rationale: v.rationale, decommission_consultation: v.decommissionConsultation, updated_at: now })
        .where("id", "=", v.reviewId)
        .execute();
      await trx.deleteFrom("commissioning_review_options").where("review_id", "=", v.reviewId).execute();
      if (v.optionsConsidered.length) {
        await trx.insertInto("commissioning_review_options").values([...new Set(v.optionsConsidered)].map((option) => ({ review_id: v.reviewId, option }))).execute();
      }
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

export async function addRisk(db: Database, actor: Actor, input: unknown): Promise<Result<{ riskId: number }>> {
  const parsed = permittedInput(actor, "evidence.manage", riskSchema, input);
  if (!parsed.ok) return parsed;
  const { reviewId, ...risk } = parsed.value;
  return db.transaction().execute(async (trx) => {
    const review = await trx.selectFrom("commissioning_reviews").select("id").where("id", "=", reviewId).executeTakeFirst();
    if (!review) return fail("That review does not exist", 404);
    const row = await trx.insertInto("commissioning_review_risks").values({ review_id: reviewId, ...risk }).returning("id").executeTakeFirstOrThrow();
    await audit(trx, actor, "review.risk_added", `commissioning_review:${reviewId}`, { risk: risk.risk });
    return ok({ riskId: row.id });
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
    if (!r.chosen_option) gaps.push("choose a delivery option");
    if (!r.rationale) gaps.push("give the rationale for the chosen option");
  }
  if (stage === "do" && !r.delivery_arrangement) gaps.push("describe the delivery arrangement");
  if (stage === "review") {
    if (!r.performance_summary) gaps.push("summarise performance against the measures");
    if (!r.review_date) gaps.push("set the review date");
  }
  return gaps;
}

export async function advanceReview(db: Database, actor: Actor, input: unknown): Promise<Result<{ stage: CommissioningStage }>> {
  const parsed = permittedInput(actor, "evidence.manage", advanceSchema, input);
  if (!parsed.ok) return parsed;
  const { reviewId, to } = parsed.value;
  return db.transaction().execute(async (trx) => {
    const review = await trx.selectFrom("commissioning_reviews").select(["id", "stage"]).where("id", "=", reviewId).forUpdate().executeTakeFirst();
    if (!review) return fail("That review does not exist", 404);
    if (!canMove(review.stage, to)) return fail(`A review at ${STAGE_LABELS[review.stage]} cannot move to ${STAGE_LABELS[to]}`, 409);
    const gaps = await stageGaps(trx, reviewId, review.stage);
    if (gaps.length) return fail(`Before moving to ${STAGE_LABELS[to]}, ${gaps.join(", ")}`, 409);
    await trx.updateTable("commissioning_reviews").set({ stage: to, updated_at: new Date() }).where("id", "=", reviewId).execute();
    await audit(trx, actor, "review.advanced", `commissioning_review:${reviewId}`, { from: review.stage, to });
    return ok({ stage: to });
  });
}

export async function listReviews(db: Database) {
  const rows = await db
    .selectFrom("commissioning_reviews as r")
    .leftJoin("localities as l", "l.id", "r.locality_id")
    .select(["r.id", "r.service_area", "r.stage", "r.chosen_option", "r.review_date", "l.name as locality_name"])
    .orderBy("r.service_area")
    .execute();
  return rows.map((r) => ({ ...r, review_date: r.review_date ? isoDate(r.review_date) : null }));
}

export interface ReviewDetail {
  id: number;
  serviceArea: string;
  localityId: number | null;
  localityName: string | null;
  stage: CommissioningStage;
  needsSummary: string;
  optionsConsidered: string[];
  chosenOption: string | null;
  rationale: string;
  decommissionConsultation: string;
  deliveryArrangement: string;
  performanceSummary: string;
  reviewDate: string | null;
  outcomes: { id: number; title: string }[];
  risks: { id: number; risk: string; likelihood: string; impact: string; mitigation: string; owner: string }[];
  evidence: Record<CommissioningStage, EvidenceSummary[]>;
}

export async function getReview(db: Database, actor: Actor, reviewId: number): Promise<ReviewDetail | null> {
  if (!isRowId(reviewId)) return null;
  const r = await db
    .selectFrom("commissioning_reviews as r")
    .leftJoin("localities as l", "l.id", "r.locality_id")
    .selectAll("r")
    .select("l.name as locality_name")
    .where("r.id", "=", reviewId)
    .executeTakeFirst();
  if (!r) return null;
  const [options, outcomes, risks, analyse, plan, doing, review] = await Promise.all([
    db.selectFrom("commissioning_review_options").select("option").where("review_id", "=", reviewId).execute(),
    db
      .selectFrom("outcome_links as k")
      .innerJoin("outcome_nodes as n", "n.id", "k.outcome_node_id")
      .select(["n.id", "n.title"])
      .where("k.citing_kind", "=", "commissioning_review")
      .where("k.citing_id", "=", reviewId)
      .orderBy("n.id")
      .execute(),
    db.selectFrom("commissioning_review_risks").selectAll().where("review_id", "=", reviewId).orderBy("id").execute(),
    citedEvidence(db, actor, "commissioning_review", reviewId, "analyse"),
    citedEvidence(db, actor, "commissioning_review", reviewId, "plan"),
    citedEvidence(db, actor, "commissioning_review", reviewId, "do"),
    citedEvidence(db, actor, "commissioning_review", reviewId, "review"),
  ]);
  return {
    id: r.id,
    serviceArea: r.service_area,
    localityId: r.locality_id,
    localityName: r.locality_name,
    stage: r.stage,
    needsSummary: r.needs_summary,
    optionsConsidered: options.map((o) => o.option),
    chosenOption: r.chosen_option,
    rationale: r.rationale,
    decommissionConsultation: r.decommission_consultation,
    deliveryArrangement: r.delivery_arrangement,
    performanceSummary: r.performance_summary,
    reviewDate: r.review_date ? isoDate(r.review_date) : null,
    outcomes,
    risks: risks.map(({ id, risk, likelihood, impact, mitigation, owner }) => ({ id, risk, likelihood, impact, mitigation, owner })),
    evidence: { analyse, plan, do: doing, review },
  };
}

/** Commissioning reviews are this module's own contribution to the golden thread. */
export const reviewThreadProvider: ThreadProvider = {
  kind: "commissioning_review",
  label: "Commissioning reviews",
  async linkedTo(db, { outcomeNodeIds, localityId }) {
    const rows = await db
      .selectFrom("commissioning_reviews as r")
      .select(["r.id", "r.service_area", "r.stage"])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("outcome_links as k")
            .select("k.citing_id")
            .where("k.citing_kind", "=", "commissioning_review")
            .whereRef("k.citing_id", "=", "r.id")
            .where("k.outcome_node_id", "in", outcomeNodeIds),
        ),
      )
      .$if(localityId !== null, (q) => q.where((eb) => eb.or([eb("r.locality_id", "is", null), eb("r.locality_id", "=", localityId!)])))
      .orderBy("r.service_area")
      .execute();
    return rows.map((r) => ({ kind: "commissioning_review", title: r.service_area, href: `/commissioning-reviews/${r.id}`, detail: `Commissioning review, at the ${STAGE_LABELS[r.stage]} stage` }));
  },
  async citing(db, { evidenceItemId }) {
    const rows = await db
      .selectFrom("evidence_citations as c")
      .innerJoin("commissioning_reviews as r", "r.id", "c.citing_id")
      .select(["r.id", "r.service_area", "c.context"])
      .where("c.citing_kind", "=", "commissioning_review")
      .where("c.evidence_item_id", "=", evidenceItemId)
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
