/** Zod schemas for consultation forms and actions (officer and resident), shared with tests. */
import { z } from "zod";
import { rowId, rowIds } from "../../lib/fields";
import { PUBLISH_CONSENTS, QUESTION_KINDS } from "../../../db/tables/consultations";
import { dateAfter, dateInput } from "../../lib/date-input";

const text = (max: number, message?: string) =>
  z
    .string()
    .trim()
    .max(max, `Must be ${max} characters or fewer`)
    .optional()
    .transform((v) => v ?? "")
    .pipe(message ? z.string().min(1, message) : z.string());

const ids = rowIds("Choose from the list");

export const consultationDetailsSchema = z
  .object({
    title: text(200, "Enter a title"),
    summary: text(1000, "Enter a summary"),
    background: text(20000),
    proposal: text(20000),
    noDecisionStatement: text(2000),
    optionsConsidered: text(20000),
    whoIsConsulted: text(2000),
    howResponsesUsed: text(5000),
    privacyNotice: text(20000),
    contact: text(1000),
    wholeCouncil: z.string().optional().transform((v) => v === "yes"),
    localityIds: ids,
    outcomeNodeIds: ids,
    opensAt: dateInput({ label: "Opening date", time: true, optional: true, defaultTime: "09:00" }),
    closesAt: dateInput({ label: "Closing date", time: true, optional: true, defaultTime: "09:00" }),
    shortPeriodReason: text(2000),
    retentionUntil: dateInput({ label: "Retention date", optional: true }),
  })
  .superRefine((v, ctx) => {
    if (!v.wholeCouncil && v.localityIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["localityIds"], message: "Select the localities being consulted, or the whole council" });
    }
    dateAfter(ctx, v.closesAt, v.opensAt, ["closesAt"], "Closing date must be after the opening date");
  });
export type ConsultationDetails = z.output<typeof consultationDetailsSchema>;

export const QUESTION_KIND_LABELS: Record<(typeof QUESTION_KINDS)[number], string> = {
  single_choice: "Single choice (radios)",
  multiple_choice: "Multiple choice (checkboxes)",
  free_text: "Free text",
  agree_scale: "Agree–disagree scale",
  ranking: "Ranking",
  number: "Number",
};

export const AGREE_SCALE = [
  { value: 5, label: "Strongly agree" },
  { value: 4, label: "Agree" },
  { value: 3, label: "Neither agree nor disagree" },
  { value: 2, label: "Disagree" },
  { value: 1, label: "Strongly disagree" },
] as const;

const optionalNumber = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const n = Number(v);
    if (!Number.isFinite(n)) {
      ctx.addIssue({ code: "custom", message: "Enter a number" });
      return z.NEVER;
    }
    return n;
  });

export const sectionSchema = z.object({
  title: text(200, "Enter a title for the section"),
  intro: text(2000),
});

export const questionSchema = z
  .object({
    sectionId: rowId("Select a section"),
    kind: z.enum(QUESTION_KINDS, { error: "Select the type of question" }),
    prompt: text(500, "Enter the question"),
    helpText: text(2000),
    required: z.string().optional().transform((v) => v === "yes"),
    options: z
      .string()
      .optional()
      .transform((v) => (v ?? "").split(/\r?\n/).map((s) => s.trim()).filter(Boolean)),
    maxLength: optionalNumber,
    minNumber: optionalNumber,
    maxNumber: optionalNumber,
  })
  .superRefine((v, ctx) => {
    if (["single_choice", "multiple_choice", "ranking"].includes(v.kind) && v.options.length < 2) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "Enter at least 2 options, one on each line" });
    }
    if (v.options.some((o) => o.length > 300)) ctx.addIssue({ code: "custom", path: ["options"], message: "Each option must be 300 characters or fewer" });
    if (v.maxLength !== null && (!Number.isInteger(v.maxLength) || v.maxLength < 1 || v.maxLength > 20000)) {
      ctx.addIssue({ code: "custom", path: ["maxLength"], message: "Character limit must be a whole number from 1 to 20000" });
    }
    if (v.minNumber !== null && v.maxNumber !== null && v.maxNumber < v.minNumber) {
      ctx.addIssue({ code: "custom", path: ["maxNumber"], message: "The largest number must be at least the smallest" });
    }
  });

