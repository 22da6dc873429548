/**
 * Residents' responses: one per person per consultation, saved page by page, checked, submitted
 * with a reference number, editable or withdrawable until the close, read-only afterwards.
 * A response is always found by (consultation, signed-in person), never by an id from the form.
 */
import { randomInt } from "node:crypto";
import type { QueryCreator } from "kysely";
import type { Database } from "../../../db/client";
import type { DB } from "../../../db/schema";
import type { PublishConsent } from "../../../db/tables/consultations";
import { validate } from "../../lib/forms";
import { fail, ok, type FieldErrors, type Result } from "../../lib/result";
import { transact } from "../../lib/effects.server";
import { queueMessage } from "../notifications/outbox.server";
import { decide, type Actor } from "../permissions/permissions";
import { consultationFor, loadQuestionnaire, type ConsultationRow, type QuestionView, type SectionView } from "./consultations.server";
import { formatLondon } from "../../lib/london-time";
import { AGREE_SCALE, consentSchema, EQUALITY_QUESTIONS, equalitySchema, type EqualityField } from "./schema";
import { effectiveStatus } from "./transitions";

export const TAMPERED = "The form was changed before it was sent, so nothing was saved. Go back to the page and answer again.";

export interface Answer {
  optionIds: number[];
  text: string | null;
  number: number | null;
}

/** Why responding is not possible now, or null when the consultation is open. */
export function notOpenMessage(c: ConsultationRow, now: Date): string | null {
  const status = effectiveStatus(c, now);
  if (status === "open") return null;
  if (status === "draft" || status === "scheduled") return `This consultation is not open yet. It opens at ${formatLondon(c.opens_at)}.`;
  return `This consultation closed at ${formatLondon(c.closes_at)}. Responses can no longer be made or changed.`;
}

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export function newReference(consultationId: number): string {
  let code = "";
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `C${consultationId}-${code.slice(0, 4)}-${code.slice(4)}`;
}

async function mine(db: Database, actor: Actor, consultationId: number) {
  if (!actor.user) return undefined;
  return db.selectFrom("consultation_responses").selectAll().where("consultation_id", "=", consultationId).where("user_id", "=", actor.user.id).executeTakeFirst();
}

async function answersOf(db: Database, responseId: number): Promise<Map<number, Answer>> {
  const rows = await db.selectFrom("consultation_answers").select(["question_id", "option_ids", "text_value", "number_value"]).where("response_id", "=", responseId).execute();
  return new Map(rows.map((r) => [r.question_id, { optionIds: r.option_ids, text: r.text_value, number: r.number_value === null ? null : Number(r.number_value) }]));
}

/** The signed-in person's response (if any) with the questionnaire, for every respond page. */
export async function getMyResponse(db: Database, actor: Actor, consultationId: number, now = new Date()) {
  const allowed = decide(actor, "consultation.respond");
  if (!allowed.ok) return fail(allowed.message, 403);
  const found = await consultationFor(db, actor, consultationId, "consultation.respond");
  if (!found.ok) return found;
  const consultation = found.value;
  const status = effectiveStatus(consultation, now);
  if (status === "draft") return fail("There is no consultation at this address", 404);
  const [response, sections] = await Promise.all([mine(db, actor, consultationId), loadQuestionnaire(db, consultationId)]);
  const answers = response ? await answersOf(db, response.id) : new Map<number, Answer>();
  const equality = response
    ? await db.selectFrom("consultation_equality").selectAll().where("response_id", "=", response.id).executeTakeFirst()
    : undefined;
  return ok({
    consultation: { ...consultation, status },
    closedMessage: notOpenMessage(consultation, now),
    response: response ?? null,
    sections,
    answers,
    hasEquality: Boolean(equality),
    equality: equality ?? null,
  });
}

