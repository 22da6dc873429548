/** Zod schemas and labels for the evidence library, shared by forms, actions and tests. */
import { z } from "zod";
import { httpUrl, rowId } from "../../lib/fields";
import { isRealDate } from "../calendar/days";
import { dateAfter, dateInput } from "../../lib/date-input";
import {
  COMMISSIONING_STAGES,
  EVIDENCE_CONFIDENCES,
  EVIDENCE_TYPES,
  EVIDENCE_VISIBILITIES,
  type CommissioningStage,
  type EvidenceConfidence,
  type EvidenceType,
} from "../../../db/tables/evidence";

export const EVIDENCE_TYPE_LABELS: Record<EvidenceType, string> = {
  statistic: "Statistic or indicator value",
  needs_assessment: "Needs assessment",
  performance_data: "Performance data",
  lived_experience: "Lived experience or community voice",
  research: "Research",
  consultation_finding: "Consultation finding",
  financial: "Financial",
  equality_impact_assessment: "Equality impact assessment",
};
export const STAGE_LABELS: Record<CommissioningStage, string> = { analyse: "Analyse", plan: "Plan", do: "Do", review: "Review" };
export const CONFIDENCE_LABELS: Record<EvidenceConfidence, string> = { strong: "Strong", moderate: "Moderate", limited: "Limited" };

export { isRealDate };
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const list = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]);

export const evidenceSchema = z
  .object({
    title: z.string({ error: "Enter a title" }).trim().min(1, "Enter a title").max(200, "Title must be 200 characters or fewer"),
    type: z.enum(EVIDENCE_TYPES, { error: "Select the type of evidence" }),
    summary: z.string().trim().max(5000, "Summary must be 5000 characters or fewer").optional().default(""),
    sourceOrganisation: z
      .string({ error: "Enter the organisation the evidence comes from" })
      .trim()
      .min(1, "Enter the organisation the evidence comes from")
      .max(200, "Organisation must be 200 characters or fewer"),
    sourceUrl: z
      .string({ error: "Enter a link to the source" })
      .trim()
      .min(1, "Enter a link to the source")
      .max(2000, "Link must be 2000 characters or fewer")
      .pipe(httpUrl("Enter a link to the source starting with https://"))
      // A real address, or this Moot on localhost (a consultation finding links to its own results page).
      .refine((v) => /^https?:\/\/([^\s]+\.[^\s]+|localhost(:\d+)?(\/\S*)?$)/.test(v), "Enter a link to the source starting with https://"),
    periodStart: dateInput({ label: "Start date", required: "Enter the date, or the start of the period" }),
    periodEnd: dateInput({ label: "End date", optional: true }).transform((v) => v ?? undefined),
    localityId: z.preprocess(blankToUndefined, rowId().optional()),
    stage: z.enum(COMMISSIONING_STAGES, { error: "Select the commissioning stage" }),
    confidence: z.enum(EVIDENCE_CONFIDENCES, { error: "Select how confident we are in it" }),
    visibility: z.enum(EVIDENCE_VISIBILITIES, { error: "Select who can see it" }),
    outcomeNodeIds: z.preprocess(list, z.array(rowId()).max(50, "Tag at most 50 outcomes")),
  })
  .superRefine((v, ctx) => dateAfter(ctx, v.periodEnd, v.periodStart, ["periodEnd"], "End date must be on or after the start date", true));
export type EvidenceInput = z.output<typeof evidenceSchema>;

export const evidenceFilterSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  outcome: z.preprocess(blankToUndefined, rowId().optional()).catch(undefined),
  locality: z.preprocess(blankToUndefined, z.union([z.literal("council"), rowId()]).optional()).catch(undefined),
  type: z.preprocess(blankToUndefined, z.enum(EVIDENCE_TYPES).optional()).catch(undefined),
  stage: z.preprocess(blankToUndefined, z.enum(COMMISSIONING_STAGES).optional()).catch(undefined),
  from: dateInput({ label: "From date", optional: true }).transform((v) => v ?? undefined).optional().catch(undefined),
  to: dateInput({ label: "To date", optional: true }).transform((v) => v ?? undefined).optional().catch(undefined),
  source: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()).catch(undefined),
});
export type EvidenceFilter = z.output<typeof evidenceFilterSchema>;