export const consentSchema = z.object({
  consent: z.enum(PUBLISH_CONSENTS, { error: "Select whether we may publish your response" }),
});

export const CONSENT_LABELS: Record<(typeof PUBLISH_CONSENTS)[number], string> = {
  named: "Yes, publish it with my name",
  anonymous: "Yes, publish it without my name",
  not_published: "No, do not publish it",
};

const PREFER_NOT = "Prefer not to say";
export const EQUALITY_QUESTIONS = {
  ageBand: { column: "age_band", label: "What is your age?", options: ["Under 18", "18 to 24", "25 to 34", "35 to 44", "45 to 54", "55 to 64", "65 to 74", "75 or over", PREFER_NOT] },
  sex: { column: "sex", label: "What is your sex?", options: ["Female", "Male", PREFER_NOT] },
  disability: {
    column: "disability",
    label: "Do you have any physical or mental health conditions or illnesses lasting or expected to last 12 months or more?",
    options: ["Yes", "No", PREFER_NOT],
  },
  ethnicity: {
    column: "ethnicity",
    label: "What is your ethnic group?",
    options: ["Asian or Asian British", "Black, Black British, Caribbean or African", "Mixed or multiple ethnic groups", "White", "Other ethnic group", PREFER_NOT],
  },
  religion: { column: "religion", label: "What is your religion?", options: ["No religion", "Buddhist", "Christian", "Hindu", "Jewish", "Muslim", "Sikh", "Any other religion", PREFER_NOT] },
  sexualOrientation: {
    column: "sexual_orientation",
    label: "Which of the following best describes your sexual orientation?",
    options: ["Straight or heterosexual", "Gay or lesbian", "Bisexual", "Other sexual orientation", PREFER_NOT],
  },
  // ONS Census 2021 gender identity question (asked of people aged 16 and over).
  genderIdentity: {
    column: "gender_identity",
    label: "Is the gender you identify with the same as your sex registered at birth?",
    options: ["Yes", "No", PREFER_NOT],
  },
  unpaidCarer: {
    column: "unpaid_carer",
    label: "Do you look after, or give any help or support to, anyone because they have long-term physical or mental health conditions or illnesses, or problems related to old age?",
    hint: "Do not count anything you do as part of your paid employment.",
    options: ["No", "Yes, 9 hours a week or less", "Yes, 10 to 19 hours a week", "Yes, 20 to 34 hours a week", "Yes, 35 to 49 hours a week", "Yes, 50 or more hours a week", PREFER_NOT],
  },
  maritalStatus: {
    column: "marital_status",
    label: "What is your legal marital or registered civil partnership status?",
    options: [
      "Never married and never registered a civil partnership",
      "Married",
      "In a registered civil partnership",
      "Separated, but still legally married or in a civil partnership",
      "Divorced or civil partnership dissolved",
      "Widowed or surviving civil partner",
      PREFER_NOT,
    ],
  },
} as const;
export type EqualityField = keyof typeof EQUALITY_QUESTIONS;

export const equalitySchema = z.object(
  Object.fromEntries(
    Object.entries(EQUALITY_QUESTIONS).map(([field, q]) => [
      field,
      z
        .string()
        .optional()
        .transform((v) => v || null)
        .refine((v) => v === null || (q.options as readonly string[]).includes(v), "Choose one of the answers given"),
    ]),
  ) as unknown as Record<EqualityField, z.ZodType<string | null>>,
);

export const resultsSchema = z.object({
  resultsSummary: text(20000, "Summarise what people said"),
  decision: text(20000, "Say what was decided, or what will be decided and when"),
  decidedBy: text(500, "Say who decided, or who will decide"),
});

export const themeSchema = z.object({
  name: text(120, "Enter a name for the theme"),
  description: text(1000),
});

export const tagSchema = z.object({
  responseId: rowId(),
  questionId: rowId(),
  themeId: rowId(),
});

export const hubFilterSchema = z.object({
  q: z.string().trim().max(200).optional().transform((v) => v || null),
  locality: z.string().trim().optional().transform((v) => v || null),
  status: z.enum(["open", "upcoming", "closed"]).optional().catch(undefined),
});

/** Equality monitoring counts below this are never shown. */
export const SUPPRESS_BELOW = 5;

export const QUESTIONS_LOCKED =
  "Questions can no longer be changed because people have started responding. Changing them now would make earlier answers mean something different.";