async function openConsultation(db: Database, actor: Actor, consultationId: number, now: Date): Promise<Result<ConsultationRow>> {
  const found = await consultationFor(db, actor, consultationId, "consultation.respond");
  if (!found.ok) return found;
  // As on the respond pages (getMyResponse): a draft does not exist for the people it will ask.
  if (effectiveStatus(found.value, now) === "draft") return fail("There is no consultation at this address", 404);
  const closed = notOpenMessage(found.value, now);
  if (closed) return fail(closed, 409);
  return found;
}

/** This person's response in progress, if the consultation is open and they have started one. */
async function myOpenResponse(db: Database, actor: Actor, consultationId: number, now: Date) {
  const found = await openConsultation(db, actor, consultationId, now);
  if (!found.ok) return found;
  const response = await mine(db, actor, consultationId);
  if (!response || response.status === "withdrawn") return fail("Start your response first", 409);
  return ok(response);
}

/** Start (or resume) this person's response. A withdrawn response can be started again. */
export async function startResponse(db: Database, actor: Actor, consultationId: number, now = new Date()): Promise<Result<{ responseId: number; reference: string }>> {
  const found = await openConsultation(db, actor, consultationId, now);
  if (!found.ok) return found;
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("consultation_responses")
      .values({ consultation_id: consultationId, user_id: actor.user!.id, locality_id: actor.user!.homeLocalityId, reference: newReference(consultationId), started_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(["consultation_id", "user_id"]).doNothing())
      .returning(["id", "reference"])
      .executeTakeFirst();
    if (inserted) return ok({ responseId: inserted.id, reference: inserted.reference });
    const existing = (await mine(trx, actor, consultationId))!;
    if (existing.status === "withdrawn") {
      await trx.updateTable("consultation_responses").set({ status: "draft", withdrawn_at: null, updated_at: now }).where("id", "=", existing.id).execute();
    }
    return ok({ responseId: existing.id, reference: existing.reference });
  });
}

/** Read one question's answer from the form; an error message, TAMPERED, or the answer (null = blank). */
export function readAnswer(q: QuestionView, input: Record<string, unknown>): { answer: Answer | null } | { error: string } {
  const raw = input[`q${q.id}`];
  const one = (v: unknown) => (typeof v === "string" ? v.trim() : Array.isArray(v) ? String(v[0] ?? "").trim() : "");
  const optionIds = new Set(q.options.map((o) => o.id));
  switch (q.kind) {
    case "single_choice": {
      const v = one(raw);
      if (!v) return { answer: null };
      const id = Number(v);
      if (!optionIds.has(id)) return { error: TAMPERED };
      return { answer: { optionIds: [id], text: null, number: null } };
    }
    case "multiple_choice": {
      const values = (Array.isArray(raw) ? raw : raw === undefined || raw === "" ? [] : [raw]).map((v) => Number(v));
      if (values.some((id) => !optionIds.has(id)) || new Set(values).size !== values.length) return { error: TAMPERED };
      return { answer: values.length ? { optionIds: values, text: null, number: null } : null };
    }
    case "agree_scale": {
      const v = one(raw);
      if (!v) return { answer: null };
      const n = Number(v);
      if (!AGREE_SCALE.some((s) => s.value === n)) return { error: TAMPERED };
      return { answer: { optionIds: [], text: null, number: n } };
    }
    case "free_text": {
      const v = typeof raw === "string" ? raw.replace(/\r\n/g, "\n").trim() : "";
      if (!v) return { answer: null };
      const limit = q.maxLength ?? 2000;
      if (v.length > limit) return { error: `Your answer must be ${limit} characters or fewer (it is ${v.length})` };
      return { answer: { optionIds: [], text: v, number: null } };
    }
    case "number": {
      const v = one(raw).replace(/,/g, "");
      if (!v) return { answer: null };
      const n = Number(v);
      if (!/^-?\d+(\.\d+)?$/.test(v) || !Number.isFinite(n)) return { error: "Enter a number, like 12" };
      if (q.minNumber !== null && n < q.minNumber) return { error: `Enter a number that is ${q.minNumber} or more` };
      if (q.maxNumber !== null && n > q.maxNumber) return { error: `Enter a number that is ${q.maxNumber} or less` };
      return { answer: { optionIds: [], text: null, number: n } };
    }
    case "ranking": {
      // One select per option: q{id}_o{optionId} = its rank (1 = most important). Blank = not ranked.
      const ranks: { id: number; rank: number }[] = [];
      for (const o of q.options) {
        const v = one(input[`q${q.id}_o${o.id}`]);
        if (!v) continue;
        const rank = Number(v);
        if (!Number.isInteger(rank) || rank < 1 || rank > q.options.length) return { error: TAMPERED };
        ranks.push({ id: o.id, rank });
      }
      if (!ranks.length) return { answer: null };
      if (ranks.length !== q.options.length) return { error: "Give every option a rank, or leave them all blank" };
      if (new Set(ranks.map((r) => r.rank)).size !== ranks.length) return { error: "Give each option a different rank" };
      return { answer: { optionIds: ranks.sort((a, b) => a.rank - b.rank).map((r) => r.id), text: null, number: null } };
    }
  }
}

