/**
 * Consultations, officer side: details (with the Gunning principles), localities, linked
 * outcomes, ordered sections and questions, the state changes and the clock that opens and
 * closes consultations at their set times. Public reads for the hub and the consultation page.
 */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import type { ConsultationStatus } from "../../../db/tables/consultations";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { ANYWHERE, COUNCIL, decide, type Action, type Actor, type Target } from "../permissions/permissions";
import type { OpenThing, WhatsOpenProvider } from "../whats-open/whats-open.server";
import { pauseFeedOf } from "../feeds/feeds.server";
import type { Effect, EffectSink } from "../../lib/effects";
import { settle, transact } from "../../lib/effects.server";
import { formatLondon } from "./london-time";
import { consultationDetailsSchema, questionSchema, QUESTIONS_LOCKED, sectionSchema, type ConsultationDetails } from "./schema";
export { QUESTIONS_LOCKED };
import { canMove, dueMoves, effectiveStatus, illegalMoveMessage, isClosed } from "./transitions";
import { isRowId } from "../../lib/ids";

const DAY = 24 * 60 * 60 * 1000;

export async function getSettings(db: Database) {
  return db.selectFrom("consultation_settings").selectAll().where("id", "=", 1).executeTakeFirstOrThrow();
}

/** Who may manage a consultation: officers of all its localities, or council-wide officers. */
export function targetOf(c: { whole_council: boolean; localityIds: number[] }): Target {
  return c.whole_council || c.localityIds.length === 0 ? COUNCIL : { kind: "localities", localityIds: c.localityIds };
}

async function findRow(db: Database, id: number) {
  if (!isRowId(id)) return undefined;
  const row = await db.selectFrom("consultations").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  const localities = await db
    .selectFrom("consultation_localities as cl")
    .innerJoin("localities as l", "l.id", "cl.locality_id")
    .select(["l.id", "l.name", "l.slug"])
    .where("cl.consultation_id", "=", id)
    .orderBy("l.name")
    .execute();
  return { ...row, localities, localityIds: localities.map((l) => l.id) };
}
export type ConsultationRow = NonNullable<Awaited<ReturnType<typeof findRow>>>;

/** The consultation if this actor may do `action` to it (404 if missing, 403 if not allowed). */
export async function consultationFor(db: Database, actor: Actor, id: number, action: Action | Action[]): Promise<Result<ConsultationRow>> {
  const row = await findRow(db, id);
  if (!row) return fail("There is no consultation at this address", 404);
  const decisions = (Array.isArray(action) ? action : [action]).map((a) => decide(actor, a, targetOf(row)));
  const refused = decisions.find((d) => !d.ok);
  if (refused && !decisions.some((d) => d.ok)) return fail(refused.message, 403);
  return ok(row);
}

export interface QuestionView {
  id: number;
  sectionId: number;
  position: number;
  kind: import("../../../db/tables/consultations").QuestionKind;
  prompt: string;
  helpText: string;
  required: boolean;
  maxLength: number | null;
  minNumber: number | null;
  maxNumber: number | null;
  options: { id: number; label: string }[];
}
export interface SectionView {
  id: number;
  position: number;
  title: string;
  intro: string;
  questions: QuestionView[];
}

/** The questionnaire: sections in order, each with its questions and their options in order. */
export async function loadQuestionnaire(db: Database, consultationId: number): Promise<SectionView[]> {
  const [sections, questions, options] = await Promise.all([
    db.selectFrom("consultation_sections").selectAll().where("consultation_id", "=", consultationId).orderBy("position").orderBy("id").execute(),
    db.selectFrom("consultation_questions").selectAll().where("consultation_id", "=", consultationId).orderBy("position").orderBy("id").execute(),
    db
      .selectFrom("consultation_question_options as o")
      .innerJoin("consultation_questions as q", "q.id", "o.question_id")
      .select(["o.id", "o.question_id", "o.label"])
      .where("q.consultation_id", "=", consultationId)
      .orderBy("o.position")
      .orderBy("o.id")
      .execute(),
  ]);
  const bySection = new Map<number, SectionView>(sections.map((s) => [s.id, { id: s.id, position: s.position, title: s.title, intro: s.intro, questions: [] }]));
  const byQuestion = new Map<number, QuestionView>();
  for (const q of questions) {
    const view: QuestionView = {
      id: q.id,
      sectionId: q.section_id,
      position: q.position,
      kind: q.kind,
      prompt: q.prompt,
      helpText: q.help_text,
      required: q.required,
      maxLength: q.max_length,
      minNumber: q.min_number === null ? null : Number(q.min_number),
      maxNumber: q.max_number === null ? null : Number(q.max_number),
      options: [],
    };
    byQuestion.set(q.id, view);
    bySection.get(q.section_id)?.questions.push(view);
  }
  for (const o of options) byQuestion.get(o.question_id)?.options.push({ id: o.id, label: o.label });
  return [...bySection.values()];
}

