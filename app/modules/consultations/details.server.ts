/**
 * Consultations, officer side: details (with the Gunning principles), localities and linked
 * outcomes, and what must be ready before scheduling.
 */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { ANYWHERE, decide, type Actor } from "../permissions/permissions";
import { consultationDetailsSchema, type ConsultationDetails } from "./schema";
import { effectiveStatus } from "./transitions";
import { type ConsultationRow, consultationFor, targetOf } from "./read.server";

// ---------------------------------------------------------------- officer: details

const DAY = 24 * 60 * 60 * 1000;

export async function listForOfficer(db: Database, actor: Actor, now = new Date()) {
  // the list holds what this person may manage: anyone who manages consultations somewhere may ask
  const allowed = decide(actor, "consultation.manage", ANYWHERE);
  if (!allowed.ok) return fail(allowed.message, 403);
  const rows = await db
    .selectFrom("consultations as c")
    .select([
      "c.id",
      "c.title",
      "c.status",
      "c.opens_at",
      "c.closes_at",
      "c.whole_council",
      sql<number[]>`coalesce((SELECT array_agg(cl.locality_id) FROM consultation_localities cl WHERE cl.consultation_id = c.id), '{}')`.as("locality_ids"),
      sql<number>`(SELECT count(*) FROM consultation_responses r WHERE r.consultation_id = c.id AND r.status = 'submitted')`.as("responses"),
    ])
    .orderBy("c.updated_at", "desc")
    .execute();
  return ok(
    rows
      .filter((r) => decide(actor, "consultation.manage", targetOf({ whole_council: r.whole_council, localityIds: r.locality_ids })).ok)
      .map((r) => ({ ...r, status: effectiveStatus(r, now) })),
  );
}

async function checkReferences(db: Database, details: ConsultationDetails) {
  const errors: Record<string, string> = {};
  if (details.localityIds.length) {
    const found = await db.selectFrom("localities").select("id").where("id", "in", details.localityIds).execute();
    if (found.length !== new Set(details.localityIds).size) errors.localityIds = "Select localities from the list";
  }
  if (details.outcomeNodeIds.length) {
    const found = await db.selectFrom("outcome_nodes").select("id").where("id", "in", details.outcomeNodeIds).execute();
    if (found.length !== new Set(details.outcomeNodeIds).size) errors.outcomeNodeIds = "Select outcomes from the list";
  }
  return errors;
}

function detailColumns(d: ConsultationDetails) {
  const retention = d.retentionUntil ?? (d.closesAt ? new Date(d.closesAt.getTime() + 2 * 365 * DAY).toISOString().slice(0, 10) : null);
  return {
    title: d.title,
    summary: d.summary,
    background: d.background,
    proposal: d.proposal,
    no_decision_statement: d.noDecisionStatement,
    options_considered: d.optionsConsidered,
    who_is_consulted: d.whoIsConsulted,
    how_responses_used: d.howResponsesUsed,
    privacy_notice: d.privacyNotice,
    contact: d.contact,
    whole_council: d.wholeCouncil,
    opens_at: d.opensAt,
    closes_at: d.closesAt,
    short_period_reason: d.shortPeriodReason,
    retention_until: retention,
  };
}

async function writeLinks(db: Database, id: number, d: ConsultationDetails) {
  await db.deleteFrom("consultation_localities").where("consultation_id", "=", id).execute();
  await db.deleteFrom("consultation_outcomes").where("consultation_id", "=", id).execute();
  const localityIds = d.wholeCouncil ? [] : [...new Set(d.localityIds)];
  if (localityIds.length) await db.insertInto("consultation_localities").values(localityIds.map((locality_id) => ({ consultation_id: id, locality_id }))).execute();
  const outcomeIds = [...new Set(d.outcomeNodeIds)];
  if (outcomeIds.length) await db.insertInto("consultation_outcomes").values(outcomeIds.map((outcome_node_id) => ({ consultation_id: id, outcome_node_id }))).execute();
}