const requiredMessage = (q: QuestionView) =>
  q.kind === "free_text" || q.kind === "number"
    ? `Enter an answer to “${q.prompt}”`
    : q.kind === "ranking"
      ? `Rank the options for “${q.prompt}”`
      : `Select an answer to “${q.prompt}”`;

/** Every question field the form sent must belong to this section: anything else is tampering. */
function foreignFields(section: SectionView, input: Record<string, unknown>): boolean {
  const known = new Set<string>();
  for (const q of section.questions) {
    known.add(`q${q.id}`);
    for (const o of q.options) known.add(`q${q.id}_o${o.id}`);
  }
  return Object.keys(input).some((k) => /^q\d/.test(k) && !known.has(k));
}

/**
 * Save the answers on one page. `checkRequired` (Continue) reports missing required answers;
 * "Save and come back later" saves what is there. Tampered fields store nothing at all.
 */
export async function saveSection(
  db: Database,
  actor: Actor,
  consultationId: number,
  sectionPosition: number,
  input: Record<string, unknown>,
  options: { checkRequired: boolean },
  now = new Date(),
): Promise<Result<{ nextSection: number | null }>> {
  const [found, sections] = await Promise.all([myOpenResponse(db, actor, consultationId, now), loadQuestionnaire(db, consultationId)]);
  if (!found.ok) return found;
  const response = found.value;
  const index = sections.findIndex((s) => s.position === sectionPosition);
  const section = sections[index];
  if (!section) return fail("That page of the questionnaire does not exist", 404);
  if (foreignFields(section, input)) return fail(TAMPERED, 400);
  const errors: FieldErrors = {};
  const answers = new Map<number, Answer | null>();
  for (const q of section.questions) {
    const read = readAnswer(q, input);
    if ("error" in read) {
      if (read.error === TAMPERED) return fail(TAMPERED, 400);
      errors[`q${q.id}`] = read.error;
      continue;
    }
    if (!read.answer && q.required && options.checkRequired) errors[`q${q.id}`] = requiredMessage(q);
    answers.set(q.id, read.answer);
  }
  if (Object.keys(errors).length) return fail(errors, 400);
  // One statement (so no transaction): clear the blank answers, upsert the given ones, touch the response.
  const given = [...answers].flatMap(([questionId, a]) => (a ? [{ response_id: response.id, question_id: questionId, option_ids: a.optionIds, text_value: a.text, number_value: a.number }] : []));
  const blank = [...answers].flatMap(([questionId, a]) => (a ? [] : [questionId]));
  let write: QueryCreator<DB> = db;
  if (blank.length) write = write.with("cleared", (q) => q.deleteFrom("consultation_answers").where("response_id", "=", response.id).where("question_id", "in", blank)) as unknown as QueryCreator<DB>;
  if (given.length) {
    write = write.with("saved", (q) =>
      q
        .insertInto("consultation_answers")
        .values(given)
        .onConflict((oc) => oc.columns(["response_id", "question_id"]).doUpdateSet((eb) => ({ option_ids: eb.ref("excluded.option_ids"), text_value: eb.ref("excluded.text_value"), number_value: eb.ref("excluded.number_value") }))),
    ) as unknown as QueryCreator<DB>;
  }
  await write.updateTable("consultation_responses").set({ updated_at: now }).where("id", "=", response.id).execute();
  return ok({ nextSection: sections[index + 1]?.position ?? null });
}

