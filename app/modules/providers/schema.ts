/** Zod schemas and labels for providers, arrangements and monitoring (issue 18). */
import { z } from "zod";
import { rowId, rowIds } from "../../lib/fields";
import { isRealDate } from "../calendar/days";
import { DELIVERY_OPTIONS, MEASURE_POLARITIES } from "../../../db/tables/evidence";
import {
  ARRANGEMENT_KINDS,
  GRANT_APPROVALS,
  KPI_FREQUENCIES,
  PAYMENT_MODELS,
  PERIOD_RATINGS,
  PROVIDER_KINDS,
  SOCIAL_VALUE_THEMES,
  type ArrangementKind,
  type GrantApproval,
  type KpiFrequency,
  type PaymentModel,
  type PeriodRating,
  type ProviderKind,
  type SocialValueTheme,
} from "../../../db/tables/providers";
import { poundsField } from "./money";
import { parseMonth } from "./periods";

export const PROVIDER_KIND_LABELS: Record<ProviderKind, string> = {
  company: "Company",
  charity: "Charity",
  community_group: "Community group",
  mutual_or_social_enterprise: "Mutual or social enterprise",
  in_house: "In-house team",
  public_body: "Other public body",
};
export const ARRANGEMENT_KIND_LABELS: Record<ArrangementKind, string> = { contract: "Contract", grant: "Grant", in_house: "In-house service agreement" };
export const PAYMENT_MODEL_LABELS: Record<PaymentModel, string> = { fixed: "Fixed price", per_unit: "Price per unit delivered", payment_by_results: "Payment by results" };
export const GRANT_APPROVAL_LABELS: Record<GrantApproval, string> = {
  grant_panel: "Grant panel (a councillor, a voluntary-sector representative and an officer)",
  board_decision: "Board decision",
};
export const FREQUENCY_LABELS: Record<KpiFrequency, string> = { monthly: "Monthly", quarterly: "Quarterly", annual: "Annual" };
export const RATING_LABELS: Record<PeriodRating, string> = { on_track: "On track", concerns: "Concerns", failing: "Failing" };
export const THEME_LABELS: Record<SocialValueTheme, string> = {
  jobs: "Jobs: promote local skills and employment",
  growth: "Growth: supporting growth of responsible regional business",
  social: "Social: healthier, safer and more resilient communities",
  environment: "Environment: decarbonising and safeguarding our world",
  innovation: "Innovation: promoting social innovation",
};

export const text = (max: number, label = "This") => z.string().trim().max(max, `${label} must be ${max} characters or fewer`).optional().default("");
export const required = (label: string, max: number) =>
  z.string({ error: `Enter ${label}` }).trim().min(1, `Enter ${label}`).max(max, `${label[0]!.toUpperCase()}${label.slice(1)} must be ${max} characters or fewer`);
export const date = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .refine(isRealDate, `${label[0]!.toUpperCase()}${label.slice(1)} must be a real date, like 2027-03-31`);
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
export const number = (label: string) =>
  z.string({ error: `Enter ${label}` }).transform((v, ctx) => {
    const t = v.trim().replace(/,/g, "");
    if (!t) {
      ctx.addIssue({ code: "custom", message: `Enter ${label}` });
      return z.NEVER;
    }
    const n = Number(t);
    if (!/^-?\d+(\.\d+)?$/.test(t) || !Number.isFinite(n)) {
      ctx.addIssue({ code: "custom", message: `${label[0]!.toUpperCase()}${label.slice(1)} must be a number, like 42 or 97.5` });
      return z.NEVER;
    }
    return n;
  });
const checkbox = z.preprocess((v) => v === "yes" || v === "on" || v === true, z.boolean());

export const providerSchema = z.object({
  name: required("the provider’s name", 200),
  kind: z.enum(PROVIDER_KINDS, { error: "Select the kind of organisation" }),
  registration: text(100, "Registration"),
  description: text(2000, "Description"),
  challengeGroupId: z.preprocess(blank, rowId("Select a group").optional()),
});

export const providerPersonSchema = z.object({
  providerId: rowId("Select a provider"),
  email: z.string({ error: "Enter the person’s email address" }).trim().min(1, "Enter the person’s email address").max(320, "Email must be 320 characters or fewer").transform((v) => v.toLowerCase()),
});

