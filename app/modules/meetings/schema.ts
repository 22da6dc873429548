/** zod schemas for meetings: forms, console actions, socket events and tests share them. */
import { dateAfter, dateInput } from "../../lib/date-input";
import { z } from "zod";
import { httpUrl, rowId, rowIds } from "../../lib/fields";
import { AGENDA_ITEM_KINDS, ATTENDANCE_STATUSES, INTEREST_KINDS, VOTE_CHOICES, type AgendaItemKind, type InterestKind } from "../../../db/tables/boards";

const id = (message = "Choose one") => rowId(message);
/** Form checkboxes arrive as nothing, one value or many. */
export const idList = rowIds();
const optionalId = z.union([z.literal("").transform(() => undefined), rowId()]).optional();
const text = (what: string, max: number) =>
  z.string({ error: `Enter ${what}` }).trim().min(1, `Enter ${what}`).max(max, `${what[0]!.toUpperCase()}${what.slice(1)} must be ${max} characters or fewer`);
const optionalText = (max: number) => z.string().trim().max(max, `Must be ${max} characters or fewer`).optional().default("");

export const AGENDA_ITEM_LABELS: Record<AgendaItemKind, string> = {
  apologies: "Apologies for absence",
  declarations: "Declarations of interest",
  minutes: "Minutes of the previous meeting",
  public_questions: "Public questions",
  decision: "Report for decision",
  information: "Report for information",
  exempt: "Exempt item (in private)",
};

export const INTEREST_LABELS: Record<InterestKind, string> = {
  disclosable_pecuniary: "Disclosable pecuniary interest",
  other_registrable: "Other registrable interest",
  non_registrable: "Non-registrable interest",
};

/** Schedule 12A to the Local Government Act 1972, Part 1. */
export const SCHEDULE_12A: Record<number, string> = {
  1: "Information relating to any individual",
  2: "Information which is likely to reveal the identity of an individual",
  3: "Information relating to the financial or business affairs of any particular person (including the authority holding that information)",
  4: "Information relating to consultations or negotiations, or contemplated consultations or negotiations, in connection with any labour relations matter",
  5: "Information in respect of which a claim to legal professional privilege could be maintained in legal proceedings",
  6: "Information which reveals that the authority proposes to give a notice, or to make an order or direction, under any enactment",
  7: "Information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime",
};

export const createMeetingSchema = z
  .object({
    boardId: id(),
    title: text("a title for the meeting", 200),
    startsAt: dateInput({ label: "Meeting date", time: true, required: "Enter the date and time of the meeting" }),
    venue: optionalText(200),
    onlineLink: z.union([z.literal(""), httpUrl("Enter a web address starting https://")]).optional().default(""),
  })
  .refine((v) => v.venue || v.onlineLink, { path: ["venue"], message: "Enter a venue or an online link" });

export const agendaItemSchema = z
  .object({
    meetingId: id(),
    kind: z.enum(AGENDA_ITEM_KINDS, { error: "Select the type of item" }),
    title: text("a title for the item", 200),
    summary: optionalText(4000),
    recommendation: optionalText(2000),
    exemptParagraph: optionalId,
    publicInterestReason: optionalText(1000),
    previousMeetingId: optionalId,
  })
  .superRefine((v, ctx) => {
    if (v.kind === "exempt") {
      if (!v.exemptParagraph || v.exemptParagraph > 7) ctx.addIssue({ code: "custom", path: ["exemptParagraph"], message: "Select the paragraph of Schedule 12A that applies" });
      if (!v.publicInterestReason) ctx.addIssue({ code: "custom", path: ["publicInterestReason"], message: "Explain why the public interest in keeping the information private outweighs disclosing it" });
    }
    if (v.kind === "decision" && !v.recommendation) ctx.addIssue({ code: "custom", path: ["recommendation"], message: "Enter the recommendation for decision" });
  })
  // Each type keeps only its own fields: the form reveals them by type, but a field typed under
  // another type (then changed) still arrives, and must not be stored against this one.
  .transform((v) => ({
    ...v,
    recommendation: v.kind === "decision" || v.kind === "exempt" ? v.recommendation : "",
    exemptParagraph: v.kind === "exempt" ? v.exemptParagraph : undefined,
    publicInterestReason: v.kind === "exempt" ? v.publicInterestReason : "",
    previousMeetingId: v.kind === "minutes" ? v.previousMeetingId : undefined,
  }));