export async function setConsent(db: Database, actor: Actor, consultationId: number, input: unknown, now = new Date()): Promise<Result<{ consent: PublishConsent }>> {
  const response = await myOpenResponse(db, actor, consultationId, now);
  if (!response.ok) return response;
  const parsed = validate(consentSchema, input);
  if (!parsed.ok) return parsed;
  await db.updateTable("consultation_responses").set({ consent: parsed.value.consent, updated_at: now }).where("id", "=", response.value.id).execute();
  return ok({ consent: parsed.value.consent });
}

/** Optional equality monitoring, kept in its own table. Blank everywhere = nothing stored. */
export async function saveEquality(db: Database, actor: Actor, consultationId: number, input: unknown, now = new Date()): Promise<Result<null>> {
  const found = await myOpenResponse(db, actor, consultationId, now);
  if (!found.ok) return found;
  const response = found.value;
  const parsed = validate(equalitySchema, input);
  if (!parsed.ok) return parsed;
  const columns = Object.fromEntries(
    (Object.keys(EQUALITY_QUESTIONS) as EqualityField[]).map((f) => [EQUALITY_QUESTIONS[f].column, parsed.value[f] ?? null]),
  ) as Record<(typeof EQUALITY_QUESTIONS)[EqualityField]["column"], string | null>;
  await db.transaction().execute(async (trx) => {
    if (Object.values(columns).every((v) => v === null)) {
      await trx.deleteFrom("consultation_equality").where("response_id", "=", response.id).execute();
      return;
    }
    await trx
      .insertInto("consultation_equality")
      .values({ response_id: response.id, consultation_id: consultationId, ...columns })
      .onConflict((oc) => oc.column("response_id").doUpdateSet(columns))
      .execute();
  });
  return ok(null);
}

/** Required answers still missing, keyed to the page to fix them on. */
export function missingAnswers(sections: SectionView[], answers: Map<number, Answer>) {
  return sections.flatMap((s) => s.questions.filter((q) => q.required && !answers.has(q.id)).map((q) => ({ section: s.position, questionId: q.id, message: requiredMessage(q) })));
}

export async function submitResponse(db: Database, actor: Actor, consultationId: number, now = new Date()): Promise<Result<{ reference: string }>> {
  const found = await myOpenResponse(db, actor, consultationId, now);
  if (!found.ok) return found;
  const response = found.value;
  const [sections, answers] = await Promise.all([loadQuestionnaire(db, consultationId), answersOf(db, response.id)]);
  const errors: FieldErrors = {};
  for (const m of missingAnswers(sections, answers)) errors[`q${m.questionId}`] = m.message;
  if (!response.consent) errors.consent = "Select whether we may publish your response";
  if (Object.keys(errors).length) return fail(errors, 400);
  // One transaction: the response is submitted and its receipt is in the outbox, or neither.
  return transact(db, async (trx) => {
    await trx
      .updateTable("consultation_responses")
      .set({ status: "submitted", submitted_at: response.submitted_at ?? now, updated_at: now })
      .where("id", "=", response.id)
      .execute();
    const consultation = await trx.selectFrom("consultations").select("title").where("id", "=", consultationId).executeTakeFirstOrThrow();
    const effects = await queueMessage(trx, {
      eventKey: `receipt:response:${response.id}:${(response.submitted_at ?? now).toISOString()}`,
      to: actor.user!.email,
      ...responseReceipt(consultation.title, response.reference, sections, answers),
      link: `/consultations/${consultationId}`,
    });
    return ok({ reference: response.reference }, effects);
  });
}

