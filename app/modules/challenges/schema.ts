/** Right to Challenge forms: one zod schema per page or action, shared by routes and tests. */
import { z } from "zod";
import { MAX_IDS, rowId, rowIds } from "../../lib/fields";
import { PARTNER_ROLES, RELEVANT_BODY_KINDS, type PartnerRole, type RelevantBodyKind } from "../../../db/tables/challenges";
import { REJECTION_GROUND_KEYS } from "./transitions";
import { dateAfter, dateInput } from "../../lib/date-input";

export const RELEVANT_BODY_LABELS: Record<RelevantBodyKind, string> = {
  voluntary_or_community_body: "Voluntary or community body",
  charitable_body_or_trust: "Charitable body or trust",
  parish_council: "Parish council",
  council_employees: "Two or more employees of the council",
  other: "Another body named in the regulations",
};

export const PARTNER_ROLE_LABELS: Record<PartnerRole, string> = {
  consortium_member: "Consortium member",
  subcontractor: "Subcontractor",
};

const text = (message: string, max = 10_000) =>
  z.string({ error: message }).trim().min(1, message).max(max, `Must be ${max} characters or fewer`);
const optionalText = (max = 500) => z.string().trim().max(max, `Must be ${max} characters or fewer`).optional().default("");
/** A GOV.UK checkbox: present ("yes") or absent. */
const flag = z.preprocess((v) => v === "yes" || v === "on" || v === true, z.boolean());
const id = (message: string) => rowId(message);
/** Zero or more ids from repeated checkboxes. */
const ids = rowIds();
/** An optional GOV.UK date input as 'yyyy-MM-dd', or "" when left empty. */
const optionalIsoDate = (label: string) => dateInput({ label, optional: true }).transform((v) => v ?? "");

export const groupSchema = z
  .object({
    name: text("Enter the group's name", 200),
    kind: z.enum(RELEVANT_BODY_KINDS, { error: "Select what kind of body the group is" }),
    kindOther: optionalText(200),
    charityNumber: optionalText(50),
    companyNumber: optionalText(50),
    otherRegistration: optionalText(200),
    contactName: text("Enter the name of the group's contact", 100),
    contactEmail: z
      .string({ error: "Enter the contact's email address" })
      .trim()
      .min(1, "Enter the contact's email address")
      .pipe(z.email({ error: "Enter an email address in the correct format, like name@example.com" }))
      .transform((v) => v.toLowerCase()),
    contactPhone: optionalText(40),
    address: optionalText(500),
  })
  .refine((g) => g.kind !== "other" || g.kindOther.length > 0, { path: ["kindOther"], message: "Say which body the regulations name" });
export type GroupInput = z.infer<typeof groupSchema>;
export const groupIdSchema = z.object({ groupId: id("Choose a group") });

export const addMemberSchema = z.object({
  groupId: id("Choose a group"),
  email: z.string({ error: "Enter their email address" }).trim().min(1, "Enter their email address").transform((v) => v.toLowerCase()),
});

export const addPartnerSchema = z.object({
  groupId: id("Choose a group"),
  role: z.enum(PARTNER_ROLES, { error: "Select whether this is a consortium member or a subcontractor" }),
  name: text("Enter the partner's name", 200),
  registration: optionalText(200),
});

export const startEoiSchema = z.object({
  groupId: id("Choose the group this expression of interest is from"),
  /** "Express an interest" on a service starts the EOI with that service chosen. */
  serviceId: z.preprocess((v) => (v === "" ? undefined : v), id("Choose a service").optional()),
});

/** The pages of the EOI form, in order. "engagement" is asked only of employee groups. */
export const EOI_SECTIONS = ["service", "finances", "capability", "outcomes", "engagement"] as const;
export type EoiSection = (typeof EOI_SECTIONS)[number];

export const SECTION_TITLES: Record<EoiSection, string> = {
  service: "The service and the area",
  finances: "Financial resources",
  capability: "Capability to provide the service",
  outcomes: "Outcomes, well-being and service users' needs",
  engagement: "Engaging other affected employees",
};

export const sectionSchemas = {
  service: z.object({
    serviceId: id("Select the service you want to run"),
    title: text("Give your proposal a short title", 200),
    areaDescription: text("Describe the geographical area the proposal concerns", 2000),
    localityIds: ids.refine((v) => v.length > 0, "Select at least one locality"),
  }),
  finances: z.object({
    finances: text("Describe the financial resources of the group"),
    financesConfidential: flag,
    partners: z
      .array(
        z.object({
          partnerId: id("Partner missing"),
          finances: text("Describe the financial resources of this consortium member or subcontractor"),
          confidential: flag,
        }),
      )
      .max(MAX_IDS, `List at most ${MAX_IDS} consortium members and subcontractors`)
      .optional()
      .default([]),
  }),
  capability: z.object({
    capability: text("Give evidence that the group will be capable of providing the service by the time of any procurement"),
    capabilityConfidential: flag,
  }),
  outcomes: z.object({
    outcomes: text("Describe the outcomes the proposal would achieve"),
    wellbeing: text("Describe how the proposal would promote or improve the social, economic or environmental well-being of the area"),
    usersNeeds: text("Describe how the proposal would meet the needs of the service's users"),
    outcomeNodeIds: ids.refine((v) => v.length > 0, "Select at least one outcome the proposal serves"),
    outcomesConfidential: flag,
  }),
  engagement: z.object({
    employeeEngagement: text("Describe how the group will engage other affected employees"),
    employeeEngagementConfidential: flag,
  }),
} satisfies Record<EoiSection, z.ZodType>;

