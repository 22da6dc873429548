/**
 * What a board decision decides (`decision_subjects`): a commissioning review (its plan), a
 * consultation or a Right to Challenge expression of interest, and how — approves, approves
 * with amendments, rejects, or informs. Read both ways: the decision page lists its subjects,
 * a review's page lists the decisions about it.
 *
 * A decision recorded on an agenda item that carries a commissioning plan is linked to that plan
 * in the same transaction (`linkSubjectsOfAgendaItem`, called by the meetings module): a carried
 * motion approves it, a lost one rejects it, a decision without a vote only informs it. The clerk
 * may then say it approved with amendments, or link other subjects (`linkDecisionSubject`).
 */
import type { ExpressionBuilder } from "kysely";
import type { Database } from "../../../db/client";
import type { DB as DatabaseTables } from "../../../db/schema";
import type { DecisionRelation, DecisionSubjectKind } from "../../../db/tables/commissioning";
import { transact } from "../../lib/effects.server";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { toIsoDate } from "../calendar/days";
import { decide, type Actor } from "../permissions/permissions";
import { APPROVING } from "./rules";
import { decisionSubjectSchema } from "./schema";
import { SUBJECT_KIND_LABELS } from "./labels";

export { SUBJECT_KIND_LABELS };

function relationFor(motionStatus: string | null | undefined): DecisionRelation {
  if (motionStatus === "carried") return "approves";
  if (motionStatus === "lost") return "rejects";
  return "informs";
}

/**
 * Whether the agenda item being read carries a commissioning plan, as an expression the meetings
 * module selects with the item it reads anyway: a decision on an item without a plan then costs
 * no query here (most decisions are not about a plan).
 */
export function carriesPlan(eb: ExpressionBuilder<DatabaseTables, "agenda_items">) {
  return eb.exists(eb.selectFrom("commissioning_plan_submissions as ps").select("ps.review_id").whereRef("ps.agenda_item_id", "=", "agenda_items.id"));
}