export const arrangementSchema = z
  .object({
    title: required("the service", 200),
    kind: z.enum(ARRANGEMENT_KINDS, { error: "Select contract, grant or in-house" }),
    providerId: rowId("Select the provider"),
    reviewId: z.preprocess(blank, rowId("Select a commissioning review").optional()),
    reviewOption: z.preprocess(blank, z.enum(DELIVERY_OPTIONS, { error: "Select the option chosen in the review" }).optional()),
    localityId: z.preprocess(blank, rowId("Select a locality, or council-wide").optional()),
    value: poundsField("the total value", { allowZero: true }),
    paymentModel: z.enum(PAYMENT_MODELS, { error: "Select how the provider is paid" }),
    unitPrice: z.preprocess(blank, poundsField("the price per unit").optional()),
    unitName: text(100, "Unit"),
    atRiskPercent: z.preprocess(
      blank,
      z
        .string()
        .trim()
        .regex(/^\d{1,3}$/, "The share at risk must be a whole percentage, like 10")
        .transform(Number)
        .refine((n) => n >= 1 && n <= 100, "The share at risk must be between 1% and 100%")
        .optional(),
    ),
    paymentTerms: text(2000, "Payment terms"),
    startsOn: date("the start date"),
    endsOn: date("the end date"),
    extensionOptions: text(500, "Extension options"),
    keyTerms: text(5000, "Key terms summary"),
    commercialConfidential: checkbox,
    approvalRoute: z.preprocess(blank, z.enum(GRANT_APPROVALS, { error: "Select how the grant was approved" }).optional()),
    conditions: text(2000, "Conditions"),
    critical: checkbox,
    managerUserId: z.preprocess(blank, rowId("Select the contract manager").optional()),
    outcomeNodeIds: rowIds("Select outcomes from the list"),
  })
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "The end date must be on or after the start date" });
    if (v.reviewOption && !v.reviewId) ctx.addIssue({ code: "custom", path: ["reviewId"], message: "Select the review the option was chosen in" });
    if (v.paymentModel === "per_unit" && v.unitPrice === undefined) ctx.addIssue({ code: "custom", path: ["unitPrice"], message: "Enter the price per unit" });
    if (v.paymentModel === "per_unit" && !v.unitName) ctx.addIssue({ code: "custom", path: ["unitName"], message: "Enter the unit paid for, like “hour of care”" });
    if (v.paymentModel === "payment_by_results" && v.atRiskPercent === undefined) ctx.addIssue({ code: "custom", path: ["atRiskPercent"], message: "Enter the share of the payment at risk, as a percentage" });
    if (v.kind === "grant" && !v.approvalRoute) ctx.addIssue({ code: "custom", path: ["approvalRoute"], message: "Select how the grant was approved" });
  })
  .transform((v) => ({
    ...v,
    unitPrice: v.paymentModel === "per_unit" ? v.unitPrice : undefined,
    unitName: v.paymentModel === "per_unit" ? v.unitName : "",
    atRiskPercent: v.paymentModel === "payment_by_results" ? v.atRiskPercent : undefined,
    approvalRoute: v.kind === "grant" ? v.approvalRoute : undefined,
  }));

export const kpiSchema = z
  .object({
    arrangementId: rowId("Select an arrangement"),
    title: required("the KPI", 200),
    measureNodeId: z.preprocess(blank, rowId("Select a measure").optional()),
    definition: text(2000, "Definition"),
    unit: required("the unit", 40),
    polarity: z.enum(MEASURE_POLARITIES, { error: "Select whether higher or lower is better" }),
    target: number("the target"),
    minValue: number("the lowest possible value"),
    maxValue: number("the highest possible value"),
    frequency: z.enum(KPI_FREQUENCIES, { error: "Select how often it is reported" }),
    deductionRule: text(1000, "Deduction rule"),
  })
  .superRefine((v, ctx) => {
    if (!v.measureNodeId && !v.definition) ctx.addIssue({ code: "custom", path: ["definition"], message: "Link the KPI to an outcome measure, or define it" });
    if (v.minValue >= v.maxValue) ctx.addIssue({ code: "custom", path: ["maxValue"], message: "The highest possible value must be more than the lowest" });
    else if (v.target < v.minValue || v.target > v.maxValue) ctx.addIssue({ code: "custom", path: ["target"], message: "The target must be between the lowest and highest possible values" });
  });