/** The consultation as this actor may see it (drafts only to its managers), with its status now. */
export async function visibleConsultation(db: Database, actor: Actor, id: number, now = new Date()) {
  const row = await findRow(db, id);
  if (!row) return fail("There is no consultation at this address", 404);
  const status = effectiveStatus(row, now);
  const mayManage = decide(actor, "consultation.manage", targetOf(row)).ok;
  if (status === "draft" && !mayManage) return fail("There is no consultation at this address", 404);
  return ok({ consultation: { ...row, status, storedStatus: row.status }, mayManage });
}

/** Everything the public consultation page shows (drafts are not public). */
export async function getConsultationPage(db: Database, actor: Actor, id: number, now = new Date()) {
  const visible = await visibleConsultation(db, actor, id, now);
  if (!visible.ok) return visible;
  const { consultation, mayManage } = visible.value;
  const [outcomes, documents, sections] = await Promise.all([
    db
      .selectFrom("consultation_outcomes as co")
      .innerJoin("outcome_nodes as n", "n.id", "co.outcome_node_id")
      .select(["n.id", "n.title", "n.kind"])
      .where("co.consultation_id", "=", id)
      .orderBy("n.id")
      .execute(),
    db.selectFrom("consultation_documents").select(["id", "title", "url", "file_name", "media_type", "size_bytes"]).where("consultation_id", "=", id).orderBy("id").execute(),
    loadQuestionnaire(db, id),
  ]);
  return ok({ consultation, outcomes, documents, sections, mayManage });
}

export function statusHistory(db: Database, consultationId: number) {
  return db
    .selectFrom("consultation_status_changes as s")
    .leftJoin("users as u", "u.id", "s.changed_by")
    .select(["s.id", "s.from_status", "s.to_status", "s.at", "s.reason", "u.display_name as changed_by_name"])
    .where("s.consultation_id", "=", consultationId)
    .orderBy("s.at")
    .orderBy("s.id")
    .execute();
}

// ---------------------------------------------------------------- the public hub

export type HubStatus = "open" | "upcoming" | "closed";

/** Open, upcoming and closed consultations, filtered by locality, status and full-text search. */
export async function listHub(db: Database, filter: { q: string | null; localityId: number | null; status?: HubStatus; now?: Date }) {
  const now = filter.now ?? new Date();
  let query = db
    .selectFrom("consultations as c")
    .select([
      "c.id",
      "c.title",
      "c.summary",
      "c.status",
      "c.opens_at",
      "c.closes_at",
      "c.whole_council",
      sql<string[]>`coalesce((SELECT array_agg(l.name ORDER BY l.name) FROM consultation_localities cl JOIN localities l ON l.id = cl.locality_id WHERE cl.consultation_id = c.id), '{}')`.as("locality_names"),
    ])
    .where("c.status", "!=", "draft");
  if (filter.localityId) {
    const localityId = filter.localityId;
    query = query.where((eb) =>
      eb.or([
        eb("c.whole_council", "=", true),
        eb.exists(eb.selectFrom("consultation_localities as cl").select("cl.locality_id").whereRef("cl.consultation_id", "=", "c.id").where("cl.locality_id", "=", localityId)),
      ]),
    );
  }
  if (filter.q) query = query.where(sql<boolean>`c.search @@ websearch_to_tsquery('english', ${filter.q})`);
  if (filter.status === "open") query = query.where((eb) => eb.and([eb("c.status", "in", ["scheduled", "open"]), eb("c.opens_at", "<=", now), eb("c.closes_at", ">", now)]));
  if (filter.status === "upcoming") query = query.where("c.status", "=", "scheduled").where("c.opens_at", ">", now);
  if (filter.status === "closed") query = query.where((eb) => eb.or([eb("c.status", "in", ["closed", "results_published"]), eb("c.closes_at", "<=", now)]));
  if (filter.q) query = query.orderBy(sql`ts_rank(c.search, websearch_to_tsquery('english', ${filter.q}))`, "desc");
  const rows = await query.orderBy("c.closes_at", "desc").orderBy("c.id", "desc").limit(200).execute();
  return rows.map((r) => ({ ...r, status: effectiveStatus(r, now) }));
}

