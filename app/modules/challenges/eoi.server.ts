/**
 * Community Right to Challenge: the group drafts, submits, answers a proposed modification or
 * withdraws its expression of interest.
 */
import { queueMessage } from "../notifications/outbox.server";
import { eoiArrived } from "./notices.server";
import type { Database } from "../../../db/client";
import type { EoiStatus } from "../../../db/tables/challenges";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { type Actor } from "../permissions/permissions";
import { missingSections, sectionsFor, type EoiRecord } from "./answers";
import { groupResponseSchema, sectionSchemas, startEoiSchema, submitSchema, type EoiSection } from "./schema";
import { actsFor, loadEoi, move, todayIso } from "./challenges-shared.server";
import { listServices } from "./services.server";
import { formatDate } from "../../lib/dates";

// ---------------------------------------------------------------- the group drafts and submits

export async function startEoi(db: Database, actor: Actor, input: unknown): Promise<Result<{ eoiId: number }>> {
  const parsed = validate(startEoiSchema, input);
  if (!parsed.ok) return parsed;
  const may = await actsFor(db, actor, parsed.value.groupId);
  if (!may.ok) return may;
  const serviceId = parsed.value.serviceId;
  if (serviceId !== undefined) {
    const service = await db.selectFrom("challenge_services").select(["excluded_reason"]).where("id", "=", serviceId).executeTakeFirst();
    if (!service) return fail({ serviceId: "Choose a service" }, 404);
    if (service.excluded_reason !== null) return fail({ serviceId: `This service is excluded from the Right to Challenge: ${service.excluded_reason}` }, 409);
  }
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("challenge_eois")
      .values({ group_id: parsed.value.groupId, created_by: actor.user!.id, service_id: serviceId ?? null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("challenge_eoi_events").values({ eoi_id: row.id, actor_user_id: actor.user!.id, from_status: null, to_status: "draft", reason: "Started" }).execute();
    return ok({ eoiId: row.id });
  });
}

/** Loads an EOI the actor may edit (a draft of a group they act for). */
async function editableEoi(db: Database, actor: Actor, eoiId: number): Promise<Result<EoiRecord>> {
  const eoi = await loadEoi(db, eoiId);
  if (!eoi) return fail("Expression of interest not found", 404);
  const may = await actsFor(db, actor, eoi.groupId);
  if (!may.ok) return may;
  if (eoi.status !== "draft") return fail("This expression of interest has been submitted and can no longer be changed", 409);
  return ok(eoi);
}

/** Where the form goes after a saved page: the group's page, and the EOI's pages in order. */
export interface SavedEoiSection {
  groupId: number;
  sections: EoiSection[];
}

/** Save one page of the form (save and return: the group may leave and come back). */
export async function saveEoiSection(db: Database, actor: Actor, eoiId: number, section: EoiSection, input: unknown): Promise<Result<SavedEoiSection>> {
  const editable = await editableEoi(db, actor, eoiId);
  if (!editable.ok) return editable;
  const eoi = editable.value;
  const sections = sectionsFor(eoi.groupKind);
  if (!sections.includes(section)) return fail("This part of the form does not apply to your group", 404);
  const saved = ok({ groupId: eoi.groupId, sections });
  const now = new Date();
  switch (section) {
    case "service": {
      const parsed = validate(sectionSchemas.service, input);
      if (!parsed.ok) return parsed;
      const v = parsed.value;
      const service = await db.selectFrom("challenge_services").select(["id", "excluded_reason"]).where("id", "=", v.serviceId).executeTakeFirst();
      if (!service) return fail({ serviceId: "Select the service you want to run" });
      if (service.excluded_reason !== null) return fail({ serviceId: `This service is excluded from the Right to Challenge: ${service.excluded_reason}` });
      const localities = await db.selectFrom("localities").select("id").where("id", "in", v.localityIds).execute();
      if (localities.length !== v.localityIds.length) return fail({ localityIds: "Select at least one locality" });
      await db.transaction().execute(async (trx) => {
        await trx.updateTable("challenge_eois").set({ service_id: v.serviceId, title: v.title, area_description: v.areaDescription, updated_at: now }).where("id", "=", eoiId).execute();
        await trx.deleteFrom("challenge_eoi_localities").where("eoi_id", "=", eoiId).execute();
        await trx.insertInto("challenge_eoi_localities").values(v.localityIds.map((l) => ({ eoi_id: eoiId, locality_id: l }))).execute();
      });
      return saved;
    }
    case "finances": {
      const parsed = validate(sectionSchemas.finances, input);
      if (!parsed.ok) return parsed;
      const v = parsed.value;
      const known = new Set(eoi.partners.map((p) => p.partnerId));
      const given = new Set(v.partners.map((p) => p.partnerId));
      const lacking = eoi.partners.findIndex((p) => !given.has(p.partnerId));
      if (lacking >= 0) return fail({ [`partners[${lacking}].finances`]: `Describe the financial resources of ${eoi.partners[lacking]!.name}` });
      if (v.partners.some((p) => !known.has(p.partnerId))) return fail("A partner on this page is not one of the group's partners");
      await db.transaction().execute(async (trx) => {
        await trx.updateTable("challenge_eois").set({ finances: v.finances, finances_confidential: v.financesConfidential, updated_at: now }).where("id", "=", eoiId).execute();
        for (const p of v.partners) {
          await trx
            .insertInto("challenge_eoi_partner_finances")
            .values({ eoi_id: eoiId, partner_id: p.partnerId, finances: p.finances, confidential: p.confidential })
            .onConflict((oc) => oc.columns(["eoi_id", "partner_id"]).doUpdateSet({ finances: p.finances, confidential: p.confidential }))
            .execute();
        }
      });
      return saved;
    }
    case "capability": {
      const parsed = validate(sectionSchemas.capability, input);
      if (!parsed.ok) return parsed;
      await db.updateTable("challenge_eois").set({ capability: parsed.value.capability, capability_confidential: parsed.value.capabilityConfidential, updated_at: now }).where("id", "=", eoiId).execute();
      return saved;
    }
    case "outcomes": {
      const parsed = validate(sectionSchemas.outcomes, input);
      if (!parsed.ok) return parsed;
      const v = parsed.value;
      const nodes = await db.selectFrom("outcome_nodes").select("id").where("id", "in", v.outcomeNodeIds).where("retired_at", "is", null).execute();
      if (nodes.length !== v.outcomeNodeIds.length) return fail({ outcomeNodeIds: "Select at least one outcome the proposal serves" });
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("challenge_eois")
          .set({ outcomes: v.outcomes, wellbeing: v.wellbeing, users_needs: v.usersNeeds, outcomes_confidential: v.outcomesConfidential, updated_at: now })
          .where("id", "=", eoiId)
          .execute();
        await trx.deleteFrom("challenge_eoi_outcomes").where("eoi_id", "=", eoiId).execute();
        await trx.insertInto("challenge_eoi_outcomes").values(v.outcomeNodeIds.map((o) => ({ eoi_id: eoiId, outcome_node_id: o }))).execute();
      });
      return saved;
    }
    case "engagement": {
      const parsed = validate(sectionSchemas.engagement, input);
      if (!parsed.ok) return parsed;
      await db
        .updateTable("challenge_eois")
        .set({ employee_engagement: parsed.value.employeeEngagement, employee_engagement_confidential: parsed.value.employeeEngagementConfidential, updated_at: now })
        .where("id", "=", eoiId)
        .execute();
      return saved;
    }
  }
}