export const socialValueSchema = z.object({
  arrangementId: rowId("Select an arrangement"),
  theme: z.enum(SOCIAL_VALUE_THEMES, { error: "Select the theme" }),
  outcome: required("the outcome", 300),
  measure: required("the measure", 300),
  unit: required("the unit", 40),
  target: number("the target").refine((n) => n >= 0, "The target cannot be negative"),
});

export const month = (label: string) =>
  z.string({ error: `Enter ${label}` }).transform((v, ctx) => {
    const p = parseMonth(v);
    if (!p) {
      ctx.addIssue({ code: "custom", message: `${label[0]!.toUpperCase()}${label.slice(1)} must be a month, like 2026-03` });
      return z.NEVER;
    }
    return p;
  });

/** A return from the form: kpi[<id>] and socialValue[<id>] hold the values as typed. */
export const returnSchema = z.object({
  arrangementId: rowId("Select an arrangement"),
  period: month("the period"),
  narrative: text(5000, "The narrative"),
  socialValueNarrative: text(5000, "The social value narrative"),
  kpi: z.record(z.string().regex(/^\d{1,10}$/), z.string().max(50, "Enter a number")).optional().default({}),
  socialValue: z.record(z.string().regex(/^\d{1,10}$/), z.string().max(50, "Enter a number")).optional().default({}),
});

export const ratingSchema = z.object({
  arrangementId: rowId("Select an arrangement"),
  period: month("the period"),
  rating: z.enum(PERIOD_RATINGS, { error: "Select on track, concerns or failing" }),
  notes: text(5000, "Notes"),
  deduction: z.preprocess((v) => (v === undefined || v === "" ? "0" : v), poundsField("the deduction", { allowZero: true })),
});

export const actionSchema = z.object({
  arrangementId: rowId("Select an arrangement"),
  action: required("the action", 1000),
  owner: text(200, "Owner"),
  dueOn: z.preprocess(blank, date("the due date").optional()),
  period: z.preprocess(blank, month("the period").optional()),
});

export const improvementPlanSchema = z.object({
  arrangementId: rowId("Select an arrangement"),
  reason: required("why the plan is needed", 2000),
  openedOn: date("the date the plan opens"),
  steps: z
    .preprocess(
      (v) => (Array.isArray(v) ? v.filter((s) => s && typeof s === "object" && (String((s as Record<string, unknown>).step ?? "").trim() || String((s as Record<string, unknown>).dueOn ?? "").trim())) : []),
      z.array(z.object({ step: required("the step", 1000), dueOn: date("the step’s due date") })).max(20, "A plan can have at most 20 steps"),
    )
    .refine((s) => s.length > 0, "Add at least one step with its due date"),
});

export const closePlanSchema = z.object({ arrangementId: rowId(), planId: rowId(), closedOn: date("the date the plan closed") });
export const stepDoneSchema = z.object({ arrangementId: rowId(), stepId: rowId(), doneOn: date("the date the step was done") });

export const paymentSchema = z.object({
  arrangementId: rowId("Select an arrangement"),
  paidOn: date("the payment date"),
  amount: poundsField("the amount"),
  note: text(500, "Note"),
});

export const exitPlanSchema = z
  .object({
    arrangementId: rowId(),
    peopleAffected: required("who is affected", 2000),
    transition: required("the transition", 2000),
    communication: required("how people will be told", 2000),
    exitOn: date("the exit date"),
    equalityAssessmentId: rowId("Select the equality impact assessment"),
    evaluationDueOn: date("the date the post-exit evaluation is due"),
  })
  .refine((v) => v.evaluationDueOn > v.exitOn, { path: ["evaluationDueOn"], message: "The evaluation must be due after the exit date" });

export const contingencyPlanSchema = z.object({
  arrangementId: rowId(),
  failureSigns: required("the signs of provider failure", 2000),
  immediateActions: required("the immediate actions", 2000),
  fallback: required("the fallback arrangement", 2000),
});