export const publishAgendaSchema = z.object({ meetingId: id(), urgencyReason: optionalText(1000) });
export const meetingIdSchema = z.object({ meetingId: id() });

/** "yes" when the chair has confirmed starting before the meeting's published day. */
const confirmed = z.preprocess((v) => v === "yes" || v === true || v === "true", z.boolean()).optional().default(false);
export const startMeetingSchema = z.object({ meetingId: id(), confirmEarly: confirmed });

const count = (what: string) => z.coerce.number({ error: `Enter how many voted ${what}, as a number` }).int(`Enter how many voted ${what}, as a whole number`).min(0, `Enter how many voted ${what}, as a number`);
/** The resolution to exclude the press and public for an exempt item, carried by a show of hands. */
export const exclusionSchema = z
  .object({
    meetingId: id(),
    exemptItemId: id("Choose the exempt item"),
    movedById: id("Choose who moves the resolution"),
    secondedById: id("Choose who seconds the resolution"),
    votesFor: count("for"),
    votesAgainst: count("against"),
    abstentions: z.union([z.literal("").transform(() => 0), count("to abstain")]).optional().default(0),
  })
  .refine((v) => v.movedById !== v.secondedById, { path: ["secondedById"], message: "The seconder must be someone other than the mover" });

export const attendanceSchema = z.object({
  meetingId: id(),
  memberId: id("Choose a member"),
  /** present/apologies/absent, or "arrived" (late, now) and "left" (early, now). */
  status: z.enum([...ATTENDANCE_STATUSES, "arrived", "left"], { error: "Choose present, apologies or absent" }),
});

export const openItemSchema = z.object({ meetingId: id(), itemId: id("Choose an agenda item") });
export const moveItemSchema = z.object({ meetingId: id(), itemId: id("Choose an agenda item"), direction: z.enum(["up", "down"], { error: "Choose up or down" }) });

export const declarationSchema = z.object({
  meetingId: id(),
  itemId: id("Choose an agenda item"),
  memberId: id("Choose the member declaring"),
  kind: z.enum(INTEREST_KINDS, { error: "Select the kind of interest" }),
  description: text("what the interest is", 1000),
});

export const motionSchema = z
  .object({
    meetingId: id(),
    text: text("the wording of the motion", 2000),
    proposerId: id("Choose who proposes it"),
    seconderId: id("Choose who seconds it"),
    amendsMotionId: optionalId,
  })
  .refine((v) => v.proposerId !== v.seconderId, { path: ["seconderId"], message: "The seconder must be someone other than the proposer" });

export const motionIdSchema = z.object({ meetingId: id(), motionId: id() });

export const voteSchema = z.object({
  meetingId: id(),
  motionId: id(),
  memberId: id("Choose the member voting"),
  choice: z.enum(VOTE_CHOICES, { error: "Choose for, against or abstain" }),
});

export const resultSchema = z.object({
  meetingId: id(),
  motionId: id(),
  casting: z.union([z.literal("").transform(() => null), z.enum(["for", "against"])]).optional().default(null),
});

export const decisionSchema = z.object({
  meetingId: id(),
  itemId: id("Choose an agenda item"),
  motionId: optionalId,
  decision: text("the decision", 4000),
  reasons: text("the reasons for the decision", 4000),
  outcomeNodeIds: idList,
  evidenceItemIds: idList,
});

export const minutesSchema = z.object({ meetingId: id(), minutes: text("the minutes", 100_000), confidentialMinutes: z.string().trim().max(100_000, "The confidential minutes must be 100,000 characters or fewer").optional() });

export const decisionFiltersSchema = z.object({
  board: optionalId,
  locality: optionalId,
  outcome: optionalId,
  from: dateInput({ label: "Start date", optional: true }).transform((v) => v ?? undefined).optional(),
  to: dateInput({ label: "End date", optional: true }).transform((v) => v ?? undefined).optional(),
}).superRefine((v, ctx) => dateAfter(ctx, v.to, v.from, ["to"], "End date must be on or after the start date", true));

/** A meeting's live view joins this room; `after` asks for the public events missed since. */
export const joinMeetingSchema = z.object({ meetingId: id(), after: z.number().int().nonnegative().optional() });
