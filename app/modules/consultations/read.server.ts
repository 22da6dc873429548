/**
 * Consultations: finding one and who may manage it, the questionnaire, the public consultation
 * page and the public hub.
 */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import { fail, ok, type Result } from "../../lib/result";
import { COUNCIL, decide, type Action, type Actor, type Target } from "../permissions/permissions";
import type { OpenThing, WhatsOpenProvider } from "../whats-open/provider.server";
import { splitByHome } from "../whats-open/split";
import { formatLondon } from "../../lib/london-time";
import { effectiveStatus } from "./transitions";
import { isRowId } from "../../lib/ids";

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
export async function listHub(db: Database, filter: { q: string | null; localityId: number | null; status?: HubStatus; now?: Date; markHome?: number }) {
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
    // in_home: whether the localityId filter with this locality would keep the row (the home page).
    .$if(filter.markHome !== undefined, (q) =>
      q.select(sql<boolean>`(c.whole_council OR EXISTS (SELECT 1 FROM consultation_localities cl WHERE cl.consultation_id = c.id AND cl.locality_id = ${filter.markHome!}))`.as("in_home")),
    )
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
  const rows = await query.orderBy("c.closes_at", "desc").orderBy("c.id", "desc").limit(HUB_LIMIT).execute();
  return rows.map((r) => ({ ...r, status: effectiveStatus(r, now) }));
}
const HUB_LIMIT = 200;

/** Open consultations for "Open now" on the home and locality pages. */
export const consultationsOpenNow: WhatsOpenProvider = {
  kind: "Consultation",
  async list(db, { localityId, now }): Promise<OpenThing[]> {
    return openNowThings(await listHub(db, { q: null, localityId, status: "open", now }));
  },
  async listWithHome(db, { home, now }) {
    const rows = await splitByHome(await listHub(db, { q: null, localityId: null, status: "open", now, markHome: home }), HUB_LIMIT, (r) => r.in_home === true, () =>
      listHub(db, { q: null, localityId: home, status: "open", now }),
    );
    return { all: openNowThings(rows.all), here: openNowThings(rows.here) };
  },
};

function openNowThings(rows: Awaited<ReturnType<typeof listHub>>): OpenThing[] {
  return rows
    .sort((a, b) => (a.closes_at?.getTime() ?? 0) - (b.closes_at?.getTime() ?? 0))
    .map((r) => ({
      kind: "Consultation",
      title: r.title,
      href: `/consultations/${r.id}`,
      detail: `Closes ${formatLondon(r.closes_at)}`,
      localityNames: r.whole_council ? ["Whole council"] : r.locality_names,
    }));
}