/** Open consultations for "Open now" on the home and locality pages. */
export const consultationsOpenNow: WhatsOpenProvider = {
  kind: "Consultation",
  async list(db, { localityId, now }): Promise<OpenThing[]> {
    const rows = await listHub(db, { q: null, localityId, status: "open", now });
    return rows
      .sort((a, b) => (a.closes_at?.getTime() ?? 0) - (b.closes_at?.getTime() ?? 0))
      .map((r) => ({
        kind: "Consultation",
        title: r.title,
        href: `/consultations/${r.id}`,
        detail: `Closes ${formatLondon(r.closes_at)}`,
        localityNames: r.whole_council ? ["Whole council"] : r.locality_names,
      }));
  },
};

// ---------------------------------------------------------------- officer: details

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

/**
 * Record a change of state. Closing makes the consultation's discussion read-only (its feed is
 * paused in the same transaction); returns the pause's broadcast, to go out with the command's result.
 */
async function recordMove(db: Database, id: number, from: ConsultationStatus, to: ConsultationStatus, changedBy: number | null, reason: string, at: Date): Promise<Effect[]> {
  await db.updateTable("consultations").set({ status: to, updated_at: at }).where("id", "=", id).execute();
  await db.insertInto("consultation_status_changes").values({ consultation_id: id, from_status: from, to_status: to, changed_by: changedBy, reason, at }).execute();
  return to === "closed" ? pauseFeedOf(db, { kind: "consultation", id }) : [];
}

/** Record the opening/closing that the clock has made due, for one consultation (inside a transaction). */
export async function catchUp(db: Database, c: { id: number; status: ConsultationStatus; opens_at: Date | null; closes_at: Date | null }, now: Date): Promise<{ status: ConsultationStatus; effects: Effect[] }> {
  let status = c.status;
  const effects: Effect[] = [];
  for (const to of dueMoves(c, now)) {
    const at = to === "open" ? c.opens_at! : c.closes_at!;
    effects.push(...(await recordMove(db, c.id, status, to, null, to === "open" ? "Opened at the set time" : "Closed at the set time", at)));
    status = to;
  }
  return { status, effects };
}

/**
 * Record now what the clock would record at its next tick for one consultation (a page that is
 * about to let people write, e.g. its discussion, must not wait up to a minute for the close).
 * Returns the effects of what it recorded (the discussion's pause).
 */
export async function recordDueMoves(db: Database, id: number, now = new Date()): Promise<Effect[]> {
  const done = await transact(db, async (trx) => {
    const c = await trx.selectFrom("consultations").select(["id", "status", "opens_at", "closes_at"]).where("id", "=", id).forUpdate().executeTakeFirst();
    return ok(null, c ? (await catchUp(trx, c, now)).effects : []);
  });
  return (done.ok && done.effects?.slice()) || [];
}

/**
 * The clock: opens and closes every consultation whose time has come. The server runs it every
 * minute (`startConsultationClock`); pages never depend on it having run, because they read
 * `effectiveStatus`. Returns how many consultations moved, with the effects to settle.
 */
export async function advanceConsultations(db: Database, now = new Date()): Promise<Result<{ moved: number }>> {
  return transact(db, async (trx) => {
    const due = await trx
      .selectFrom("consultations")
      .select(["id", "status", "opens_at", "closes_at"])
      .where((eb) => eb.or([eb.and([eb("status", "=", "scheduled"), eb("opens_at", "<=", now)]), eb.and([eb("status", "=", "open"), eb("closes_at", "<=", now)])]))
      .forUpdate()
      .skipLocked()
      .execute();
    const effects: Effect[] = [];
    for (const c of due) effects.push(...(await catchUp(trx, c, now)).effects);
    return ok({ moved: due.length }, effects);
  });
}