/** Inside the meetings module's recordDecision transaction: link the plans this agenda item carries (only called when `carriesPlan`). */
export async function linkSubjectsOfAgendaItem(trx: Database, decisionId: number, agendaItemId: number, motionId: number | null, actor: Actor): Promise<void> {
  const plans = await trx.selectFrom("commissioning_plan_submissions").select("review_id").where("agenda_item_id", "=", agendaItemId).execute();
  if (!plans.length) return;
  const motion = motionId ? await trx.selectFrom("motions").select(["status", "amends_motion_id"]).where("id", "=", motionId).executeTakeFirst() : undefined;
  const relation = relationFor(motion?.status);
  await trx
    .insertInto("decision_subjects")
    .values(plans.map((p) => ({ decision_id: decisionId, subject_kind: "commissioning_review" as const, subject_id: p.review_id, relation, linked_by: actor.user?.id ?? null })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

async function subjectExists(db: Database, kind: DecisionSubjectKind, id: number): Promise<boolean> {
  const q =
    kind === "commissioning_review" ? db.selectFrom("commissioning_reviews").select("id").where("id", "=", id)
    : kind === "consultation" ? db.selectFrom("consultations").select("id").where("id", "=", id)
    : db.selectFrom("challenge_eois").select("id").where("id", "=", id);
  return Boolean(await q.executeTakeFirst());
}

/** The clerk of the deciding board links (or re-classifies) what a decision decides. */
export async function linkDecisionSubject(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(decisionSubjectSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return transact(db, async (trx) => {
    const decision = await trx
      .selectFrom("decisions as d")
      .innerJoin("meetings as m", "m.id", "d.meeting_id")
      .innerJoin("boards as b", "b.id", "m.board_id")
      .leftJoin("motions as mo", "mo.id", "d.motion_id")
      .select(["d.id", "m.board_id", "b.locality_id", "mo.status as motion_status"])
      .where("d.id", "=", v.decisionId)
      .executeTakeFirst();
    if (!decision) return fail({ decisionId: "Choose a decision from the register" }, 404);
    const allowed = decide(actor, "board.manage", { kind: "board", boardId: decision.board_id, localityId: decision.locality_id });
    if (!allowed.ok) return fail(allowed.message, 403);
    if (!(await subjectExists(trx, v.subjectKind, v.subjectId))) return fail({ subjectId: `There is no ${SUBJECT_KIND_LABELS[v.subjectKind].toLowerCase()} with that number` });
    if (APPROVING.includes(v.relation) && decision.motion_status === "lost") return fail({ relation: "The motion on this decision was lost: it cannot approve anything" });
    await trx
      .insertInto("decision_subjects")
      .values({ decision_id: decision.id, subject_kind: v.subjectKind, subject_id: v.subjectId, relation: v.relation, linked_by: actor.user!.id })
      .onConflict((oc) => oc.columns(["decision_id", "subject_kind", "subject_id"]).doUpdateSet({ relation: v.relation, linked_by: actor.user!.id, linked_at: new Date() }))
      .execute();
    await audit(trx, actor, "decision.subject_linked", `decision:${decision.id}`, { kind: v.subjectKind, id: v.subjectId, relation: v.relation });
    return ok(null);
  });
}

export interface DecisionSubject {
  kind: DecisionSubjectKind;
  id: number;
  title: string;
  href: string;
  relation: DecisionRelation;
}

/** What one decision decides, with titles and links. */
export async function subjectsOfDecision(db: Database, decisionId: number): Promise<DecisionSubject[]> {
  const rows = await db.selectFrom("decision_subjects").select(["subject_kind", "subject_id", "relation"]).where("decision_id", "=", decisionId).orderBy("linked_at").execute();
  const out: DecisionSubject[] = [];
  for (const r of rows) {
    if (r.subject_kind === "commissioning_review") {
      const s = await db.selectFrom("commissioning_reviews").select(["service_area", "cycle"]).where("id", "=", r.subject_id).executeTakeFirst();
      if (s) out.push({ kind: r.subject_kind, id: r.subject_id, relation: r.relation, title: `${s.service_area}${s.cycle > 1 ? ` (cycle ${s.cycle})` : ""}`, href: `/commissioning-reviews/${r.subject_id}` });
    } else if (r.subject_kind === "consultation") {
      const s = await db.selectFrom("consultations").select("title").where("id", "=", r.subject_id).executeTakeFirst();
      if (s) out.push({ kind: r.subject_kind, id: r.subject_id, relation: r.relation, title: s.title, href: `/consultations/${r.subject_id}` });
    } else {
      const s = await db.selectFrom("challenge_eois").select("title").where("id", "=", r.subject_id).executeTakeFirst();
      if (s) out.push({ kind: r.subject_kind, id: r.subject_id, relation: r.relation, title: s.title || `Expression of interest ${r.subject_id}`, href: `/challenges/eois/${r.subject_id}` });
    }
  }
  return out;
}

export interface DecisionAbout {
  decisionId: number;
  relation: DecisionRelation;
  text: string;
  decidedOn: string;
  boardName: string;
  meetingTitle: string;
}

/** The board decisions about one subject (newest first). */
export async function decisionsAbout(db: Database, kind: DecisionSubjectKind, subjectId: number): Promise<DecisionAbout[]> {
  const rows = await db
    .selectFrom("decision_subjects as s")
    .innerJoin("decisions as d", "d.id", "s.decision_id")
    .innerJoin("meetings as m", "m.id", "d.meeting_id")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .select(["d.id", "s.relation", "d.text", "d.decided_at", "b.name as board_name", "m.title as meeting_title"])
    .where("s.subject_kind", "=", kind)
    .where("s.subject_id", "=", subjectId)
    .orderBy("d.decided_at", "desc")
    .execute();
  return rows.map((r) => ({ decisionId: r.id, relation: r.relation, text: r.text, decidedOn: toIsoDate(r.decided_at), boardName: r.board_name, meetingTitle: r.meeting_title }));
}
