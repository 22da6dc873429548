/** Zod schemas for commissioning strategies and plans: shared by forms, actions and tests. */
import { z } from "zod";
import { rowId, rowIds } from "../../lib/fields";
import { DELIVERY_OPTIONS, RISK_CATEGORIES, RISK_LEVELS } from "../../../db/tables/evidence";
import { DECISION_RELATIONS, EQUALITY_IMPACTS } from "../../../db/tables/commissioning";
import { isRealDate } from "../calendar/days";
import { parsePounds } from "./money";
import { parseSubjectPick } from "./subject-rules";

export const text = (max: number) => z.string().trim().max(max, `Must be ${max} characters or fewer`).optional().default("");
export const required = (what: string, max: number) =>
  z.string({ error: `Enter ${what}` }).trim().min(1, `Enter ${what}`).max(max, `${what[0]!.toUpperCase()}${what.slice(1)} must be ${max} characters or fewer`);
export const blank = (v: unknown) => (v === "" ? undefined : v);
export const yes = z.preprocess((v) => v === "yes" || v === "true" || v === true, z.boolean());

/** An amount typed in pounds, read as integer pence (null when left empty). */
export const pounds = (label: string, options: { allowNegative?: boolean } = {}) =>
  z
    .string({ error: `${label} must be an amount in pounds` })
    .max(40, `${label} must be an amount in pounds`)
    .optional()
    .default("")
    .transform((v, ctx) => {
      const r = parsePounds(v, options);
      if (!r.ok) {
        ctx.addIssue({ code: "custom", message: `${label} ${r.error}` });
        return z.NEVER;
      }
      return r.pence;
    });

export const dateField = (label: string) =>
  z.string({ error: `Enter ${label}` }).trim().min(1, `Enter ${label}`).refine(isRealDate, `${label[0]!.toUpperCase()}${label.slice(1)} must be a real date, like 2027-03-31`);
export const optionalDate = (label: string) => z.preprocess(blank, dateField(label).optional());

// -- strategies ---------------------------------------------------------------------------------

export const strategySchema = z.object({
  strategyId: z.preprocess(blank, rowId("Choose a strategy").optional()),
  title: required("the strategy’s title", 200),
  area: text(200),
  localityId: z.preprocess(blank, rowId("Select a locality, or council-wide").optional()),
  scopeIn: text(5000),
  scopeOut: text(5000),
  scopeWhy: text(5000),
  stakeholders: text(5000),
  startingPosition: text(10000),
  interdependencies: text(5000),
  assumptions: text(5000),
  budget: pounds("Budget requirement"),
  currentSpend: pounds("Current spend"),
  consultationIds: rowIds("Choose consultations from the list"),
  evidenceItemIds: rowIds("Choose evidence from the list"),
  outcomeNodeIds: rowIds("Choose outcomes and measures from the list"),
  published: yes,
});

export const contributionSchema = z.object({
  strategyId: rowId("Choose a strategy"),
  serviceArea: required("the service area", 200),
  contribution: required("what the service area contributes", 2000),
});

export const engagementSchema = z.object({
  strategyId: rowId("Choose a strategy"),
  consultationId: rowId("Choose a consultation"),
  howEngaged: required("how the stakeholders were engaged", 2000),
});

// -- reviews ------------------------------------------------------------------------------------

export const newReviewSchema = z.object({
  strategyId: z.preprocess(blank, rowId("Choose a strategy").optional()),
  serviceArea: required("the service area", 200),
  localityId: z.preprocess(blank, rowId("Select a locality, or council-wide").optional()),
  accountableCommissionerId: rowId("Choose the accountable commissioner"),
});

export const reviewIdSchema = z.object({ reviewId: rowId("Select a review") });

export const servicesAnalysisSchema = z
  .object({
    reviewId: rowId("Select a review"),
    planNeeded: z.enum(["yes", "no"], { error: "Say whether a plan is needed" }),
    noPlanReason: text(5000),
    statutoryDuties: text(5000),
    discretionaryActivity: text(5000),
    significantIssues: text(5000),
    currentResources: text(5000),
    changesService: yes,
    planStartsOn: optionalDate("the plan’s start date"),
    planEndsOn: optionalDate("the plan’s end date"),
    budget: pounds("Budget"),
    currentSpend: pounds("Current spend"),
  })
  .superRefine((v, ctx) => {
    if (v.planNeeded === "no" && !v.noPlanReason) ctx.addIssue({ code: "custom", path: ["noPlanReason"], message: "Say why no plan is needed" });
    if (v.planStartsOn && v.planEndsOn && v.planEndsOn < v.planStartsOn) ctx.addIssue({ code: "custom", path: ["planEndsOn"], message: "The plan’s end date must be on or after its start date" });
  });