/** Run the clock every minute; returns a stop function. Call from server.ts after start-up. */
export function startConsultationClock(db: Database, bus: EffectSink | null, onError: (error: unknown) => void = console.error, everyMs = 60_000): () => void {
  const tick = () => void (bus ? settle(bus, advanceConsultations(db, new Date())) : advanceConsultations(db, new Date())).catch(onError);
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

export type OfficerMove = "schedule" | "unschedule" | "open_now" | "close_now";

/** Officer state changes. Every move is checked against TRANSITIONS and recorded with who and when. */
export async function changeStatus(db: Database, actor: Actor, id: number, move: OfficerMove, now = new Date()): Promise<Result<{ status: ConsultationStatus }>> {
  const found = await consultationFor(db, actor, id, "consultation.manage");
  if (!found.ok) return found;
  // One transaction: a refused move rolls back the catch-up too, so no close is ever committed
  // without its broadcast (the clock or the next page view records it again).
  return transact(db, async (trx) => {
    const locked = await trx.selectFrom("consultations").select(["id", "status", "opens_at", "closes_at"]).where("id", "=", id).forUpdate().executeTakeFirstOrThrow();
    const caughtUp = await catchUp(trx, locked, now);
    const current = caughtUp.status;
    const effects = caughtUp.effects;
    const c = { ...found.value, ...locked, status: current };
    const to: ConsultationStatus = move === "schedule" ? "scheduled" : move === "unschedule" ? "draft" : move === "open_now" ? "open" : "closed";
    if (!canMove(current, to)) return fail(illegalMoveMessage(current, to), 409);
    const userId = actor.user!.id;
    if (move === "schedule") {
      const questions = await trx.selectFrom("consultation_questions").select((eb) => eb.fn.countAll<number>().as("n")).where("consultation_id", "=", id).executeTakeFirstOrThrow();
      const problems = readinessProblems(c, Number(questions.n), now);
      if (Object.keys(problems).length) return fail(problems, 409);
      effects.push(...(await recordMove(trx, id, current, to, userId, "Scheduled by an officer", now)));
    } else if (move === "open_now") {
      if (c.closes_at && c.closes_at <= now) return fail("The closing date has passed. Change it before opening", 409);
      if (current === "draft") {
        // opening a draft at once: it must be ready, except that its opening time becomes now
        const questions = await trx.selectFrom("consultation_questions").select((eb) => eb.fn.countAll<number>().as("n")).where("consultation_id", "=", id).executeTakeFirstOrThrow();
        const { ["opensAt.day"]: _opening, ...problems } = readinessProblems(c, Number(questions.n), now);
        if (Object.keys(problems).length) return fail(problems, 409);
      }
      await trx.updateTable("consultations").set({ opens_at: now }).where("id", "=", id).execute();
      effects.push(...(await recordMove(trx, id, current, to, userId, "Opened early by an officer", now)));
    } else if (move === "close_now") {
      await trx.updateTable("consultations").set({ closes_at: now }).where("id", "=", id).execute();
      effects.push(...(await recordMove(trx, id, current, to, userId, "Closed early by an officer", now)));
    } else {
      effects.push(...(await recordMove(trx, id, current, to, userId, "Returned to draft by an officer", now)));
    }
    await audit(trx, actor, `consultation.${to}`, `consultation:${id}`, { from: current });
    return ok({ status: to }, effects);
  });
}

// ---------------------------------------------------------------- officer: questions

export async function responseCount(db: Database, consultationId: number): Promise<number> {
  const row = await db.selectFrom("consultation_responses").select((eb) => eb.fn.countAll<number>().as("n")).where("consultation_id", "=", consultationId).executeTakeFirstOrThrow();
  return Number(row.n);
}


async function editableQuestionnaire(db: Database, actor: Actor, id: number): Promise<Result<ConsultationRow>> {
  const found = await consultationFor(db, actor, id, "consultation.manage");
  if (!found.ok) return found;
  if (await questionsLocked(db, found.value)) return fail(QUESTIONS_LOCKED, 409);
  return found;
}

/** Questions can no longer change once the consultation has closed or anyone has started responding. */
export async function questionsLocked(db: Database, c: { id: number; status: ConsultationStatus }): Promise<boolean> {
  return isClosed(c.status) || (await responseCount(db, c.id)) > 0;
}

export async function addSection(db: Database, actor: Actor, consultationId: number, input: unknown): Promise<Result<{ id: number }>> {
  const found = await editableQuestionnaire(db, actor, consultationId);
  if (!found.ok) return found;
  const parsed = validate(sectionSchema, input);
  if (!parsed.ok) return parsed;
  return db.transaction().execute(async (trx) => {
    const last = await trx.selectFrom("consultation_sections").select((eb) => eb.fn.max("position").as("p")).where("consultation_id", "=", consultationId).executeTakeFirst();
    const row = await trx
      .insertInto("consultation_sections")
      .values({ consultation_id: consultationId, position: Number(last?.p ?? 0) + 1, title: parsed.value.title, intro: parsed.value.intro })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, actor, "consultation.section_added", `consultation:${consultationId}`, { sectionId: row.id });
    return ok({ id: row.id });
  });
}