export async function createConsultation(db: Database, actor: Actor, input: unknown): Promise<Result<{ id: number }>> {
  const parsed = validate(consultationDetailsSchema, input);
  if (!parsed.ok) return parsed;
  const d = parsed.value;
  const allowed = decide(actor, "consultation.manage", targetOf({ whole_council: d.wholeCouncil, localityIds: d.localityIds }));
  if (!allowed.ok) return fail(allowed.message, 403);
  const refErrors = await checkReferences(db, d);
  if (Object.keys(refErrors).length) return fail(refErrors);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("consultations")
      .values({ ...detailColumns(d), created_by: actor.user!.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeLinks(trx, row.id, d);
    await trx.insertInto("consultation_status_changes").values({ consultation_id: row.id, from_status: null, to_status: "draft", changed_by: actor.user!.id, reason: "Created" }).execute();
    await audit(trx, actor, "consultation.created", `consultation:${row.id}`, { title: d.title });
    return ok({ id: row.id });
  });
}

export async function updateConsultation(db: Database, actor: Actor, id: number, input: unknown, now = new Date()): Promise<Result<{ id: number }>> {
  const found = await consultationFor(db, actor, id, "consultation.manage");
  if (!found.ok) return found;
  const parsed = validate(consultationDetailsSchema, input);
  if (!parsed.ok) return parsed;
  const d = parsed.value;
  const allowed = decide(actor, "consultation.manage", targetOf({ whole_council: d.wholeCouncil, localityIds: d.localityIds }));
  if (!allowed.ok) return fail(allowed.message, 403);
  const status = effectiveStatus(found.value, now);
  if (status === "closed" || status === "results_published") return fail("This consultation has closed, so its details can no longer be changed", 409);
  if (status === "open" && d.opensAt?.getTime() !== found.value.opens_at?.getTime()) {
    return fail({ "opensAt.day": "This consultation is already open, so its opening date cannot change" }, 409);
  }
  const refErrors = await checkReferences(db, d);
  if (Object.keys(refErrors).length) return fail(refErrors);
  return db.transaction().execute(async (trx) => {
    await trx.updateTable("consultations").set({ ...detailColumns(d), updated_at: now }).where("id", "=", id).execute();
    await writeLinks(trx, id, d);
    await audit(trx, actor, "consultation.updated", `consultation:${id}`, {});
    return ok({ id });
  });
}

/** Warnings (not refusals) an officer should see: short consultation period. */
export function periodWarning(c: { opens_at: Date | null; closes_at: Date | null }, minLengthDays: number): string | null {
  if (!c.opens_at || !c.closes_at) return null;
  const days = (c.closes_at.getTime() - c.opens_at.getTime()) / DAY;
  if (days >= minLengthDays) return null;
  const weeks = minLengthDays % 7 === 0 ? `${minLengthDays / 7} weeks` : `${minLengthDays} days`;
  return `This consultation runs for ${Math.round(days * 10) / 10} days, which is shorter than the usual ${weeks}. Give residents adequate time, or record why a shorter period is fair.`;
}

/** What is missing before a consultation may be scheduled (the Gunning principles made concrete). */
export function readinessProblems(c: ConsultationRow, questionCount: number, now: Date): Record<string, string> {
  const problems: Record<string, string> = {};
  const need = (field: keyof ConsultationRow, key: string, message: string) => {
    if (!String(c[field] ?? "").trim()) problems[key] = message;
  };
  need("summary", "summary", "Add a summary");
  need("background", "background", "Add background information so people can give an intelligent response");
  need("proposal", "proposal", "Say what is proposed");
  need("no_decision_statement", "noDecisionStatement", "State that no decision has yet been taken");
  need("options_considered", "optionsConsidered", "Describe the options considered, with reasons for any rejected");
  need("who_is_consulted", "whoIsConsulted", "Say who is being consulted");
  need("how_responses_used", "howResponsesUsed", "Say how responses will be used");
  need("privacy_notice", "privacyNotice", "Add a privacy notice");
  need("contact", "contact", "Add a contact");
  if (!c.opens_at) problems["opensAt.day"] = "Set the opening date and time";
  else if (c.opens_at <= now) problems["opensAt.day"] = "The opening date must be in the future to schedule. Use “Open now” to open it at once";
  if (!c.closes_at) problems["closesAt.day"] = "Set the closing date and time";
  if (!c.whole_council && c.localityIds.length === 0) problems.localityIds = "Select the localities being consulted";
  if (questionCount === 0) problems._form = "Add at least one question before scheduling";
  return problems;
}
