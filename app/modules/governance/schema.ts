/** zod schemas of the governance forms: settings, decision reports (the forward plan), scrutiny. */
import { z } from "zod";
import { rowId, rowIds } from "../../lib/fields";
import { dateInput } from "../../lib/date-input";
import { EXCEPTION_ROUTES, parsePounds, SCRUTINY_OUTCOMES, WORK_ITEM_STATUSES } from "./rules";

const text = (message: string, max: number) => z.string({ error: message }).trim().min(1, message).max(max, `This must be ${max} characters or fewer`);
const optionalText = (max: number) => z.preprocess((v) => (v === undefined || v === null ? "" : v), z.string().trim().max(max, `This must be ${max} characters or fewer`));

/** Pounds as typed ("£1,250,000.50"); empty is £0. To integer pence. */
const pounds = (message: string) =>
  z.preprocess((v) => (v === undefined || v === null ? "" : v), z.string({ error: message })).transform((s, ctx) => {
    if (s.trim() === "") return 0;
    const pence = parsePounds(s);
    if (pence === null) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return pence;
  });

export const governanceSettingsSchema = z.object({
  keyDecisionThreshold: pounds("Enter the key decision threshold in pounds, like 500,000"),
  callInMembersRequired: z
    .string({ error: "Enter how many scrutiny members must ask for a call-in" })
    .trim()
    .regex(/^\d{1,2}$/, "Enter how many scrutiny members must ask for a call-in, as a number from 1 to 50")
    .transform(Number)
    .refine((n) => n >= 1 && n <= 50, "Enter how many scrutiny members must ask for a call-in, as a number from 1 to 50"),
});

const implication = optionalText(10_000);

export const decisionReportSchema = z.object({
  boardId: rowId("Choose the board that will take the decision"),
  title: text("Enter what the decision is about", 200),
  summary: optionalText(5_000),
  decisionDueOn: dateInput({ label: "Date the decision is due", required: "Enter the date the decision is due to be taken" }),
  spend: pounds("Enter the spending in pounds, like 750,000, or leave it empty"),
  saving: pounds("Enter the saving in pounds, like 120,000, or leave it empty"),
  localityIds: rowIds("Choose the localities affected"),
  exceptionRoute: z.enum(EXCEPTION_ROUTES, { error: "Choose how notice of this decision was given" }).default("none"),
  exceptionReason: optionalText(5_000),
  scrutinyChairNotifiedOn: dateInput({ label: "Date the scrutiny chair was told", optional: true }),
  scrutinyChairName: optionalText(200),
  scrutinyChairAgreedOn: dateInput({ label: "Date the scrutiny chair agreed", optional: true }),
  financialImplications: implication,
  legalImplications: implication,
  equalityImplications: implication,
  carbonImplications: implication,
  communitySafetyImplications: implication,
  staffingImplications: implication,
  alternativesConsidered: implication,
});
export type DecisionReportInput = z.output<typeof decisionReportSchema>;

export const takenSchema = z.object({ decisionId: rowId("Choose the decision the board took") });

export const callInSchema = z.object({
  decisionId: rowId("Choose a decision"),
  reasons: text("Enter your reasons for calling in the decision", 5_000),
});

export const workItemSchema = z.object({
  boardId: rowId("Choose a scrutiny board"),
  title: text("Enter the topic", 200),
  description: optionalText(5_000),
  plannedFor: dateInput({ label: "Planned date", optional: true }),
  status: z.enum(WORK_ITEM_STATUSES, { error: "Choose a status" }).default("proposed"),
});

export const workItemStatusSchema = z.object({
  workItemId: rowId("Choose an item"),
  status: z.enum(WORK_ITEM_STATUSES, { error: "Choose a status" }),
});

export const scrutinyOutcomeSchema = z
  .object({
    decisionId: rowId("Choose a decision"),
    outcome: z.enum(SCRUTINY_OUTCOMES, { error: "Choose the scrutiny board's outcome" }),
    notes: optionalText(5_000),
    recommendation: optionalText(5_000),
    responseDueOn: dateInput({ label: "Response date", optional: true }),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "referred_back" && !v.recommendation) ctx.addIssue({ code: "custom", path: ["recommendation"], message: "Enter the scrutiny board's recommendations to the decision-maker" });
    if (v.recommendation && !v.responseDueOn) ctx.addIssue({ code: "custom", path: ["responseDueOn"], message: "Enter the date a response to the recommendations is due" });
  });

export const concludeSchema = z.object({
  decisionId: rowId("Choose a decision"),
  finalDecision: text("Enter the decision-maker's final decision after reconsidering", 5_000),
});

export const recommendationSchema = z.object({
  boardId: rowId("Choose a scrutiny board"),
  recommendation: text("Enter the recommendation", 5_000),
  addressedTo: optionalText(200),
  responseDueOn: dateInput({ label: "Response date", required: "Enter the date a response is due" }),
});

export const responseSchema = z.object({
  recommendationId: rowId("Choose a recommendation"),
  response: text("Enter the response to the recommendation", 5_000),
});