export async function addQuestion(db: Database, actor: Actor, consultationId: number, input: unknown): Promise<Result<{ id: number }>> {
  const checked = await checkedQuestion(db, actor, consultationId, input);
  if (!checked.ok) return checked;
  const q = checked.value;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("consultation_questions")
      .values({ consultation_id: consultationId, section_id: q.sectionId, position: await nextPosition(trx, q.sectionId), ...questionColumns(q) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeOptions(trx, row.id, q);
    await audit(trx, actor, "consultation.question_added", `consultation:${consultationId}`, { questionId: row.id });
    return ok({ id: row.id });
  });
}

type QuestionInput = import("zod").output<typeof questionSchema>;

/** A question for this consultation's questionnaire: still editable, valid, on one of its pages. */
async function checkedQuestion(db: Database, actor: Actor, consultationId: number, input: unknown): Promise<Result<QuestionInput>> {
  const found = await editableQuestionnaire(db, actor, consultationId);
  if (!found.ok) return found;
  const parsed = validate(questionSchema, input);
  if (!parsed.ok) return parsed;
  const section = await db.selectFrom("consultation_sections").select("id").where("id", "=", parsed.value.sectionId).where("consultation_id", "=", consultationId).executeTakeFirst();
  if (!section) return fail({ sectionId: "Select a section of this consultation" });
  return parsed;
}

/** The stored columns of a validated question (limits only for the kinds they apply to). */
const questionColumns = (q: QuestionInput) => ({
  kind: q.kind,
  prompt: q.prompt,
  help_text: q.helpText,
  required: q.required,
  max_length: q.kind === "free_text" ? (q.maxLength ?? 2000) : null,
  min_number: q.kind === "number" ? q.minNumber : null,
  max_number: q.kind === "number" ? q.maxNumber : null,
});

async function nextPosition(db: Database, sectionId: number): Promise<number> {
  const last = await db.selectFrom("consultation_questions").select((eb) => eb.fn.max("position").as("p")).where("section_id", "=", sectionId).executeTakeFirst();
  return Number(last?.p ?? 0) + 1;
}

/** Replace a question's options with the validated ones (choice and ranking kinds only). */
async function writeOptions(db: Database, questionId: number, q: QuestionInput) {
  await db.deleteFrom("consultation_question_options").where("question_id", "=", questionId).execute();
  if (["single_choice", "multiple_choice", "ranking"].includes(q.kind)) {
    await db.insertInto("consultation_question_options").values(q.options.map((label, i) => ({ question_id: questionId, position: i + 1, label }))).execute();
  }
}

/** A question as its change form starts, or null when it is not in this consultation. */
export async function questionFormValues(db: Database, consultationId: number, questionId: number): Promise<Record<string, string> | null> {
  return isRowId(questionId) ? questionValues(await loadQuestionnaire(db, consultationId), questionId) : null;
}