export const submitSchema = z.object({ eoiId: id("Expression of interest missing") });

export const groupResponseSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("agree"), eoiId: id("Expression of interest missing"), comment: optionalText(2000) }),
  z.object({ intent: z.literal("decline"), eoiId: id("Expression of interest missing"), comment: optionalText(2000) }),
  z.object({ intent: z.literal("withdraw"), eoiId: id("Expression of interest missing"), reason: text("Say why the group is withdrawing", 2000) }),
]);

const eoiId = id("Expression of interest missing");
export const officerActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("acknowledge"), eoiId, reason: optionalText(2000) }),
  z.object({ intent: z.literal("notify_decision_date"), eoiId, decisionDueOn: dateInput({ label: "Decision date", required: "Enter the date by which the council will decide" }), reason: optionalText(2000) }),
  z.object({ intent: z.literal("consider"), eoiId, reason: optionalText(2000) }),
  z.object({ intent: z.literal("propose_modification"), eoiId, modification: text("Describe the modification the council proposes", 5000) }),
  z.object({
    intent: z.literal("decide"),
    eoiId,
    decision: z.enum(["accepted", "accepted_with_modification", "rejected"], { error: "Select the decision" }),
    reasons: text("Give the reasons for the decision", 5000),
    grounds: z.preprocess(
      (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.enum(REJECTION_GROUND_KEYS as [string, ...string[]], { error: "Select a statutory ground" })).max(REJECTION_GROUND_KEYS.length, "Select each statutory ground once"),
    ),
  }).refine((d) => d.decision !== "rejected" || d.grounds.length > 0, {
    path: ["grounds"],
    message: "Select at least one statutory ground for rejecting the expression of interest",
  }),
  z.object({ intent: z.literal("procurement_pending"), eoiId, reason: optionalText(2000) }),
  z.object({ intent: z.literal("procurement_started"), eoiId, reason: optionalText(2000) }),
  z.object({ intent: z.literal("close"), eoiId, reason: optionalText(2000) }),
]);
export type OfficerActionInput = z.infer<typeof officerActionSchema>;

export const registerFilterSchema = z.object({
  service: rowId().optional().catch(undefined),
  locality: rowId().optional().catch(undefined),
  outcome: rowId().optional().catch(undefined),
});
export type RegisterFilter = z.infer<typeof registerFilterSchema>;

/** What an officer can say about a service, when adding it and when changing it later. */
const serviceFields = z.object({
  name: text("Enter the service's name", 200),
  description: optionalText(2000),
  excludedReason: optionalText(1000),
  anyTime: flag,
  procurementMinMonths: z.coerce.number({ error: "Enter the minimum period in months" }).int().min(0, "Enter 0 or more months"),
  procurementMaxMonths: z.coerce.number({ error: "Enter the maximum period in months" }).int().min(0, "Enter 0 or more months"),
  outcomeNodeIds: ids,
});
const maxAfterMin = (s: { procurementMinMonths: number; procurementMaxMonths: number }) => s.procurementMaxMonths >= s.procurementMinMonths;
const MAX_AFTER_MIN = { path: ["procurementMaxMonths"], message: "The maximum period must be at least the minimum" };

export const serviceSchema = serviceFields
  .extend({
    slug: z.string().trim().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lower-case letters, numbers and hyphens for the web address"),
    opensOn: optionalIsoDate("Opening date"),
    closesOn: optionalIsoDate("Closing date"),
  })
  .refine(maxAfterMin, MAX_AFTER_MIN)
  .superRefine((s, ctx) => {
    if (s.excludedReason !== "" || s.anyTime) return;
    if (!s.opensOn) ctx.addIssue({ code: "custom", path: ["opensOn"], message: "Enter the date the period opens, or choose any time" });
    if (!s.closesOn) ctx.addIssue({ code: "custom", path: ["closesOn"], message: "Enter the date the period closes, or choose any time" });
    dateAfter(ctx, s.closesOn, s.opensOn, ["closesOn"], "Closing date must be on or after the opening date", true);
  });

export const serviceUpdateSchema = serviceFields.extend({ serviceId: id("Choose a service") }).refine(maxAfterMin, MAX_AFTER_MIN);

export const serviceWindowSchema = z
  .object({
    serviceId: id("Choose a service"),
    opensOn: dateInput({ label: "Opening date", required: "Enter the date the period opens" }),
    closesOn: dateInput({ label: "Closing date", required: "Enter the date the period closes" }),
  })
  .superRefine((w, ctx) => dateAfter(ctx, w.closesOn, w.opensOn, ["closesOn"], "Closing date must be on or after the opening date", true));

export const removeServiceWindowSchema = z.object({ serviceId: id("Choose a service"), windowId: id("Choose a period") });

export const clockSettingsSchema = z.object({
  acknowledgeWorkingDays: z.coerce.number({ error: "Enter a number of working days" }).int("Enter a whole number of working days").min(1, "Enter between 1 and 60 working days").max(60, "Enter between 1 and 60 working days"),
  warnDaysBeforeLapse: z.coerce.number({ error: "Enter a number of days" }).int("Enter a whole number of days").min(0, "Enter between 0 and 365 days").max(365, "Enter between 0 and 365 days"),
});

/** The evidence and outcome nodes an officer records as considered on an EOI (the whole set, as ticked). */
export const evidenceConsideredSchema = z.object({ eoiId: id("Expression of interest missing"), evidenceItemIds: ids, outcomeNodeIds: ids });
