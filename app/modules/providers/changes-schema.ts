/** Zod schemas for changing an arrangement after it is let, and for residents' feedback (issue 18). */
import { z } from "zod";
import { rowId } from "../../lib/fields";
import { EXPERIENCES, type Experience } from "../../../db/tables/contract-changes";
import { KPI_FREQUENCIES } from "../../../db/tables/providers";
import { poundsField } from "./money";
import { date, month, number, required, text } from "./schema";

export const EXPERIENCE_LABELS: Record<Experience, string> = { good: "Good", mixed: "Mixed: some good, some not", poor: "Poor" };

export const termsSchema = z.object({
  arrangementId: rowId("Select an arrangement"),
  value: poundsField("the total value", { allowZero: true }),
  paymentTerms: text(2000, "Payment terms"),
  keyTerms: text(5000, "Key terms summary"),
  reason: required("why the terms changed", 1000),
});

export const extensionOptionSchema = z.object({
  arrangementId: rowId("Select an arrangement"),
  months: z
    .string({ error: "Enter how many months the option may extend by" })
    .trim()
    .min(1, "Enter how many months the option may extend by")
    .regex(/^\d{1,3}$/, "The months must be a whole number, like 12")
    .transform(Number)
    .refine((n) => n >= 1 && n <= 120, "An option can extend by 1 to 120 months"),
  note: text(300, "The note"),
});

export const extendSchema = z.object({
  arrangementId: rowId("Select an arrangement"),
  optionId: rowId("Select the extension option to use"),
  endsOn: date("the new end date"),
  reason: text(1000, "The reason"),
});

export const terminateSchema = z.object({
  arrangementId: rowId("Select an arrangement"),
  terminatedOn: date("the date it ends"),
  reason: required("why it is ending early", 2000),
});

export const kpiEditSchema = z.object({
  arrangementId: rowId("Select an arrangement"),
  kpiId: rowId("Select a KPI"),
  target: number("the target"),
  frequency: z.enum(KPI_FREQUENCIES, { error: "Select how often it is reported" }),
  deductionRule: text(1000, "Deduction rule"),
  reason: required("why the KPI changed", 1000),
});

export const reopenSchema = z.object({
  arrangementId: rowId("Select an arrangement"),
  period: month("the period"),
  reason: required("why the period is reopened", 1000),
});

export const feedbackSchema = z.object({
  arrangementId: rowId("Select a service"),
  experience: z.enum(EXPERIENCES, { error: "Select how the service was for you" }),
  feedback: required("what you want to tell us about the service", 2000),
});