/** The change form's values for one question of a loaded questionnaire, or null when it has none such. */
export function questionValues(sections: SectionView[], questionId: number): Record<string, string> | null {
  const q = sections.flatMap((s) => s.questions).find((x) => x.id === questionId);
  if (!q) return null;
  return {
    sectionId: String(q.sectionId),
    kind: q.kind,
    prompt: q.prompt,
    helpText: q.helpText,
    required: q.required ? "yes" : "",
    options: q.options.map((o) => o.label).join("\n"),
    maxLength: q.maxLength === null ? "" : String(q.maxLength),
    minNumber: q.minNumber === null ? "" : String(q.minNumber),
    maxNumber: q.maxNumber === null ? "" : String(q.maxNumber),
  };
}

/**
 * Change a question (wording, type, options, limits, page) while no response exists. Moving it to
 * another page puts it last there. Options are replaced: safe because nobody has answered yet.
 */
export async function updateQuestion(db: Database, actor: Actor, consultationId: number, questionId: number, input: unknown): Promise<Result<null>> {
  const checked = await checkedQuestion(db, actor, consultationId, input);
  if (!checked.ok) return checked;
  const q = checked.value;
  return db.transaction().execute(async (trx) => {
    const current = isRowId(questionId)
      ? await trx.selectFrom("consultation_questions").select(["id", "section_id"]).where("id", "=", questionId).where("consultation_id", "=", consultationId).forUpdate().executeTakeFirst()
      : undefined;
    if (!current) return fail("That question does not exist", 404);
    const position = current.section_id === q.sectionId ? {} : { position: await nextPosition(trx, q.sectionId) };
    await trx.updateTable("consultation_questions").set({ section_id: q.sectionId, ...position, ...questionColumns(q) }).where("id", "=", questionId).execute();
    await writeOptions(trx, questionId, q);
    await audit(trx, actor, "consultation.question_changed", `consultation:${consultationId}`, { questionId });
    return ok(null);
  });
}

/** Move a question one place up or down within its page (before any response exists). */
export async function moveQuestion(db: Database, actor: Actor, consultationId: number, input: unknown): Promise<Result<null>> {
  const found = await editableQuestionnaire(db, actor, consultationId);
  if (!found.ok) return found;
  const questionId = Number((input as { questionId?: unknown } | null)?.questionId);
  const direction = (input as { direction?: unknown } | null)?.direction;
  if (!isRowId(questionId)) return fail("That question does not exist", 404);
  if (direction !== "up" && direction !== "down") return fail("Choose whether to move the question up or down");
  return db.transaction().execute(async (trx) => {
    const question = await trx
      .selectFrom("consultation_questions")
      .select(["id", "section_id", "position"])
      .where("id", "=", questionId)
      .where("consultation_id", "=", consultationId)
      .forUpdate()
      .executeTakeFirst();
    if (!question) return fail("That question does not exist", 404);
    const neighbour = await trx
      .selectFrom("consultation_questions")
      .select(["id", "position"])
      .where("section_id", "=", question.section_id)
      .where("position", direction === "up" ? "<" : ">", question.position)
      .orderBy("position", direction === "up" ? "desc" : "asc")
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    if (!neighbour) return fail(`This question is already the ${direction === "up" ? "first" : "last"} on its page`, 409);
    await trx.updateTable("consultation_questions").set({ position: neighbour.position }).where("id", "=", question.id).execute();
    await trx.updateTable("consultation_questions").set({ position: question.position }).where("id", "=", neighbour.id).execute();
    await audit(trx, actor, "consultation.question_moved", `consultation:${consultationId}`, { questionId, direction });
    return ok(null);
  });
}

export async function deleteQuestion(db: Database, actor: Actor, consultationId: number, input: unknown): Promise<Result<null>> {
  const found = await editableQuestionnaire(db, actor, consultationId);
  if (!found.ok) return found;
  const questionId = Number((input as { questionId?: unknown })?.questionId);
  if (!isRowId(questionId)) return fail("That question does not exist", 404);
  return db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom("consultation_questions").where("id", "=", questionId).where("consultation_id", "=", consultationId).executeTakeFirst();
    if (!gone.numDeletedRows) return fail("That question does not exist", 404);
    await audit(trx, actor, "consultation.question_removed", `consultation:${consultationId}`, { questionId });
    return ok(null);
  });
}