/** The receipt e-mail: the reference and a copy of the person's own answers (nobody else's). */
export function responseReceipt(title: string, reference: string, sections: SectionView[], answers: Map<number, Answer>) {
  const copy = sections.flatMap((s) => [`## ${s.title}`, ...s.questions.map((q) => `${q.prompt}\n${describeAnswer(q, answers.get(q.id))}`)]);
  return {
    subject: `Your response to “${title}” (reference ${reference})`,
    body: [`Thank you for responding to “${title}”.`, `Your reference is ${reference}. Quote it if you contact us about your response.`, "A copy of your answers:", ...copy].join("\n\n"),
  };
}

/** Withdraw: the answers and equality data are deleted; the person may start again while it is open. */
export async function withdrawResponse(db: Database, actor: Actor, consultationId: number, now = new Date()): Promise<Result<null>> {
  const found = await openConsultation(db, actor, consultationId, now);
  if (!found.ok) return found;
  const response = await mine(db, actor, consultationId);
  if (!response || response.status === "withdrawn") return fail("You have no response to withdraw", 409);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("consultation_answers").where("response_id", "=", response.id).execute();
    await trx.deleteFrom("consultation_equality").where("response_id", "=", response.id).execute();
    await trx
      .updateTable("consultation_responses")
      .set({ status: "withdrawn", withdrawn_at: now, submitted_at: null, consent: null, updated_at: now })
      .where("id", "=", response.id)
      .execute();
  });
  return ok(null);
}

/** How an answer reads on check-your-answers and elsewhere. */
export function describeAnswer(q: QuestionView, a: Answer | undefined): string {
  if (!a) return "Not answered";
  const label = (id: number) => q.options.find((o) => o.id === id)?.label ?? "(removed option)";
  switch (q.kind) {
    case "single_choice":
    case "multiple_choice":
      return a.optionIds.map(label).join(", ");
    case "ranking":
      return a.optionIds.map((id, i) => `${i + 1}. ${label(id)}`).join("; ");
    case "agree_scale":
      return AGREE_SCALE.find((s) => s.value === a.number)?.label ?? String(a.number);
    case "number":
      return String(a.number);
    case "free_text":
      return a.text ?? "";
  }
}

export interface MyResponseSummary {
  consultationId: number;
  consultationTitle: string;
  status: "draft" | "submitted";
  reference: string;
  submittedAt: Date | null;
  updatedAt: Date;
}

/**
 * The signed-in person's responses that still exist (drafts and sent ones, not withdrawn), newest
 * first; `consultationId` narrows it to one consultation (its page says "You responded on …").
 */
export async function myResponses(db: Database, actor: Actor, filter: { consultationId?: number } = {}): Promise<MyResponseSummary[]> {
  if (!actor.user) return [];
  let query = db
    .selectFrom("consultation_responses as r")
    .innerJoin("consultations as c", "c.id", "r.consultation_id")
    .select(["r.consultation_id", "c.title", "r.status", "r.reference", "r.submitted_at", "r.updated_at"])
    .where("r.user_id", "=", actor.user.id)
    .where("r.status", "!=", "withdrawn")
    .where("r.anonymised_at", "is", null);
  if (filter.consultationId !== undefined) query = query.where("r.consultation_id", "=", filter.consultationId);
  const rows = await query.orderBy("r.updated_at", "desc").execute();
  return rows.map((r) => ({
    consultationId: r.consultation_id,
    consultationTitle: r.title,
    status: r.status as "draft" | "submitted",
    reference: r.reference,
    submittedAt: r.submitted_at,
    updatedAt: r.updated_at,
  }));
}