export const optionAppraisalSchema = z.object({
  reviewId: rowId("Select a review"),
  option: z.enum(DELIVERY_OPTIONS, { error: "Choose a delivery option" }),
  description: required("a description of the option", 5000),
  governance: text(5000),
  outcomes: text(5000),
  policyFit: text(5000),
  cost: pounds("Cost over the plan period"),
  benefit: pounds("Monetised benefits"),
  saving: pounds("Savings", { allowNegative: true }),
  otherResources: text(5000),
  risks: text(5000),
  strengths: text(2000),
  weaknesses: text(2000),
  opportunities: text(2000),
  threats: text(2000),
  socialValue: text(5000),
  equalityImpact: text(5000),
  costsConfidential: yes,
}).superRefine((v, ctx) => {
  if (v.cost === null) ctx.addIssue({ code: "custom", path: ["cost"], message: "Enter the cost over the plan period, in pounds (0 if it costs nothing)" });
});

export const chooseOptionSchema = z.object({
  reviewId: rowId("Select a review"),
  chosenOption: z.enum(DELIVERY_OPTIONS, { error: "Choose the option to recommend" }),
  reason: required("why this option was chosen", 5000),
});

export const milestoneSchema = z.object({
  reviewId: rowId("Select a review"),
  title: required("the milestone", 200),
  dueOn: dateField("the due date"),
});

export const milestoneDoneSchema = z.object({
  reviewId: rowId("Select a review"),
  milestoneId: rowId("Choose a milestone"),
  doneOn: dateField("the day it was done"),
});

export const riskSchema = z.object({
  reviewId: rowId("Select a review"),
  risk: required("the risk", 500),
  category: z.enum(RISK_CATEGORIES, { error: "Select the category" }),
  likelihood: z.enum(RISK_LEVELS, { error: "Select the likelihood" }),
  impact: z.enum(RISK_LEVELS, { error: "Select the impact" }),
  mitigation: text(1000),
  owner: text(200),
});

export const riskChangeSchema = z.discriminatedUnion(
  "change",
  [
    riskSchema.extend({ change: z.literal("edited"), riskId: rowId("Choose a risk"), note: text(1000) }),
    z.object({ change: z.literal("rescored"), reviewId: rowId("Select a review"), riskId: rowId("Choose a risk"), likelihood: z.enum(RISK_LEVELS, { error: "Select the likelihood" }), impact: z.enum(RISK_LEVELS, { error: "Select the impact" }), note: required("why the score changed", 1000) }),
    z.object({ change: z.literal("closed"), reviewId: rowId("Select a review"), riskId: rowId("Choose a risk"), note: required("why the risk is closed", 1000) }),
    z.object({ change: z.literal("reopened"), reviewId: rowId("Select a review"), riskId: rowId("Choose a risk"), note: required("why the risk is reopened", 1000) }),
  ],
  { error: "Choose what to do with the risk" },
);

export const equalityImpactSchema = z
  .object({
    reviewId: rowId("Select a review"),
    groupAffected: required("the group affected", 200),
    impact: z.enum(EQUALITY_IMPACTS, { error: "Select the impact on this group" }),
    details: required("how the group is affected", 2000),
    mitigation: text(2000),
    evidence: text(2000),
  })
  .superRefine((v, ctx) => {
    if (v.impact === "negative" && !v.mitigation) ctx.addIssue({ code: "custom", path: ["mitigation"], message: "Say how a negative impact will be mitigated" });
  });

export const submitPlanSchema = z.object({
  reviewId: rowId("Select a review"),
  meetingId: rowId("Choose the meeting"),
});

/** What a decision cites: `subject` is "kind:id" from the form's one list (subjectKind + subjectId are read too). */
const subjectPick = (what: string) =>
  z.string({ error: `Choose ${what}` }).transform((s, ctx) => {
    const pick = parseSubjectPick(s);
    if (!pick) {
      ctx.addIssue({ code: "custom", message: s ? `Choose ${what} from the list` : `Choose ${what}` });
      return z.NEVER;
    }
    return pick;
  });
const withPick = (v: unknown) => {
  if (!v || typeof v !== "object" || "subject" in v) return v;
  const o = v as Record<string, unknown>;
  return "subjectKind" in o || "subjectId" in o ? { ...o, subject: `${String(o.subjectKind)}:${String(o.subjectId)}` } : o;
};

export const decisionSubjectSchema = z.preprocess(
  withPick,
  z.object({
    decisionId: rowId("Choose a decision"),
    subject: subjectPick("what the decision cites"),
    relation: z.enum(DECISION_RELATIONS, { error: "Choose what the decision does" }),
  }),
);

export const decisionSubjectRemoveSchema = z.preprocess(
  withPick,
  z.object({
    decisionId: rowId("Choose a decision"),
    subject: subjectPick("the link to remove"),
  }),
);
