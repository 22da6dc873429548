/** Zod schemas for changing a delivery-plan milestone and an equality impact assessment row. */
import { z } from "zod";
import { rowId } from "../../lib/fields";
import { EQUALITY_IMPACTS } from "../../../db/tables/commissioning";
import { dateField, optionalDate, required, text } from "./schema";

export const MILESTONE_STATES = ["due", "done"] as const;

export const milestoneChangeSchema = z
  .object({
    reviewId: rowId("Select a review"),
    milestoneId: rowId("Choose a milestone"),
    title: required("the milestone", 200),
    dueOn: dateField("the due date"),
    state: z.enum(MILESTONE_STATES, { error: "Say whether the milestone is done" }),
    doneOn: optionalDate("the day it was done"),
    lateReason: text(1000),
  })
  .superRefine((v, ctx) => {
    if (v.state === "done" && !v.doneOn) ctx.addIssue({ code: "custom", path: ["doneOn"], message: "Enter the day it was done" });
  });

export const equalityChangeSchema = z
  .object({
    reviewId: rowId("Select a review"),
    impactId: rowId("Choose a group in the assessment"),
    groupAffected: required("the group affected", 200),
    impact: z.enum(EQUALITY_IMPACTS, { error: "Select the impact on this group" }),
    details: required("how the group is affected", 2000),
    mitigation: text(2000),
    evidence: text(2000),
    reason: required("why the assessment changed", 1000),
  })
  .superRefine((v, ctx) => {
    if (v.impact === "negative" && !v.mitigation) ctx.addIssue({ code: "custom", path: ["mitigation"], message: "Say how a negative impact will be mitigated" });
  });

export const equalityRemoveSchema = z.object({
  reviewId: rowId("Select a review"),
  impactId: rowId("Choose a group in the assessment"),
  reason: required("why the group is removed from the assessment", 1000),
});