export async function submitEoi(db: Database, actor: Actor, input: unknown, now: Date = new Date()): Promise<Result<null>> {
  const parsed = validate(submitSchema, input);
  if (!parsed.ok) return parsed;
  const editable = await editableEoi(db, actor, parsed.value.eoiId);
  if (!editable.ok) return editable;
  const eoi = editable.value;
  const missing = missingSections(eoi);
  if (missing.length) return fail(Object.fromEntries(missing.map((m) => [m.section, `${m.title}: ${m.message}`])));
  const service = (await listServices(db, now)).find((s) => s.id === eoi.serviceId);
  if (!service) return fail({ service: "Select the service you want to run" });
  if (service.excludedReason !== null) return fail({ service: `${service.name} is excluded from the Right to Challenge: ${service.excludedReason}` }, 409);
  if (!service.openNow) {
    const next = service.windows.find((w) => w.opensOn > todayIso(now));
    return fail({ service: `${service.name} is not open to expressions of interest now${next ? `. The next period opens on ${formatDate(next.opensOn)}` : ""}` }, 409);
  }
  return db.transaction().execute(async (trx) => {
    const moved = await move(trx, actor, eoi, "submitted", "group", "Submitted by the group", { submitted_at: now });
    if (!moved.ok) return moved;
    // The receipt to the person who submitted it: the service, the reference and the date only
    // (never the confidential parts of the expression of interest).
    const effects = await queueMessage(trx, {
      eventKey: `receipt:eoi:${eoi.id}:${now.toISOString()}`,
      to: actor.user!.email,
      subject: `Expression of interest EOI-${eoi.id} received: ${service.name}`,
      body: [
        `We received your group’s expression of interest in running ${service.name} on ${now.toLocaleDateString("en-GB", { timeZone: "Europe/London", dateStyle: "long" })}.`,
        `Its reference is EOI-${eoi.id}. We will write to you with the date by which we will acknowledge it and the date we will decide it. Follow it on Moot:`,
      ].join("\n\n"),
      link: `/challenges/eois/${eoi.id}`,
    });
    // officers who handle challenges: a new one arrived, with the date to acknowledge it by
    const alerted = await eoiArrived(trx, { id: eoi.id, title: eoi.title, groupName: eoi.groupName, serviceName: service.name }, now);
    if (!effects.length) effects.push(...alerted); // one nudge is enough for both
    return ok(null, effects);
  });
}

/** The group answers a proposed modification, or withdraws. */
export async function groupRespond(db: Database, actor: Actor, input: unknown): Promise<Result<{ status: EoiStatus }>> {
  const parsed = validate(groupResponseSchema, input);
  if (!parsed.ok) return parsed;
  const eoi = await loadEoi(db, parsed.value.eoiId);
  if (!eoi) return fail("Expression of interest not found", 404);
  const may = await actsFor(db, actor, eoi.groupId);
  if (!may.ok) return may;
  const { intent } = parsed.value;
  const reason = parsed.value.intent === "withdraw" ? parsed.value.reason : parsed.value.comment;
  const to: EoiStatus = intent === "agree" ? "modification_agreed" : intent === "decline" ? "modification_declined" : "withdrawn";
  const words = intent === "agree" ? "The group agreed the modification" : intent === "decline" ? "The group declined the modification" : "Withdrawn by the group";
  return db.transaction().execute(async (trx) => {
    const moved = await move(trx, actor, eoi, to, "group", reason ? `${words}: ${reason}` : words);
    if (!moved.ok) return moved;
    return ok({ status: to });
  });
}
