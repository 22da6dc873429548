/** Zod schemas for commissioning reviews. */
import { dateInput } from "../../lib/date-input";
import { z } from "zod";
import { rowId, rowIds } from "../../lib/fields";
import { COMMISSIONING_STAGES, DELIVERY_OPTIONS, RISK_LEVELS, type DeliveryOption } from "../../../db/tables/evidence";

export const DELIVERY_OPTION_LABELS: Record<DeliveryOption, string> = {
  internal: "Internal (the council delivers it)",
  external: "External (commission another provider)",
  partnership: "Partnership",
  co_production: "Co-production with residents",
  influence: "Influence (others deliver; the council shapes)",
  decommission: "Decommission (stop the service)",
};

const list = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]);
const ids = rowIds();
const text = (max: number) => z.string().trim().max(max, `Must be ${max} characters or fewer`).optional().default("");
const reviewId = rowId("Select a review");

export const newReviewSchema = z.object({
  serviceArea: z.string({ error: "Enter the service area" }).trim().min(1, "Enter the service area").max(200, "Service area must be 200 characters or fewer"),
  localityId: z.preprocess((v) => (v === "" ? undefined : v), rowId().optional()),
});

export const analyseSchema = z.object({ reviewId, stage: z.literal("analyse"), needsSummary: text(5000), evidenceItemIds: ids });
export const planSchema = z
  .object({
    reviewId,
    stage: z.literal("plan"),
    outcomeNodeIds: ids,
    optionsConsidered: z.preprocess(list, z.array(z.enum(DELIVERY_OPTIONS)).max(DELIVERY_OPTIONS.length, "Select each option once")),
    chosenOption: z.preprocess((v) => (v === "" ? undefined : v), z.enum(DELIVERY_OPTIONS).optional()),
    rationale: text(5000),
    decommissionConsultation: text(500),
    evidenceItemIds: ids,
  })
  .superRefine((v, ctx) => {
    if (v.chosenOption && !v.optionsConsidered.includes(v.chosenOption)) {
      ctx.addIssue({ code: "custom", path: ["chosenOption"], message: "The chosen option must be one of the options considered" });
    }
    if (v.chosenOption === "decommission" && !v.decommissionConsultation) {
      ctx.addIssue({ code: "custom", path: ["decommissionConsultation"], message: "Decommissioning needs a record of consulting those affected: link the consultation" });
    }
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

export const riskSchema = z.object({
  reviewId,
  risk: z.string({ error: "Describe the risk" }).trim().min(1, "Describe the risk").max(500, "Risk must be 500 characters or fewer"),
  likelihood: z.enum(RISK_LEVELS, { error: "Select the likelihood" }),
  impact: z.enum(RISK_LEVELS, { error: "Select the impact" }),
  mitigation: text(1000),
  owner: text(200),
});
export const advanceSchema = z.object({ reviewId, to: z.enum(COMMISSIONING_STAGES, { error: "Choose the next stage" }) });
