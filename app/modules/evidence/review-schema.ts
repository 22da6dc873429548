/** Zod schemas for commissioning reviews. */
import { dateInput } from "../../lib/date-input";
import { z } from "zod";
import { rowId, rowIds } from "../../lib/fields";
import { COMMISSIONING_STAGES, type DeliveryOption } from "../../../db/tables/evidence";

export const DELIVERY_OPTION_LABELS: Record<DeliveryOption, string> = {
  internal: "In-house (the council delivers it)",
  external: "External, by contract",
  external_grant: "External, by grant",
  partnership: "Partnership",
  co_production: "Co-production with residents",
  influence: "Influence (others deliver; the council shapes)",
  decommission: "Decommission (stop the service)",
};

const ids = rowIds();
const text = (max: number) => z.string().trim().max(max, `Must be ${max} characters or fewer`).optional().default("");
const reviewId = rowId("Select a review");

/** Starting a review: see newReviewSchema in app/modules/commissioning/schema.ts (strategy, accountable commissioner). */
export { newReviewSchema } from "../commissioning/schema";

export const analyseSchema = z.object({ reviewId, stage: z.literal("analyse"), needsSummary: text(5000), evidenceItemIds: ids });
/**
 * The Plan stage's citations: outcomes sought, evidence, and the record of consulting those
 * affected (needed to decommission). The options, the choice and the rest of the plan are saved
 * by app/modules/commissioning/plans.server.ts.
 */
export const planSchema = z.object({
  reviewId,
  stage: z.literal("plan"),
  outcomeNodeIds: ids,
  decommissionConsultation: text(500),
  evidenceItemIds: ids,
});
export const doSchema = z.object({ reviewId, stage: z.literal("do"), deliveryArrangement: text(5000), evidenceItemIds: ids });
export const reviewStageSchema = z.object({
  reviewId,
  stage: z.literal("review"),
  performanceSummary: text(5000),
  reviewDate: dateInput({ label: "Review date", optional: true }).transform((v) => v ?? undefined),
  evidenceItemIds: ids,
});
export const stageSchema = z.discriminatedUnion("stage", [analyseSchema, planSchema, doSchema, reviewStageSchema], { error: "Choose a stage" });

export const advanceSchema = z.object({ reviewId, to: z.enum(COMMISSIONING_STAGES, { error: "Choose the next stage" }) });
