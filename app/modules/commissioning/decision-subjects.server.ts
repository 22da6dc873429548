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
import { boardTarget, decisionsJoined } from "../boards/boards.server";
import { decide, VISITOR, type Actor } from "../permissions/permissions";
import { maySeeReview } from "./access";
import { APPROVING } from "./rules";
import { decisionSubjectRemoveSchema, decisionSubjectSchema } from "./schema";
import { subjectProblem, type SubjectFacts } from "./subject-rules";
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

/** What the rules need to know of a subject, or null when there is no such subject. */
async function subjectFacts(db: Database, kind: DecisionSubjectKind, id: number): Promise<SubjectFacts | null> {
  if (kind === "commissioning_review") {
    const r = await db.selectFrom("commissioning_reviews").select("stage").where("id", "=", id).executeTakeFirst();
    return r ? { kind, stage: r.stage } : null;
  }
  if (kind === "consultation") {
    const r = await db.selectFrom("consultations").select("status").where("id", "=", id).executeTakeFirst();
    return r ? { kind, status: r.status } : null;
  }
  const r = await db.selectFrom("challenge_eois").select("status").where("id", "=", id).executeTakeFirst();
  return r ? { kind, status: r.status } : null;
}

/** The decision, locked, if this person is a clerk (board.manage) of the board that took it. */
async function clerkedDecision(trx: Database, actor: Actor, decisionId: number) {
  const decision = await trx
    .selectFrom("decisions as d")
    .innerJoin("meetings as m", "m.id", "d.meeting_id")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .leftJoin("motions as mo", "mo.id", "d.motion_id")
    .select(["d.id", "m.board_id", "b.locality_id", "mo.status as motion_status"])
    .where("d.id", "=", decisionId)
    .forUpdate(["d"])
    .executeTakeFirst();
  if (!decision) return fail({ decisionId: "Choose a decision from the register" }, 404);
  const allowed = decide(actor, "board.manage", { kind: "board", boardId: decision.board_id, localityId: decision.locality_id });
  if (!allowed.ok) return fail(allowed.message, 403);
  return decision;
}

/**
 * The clerk of the deciding board links (or re-classifies) what a decision cites: a commissioning
 * plan, a consultation or an expression of interest, and whether it approves, amends, rejects or
 * only informs it. The rules of what may be cited, and how, are in subject-rules.ts.
 */
export async function linkDecisionSubject(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(decisionSubjectSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const { kind, id } = v.subject;
  return transact(db, async (trx) => {
    const decision = await clerkedDecision(trx, actor, v.decisionId);
    if ("ok" in decision) return decision;
    const facts = await subjectFacts(trx, kind, id);
    if (!facts) return fail({ subject: `There is no ${SUBJECT_KIND_LABELS[kind].toLowerCase()} with that number` });
    if (APPROVING.includes(v.relation) && decision.motion_status === "lost") return fail({ relation: "The motion on this decision was lost: it cannot approve anything" });
    const existing = await trx.selectFrom("decision_subjects").select("relation").where("decision_id", "=", decision.id).where("subject_kind", "=", kind).where("subject_id", "=", id).executeTakeFirst();
    const problem = subjectProblem(facts, v.relation, Boolean(existing));
    if (problem) return fail({ [problem.field]: problem.message });
    await trx
      .insertInto("decision_subjects")
      .values({ decision_id: decision.id, subject_kind: kind, subject_id: id, relation: v.relation, linked_by: actor.user!.id })
      .onConflict((oc) => oc.columns(["decision_id", "subject_kind", "subject_id"]).doUpdateSet({ relation: v.relation, linked_by: actor.user!.id, linked_at: new Date() }))
      .execute();
    await audit(trx, actor, "decision.subject_linked", `decision:${decision.id}`, { kind, id, relation: v.relation, before: existing?.relation ?? null });
    return ok(null);
  });
}

/**
 * The clerk removes a link made in error. A link that approves a plan which has since passed the
 * approval gate stays: the gate was opened on it.
 */
export async function unlinkDecisionSubject(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(decisionSubjectRemoveSchema, input);
  if (!parsed.ok) return parsed;
  const { kind, id } = parsed.value.subject;
  return transact(db, async (trx) => {
    const decision = await clerkedDecision(trx, actor, parsed.value.decisionId);
    if ("ok" in decision) return decision;
    const link = await trx.selectFrom("decision_subjects").select("relation").where("decision_id", "=", decision.id).where("subject_kind", "=", kind).where("subject_id", "=", id).executeTakeFirst();
    if (!link) return fail({ subject: "This decision does not cite that" }, 404);
    const facts = await subjectFacts(trx, kind, id);
    if (facts?.kind === "commissioning_review" && facts.stage !== "plan" && facts.stage !== "analyse" && APPROVING.includes(link.relation)) {
      return fail({ subject: "This decision approved the plan, which has since passed the approval gate: the link stays" }, 409);
    }
    await trx.deleteFrom("decision_subjects").where("decision_id", "=", decision.id).where("subject_kind", "=", kind).where("subject_id", "=", id).execute();
    await audit(trx, actor, "decision.subject_unlinked", `decision:${decision.id}`, { kind, id, relation: link.relation });
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

/**
 * What one decision cites, with titles and links, as this person may see it: a draft plan only to
 * those who may see the review; expressions of interest link to their public register page.
 */
export async function subjectsOfDecision(db: Database, decisionId: number, actor: Actor = VISITOR): Promise<DecisionSubject[]> {
  const rows = await db.selectFrom("decision_subjects").select(["subject_kind", "subject_id", "relation"]).where("decision_id", "=", decisionId).orderBy("linked_at").execute();
  const out: DecisionSubject[] = [];
  for (const r of rows) {
    if (r.subject_kind === "commissioning_review") {
      const s = await db.selectFrom("commissioning_reviews").select(["service_area", "cycle", "stage", "locality_id", "accountable_commissioner_id"]).where("id", "=", r.subject_id).executeTakeFirst();
      if (s && maySeeReview(actor, s)) out.push({ kind: r.subject_kind, id: r.subject_id, relation: r.relation, title: `${s.service_area}${s.cycle > 1 ? ` (cycle ${s.cycle})` : ""}`, href: `/commissioning-reviews/${r.subject_id}` });
    } else if (r.subject_kind === "consultation") {
      const s = await db.selectFrom("consultations").select(["title", "status"]).where("id", "=", r.subject_id).executeTakeFirst();
      if (s && s.status !== "draft" && s.status !== "scheduled") out.push({ kind: r.subject_kind, id: r.subject_id, relation: r.relation, title: s.title, href: `/consultations/${r.subject_id}` });
    } else {
      const s = await db.selectFrom("challenge_eois").select(["title", "status"]).where("id", "=", r.subject_id).executeTakeFirst();
      if (s && s.status !== "draft") out.push({ kind: r.subject_kind, id: r.subject_id, relation: r.relation, title: s.title || `Expression of interest EOI-${r.subject_id}`, href: `/challenges/register/${r.subject_id}` });
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

/**
 * The board decisions that cite one subject (newest first): what a consultation's, an EOI's or a
 * plan's page lists. A decision on an exempt item shows only to those who manage its board (as on
 * the decision's own page).
 */
export async function decisionsAbout(db: Database, kind: DecisionSubjectKind, subjectId: number, actor: Actor = VISITOR): Promise<DecisionAbout[]> {
  const rows = await db
    .selectFrom("decision_subjects as s")
    .innerJoin("decisions as d", "d.id", "s.decision_id")
    .innerJoin("meetings as m", "m.id", "d.meeting_id")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .innerJoin("agenda_items as ai", "ai.id", "d.agenda_item_id")
    .select(["d.id", "s.relation", "d.text", "d.decided_at", "b.name as board_name", "m.title as meeting_title", "ai.kind as item_kind", "b.id as board_id", "b.locality_id"])
    .where("s.subject_kind", "=", kind)
    .where("s.subject_id", "=", subjectId)
    .orderBy("d.decided_at", "desc")
    .execute();
  const visible = rows.filter((r) => r.item_kind !== "exempt" || decide(actor, "board.manage", { kind: "board", boardId: r.board_id, localityId: r.locality_id }).ok);
  return visible.map((r) => ({ decisionId: r.id, relation: r.relation, text: r.text, decidedOn: toIsoDate(r.decided_at), boardName: r.board_name, meetingTitle: r.meeting_title }));
}

export interface SubjectChoice {
  value: string;
  label: string;
}

/**
 * The clerk's form: what the decision cites now, and what it could cite (plans, consultations that
 * have been open, submitted expressions of interest), newest first. Null when this person is not
 * a clerk of the deciding board.
 */
export async function subjectChoices(db: Database, actor: Actor, decisionId: number) {
  const decision = await decisionsJoined(db)
    .select(["d.id", "d.text", "d.decided_at", "ai.title as item_title", "b.id as board_id", "b.name as board_name", "b.locality_id"])
    .where("d.id", "=", decisionId)
    .executeTakeFirst();
  if (!decision || !decide(actor, "board.manage", boardTarget(decision.board_id, decision.locality_id)).ok) return null;
  const [current, reviews, consultations, eois] = await Promise.all([
    subjectsOfDecision(db, decision.id, actor),
    db.selectFrom("commissioning_reviews").select(["id", "service_area", "cycle", "stage"]).orderBy("id", "desc").limit(200).execute(),
    db.selectFrom("consultations").select(["id", "title", "status"]).where("status", "not in", ["draft", "scheduled"]).orderBy("id", "desc").limit(200).execute(),
    db.selectFrom("challenge_eois").select(["id", "title", "status"]).where("status", "!=", "draft").orderBy("id", "desc").limit(200).execute(),
  ]);
  const choices: SubjectChoice[] = [
    ...reviews.map((r) => ({ value: `commissioning_review:${r.id}`, label: `Commissioning plan: ${r.service_area}${r.cycle > 1 ? ` (cycle ${r.cycle})` : ""} (${r.stage[0]!.toUpperCase()}${r.stage.slice(1)} stage)` })),
    ...consultations.map((c) => ({ value: `consultation:${c.id}`, label: `Consultation: ${c.title} (${c.status === "open" ? "open" : c.status === "closed" ? "closed" : "results published"})` })),
    ...eois.map((e) => ({ value: `challenge:${e.id}`, label: `Expression of interest EOI-${e.id}: ${e.title || "untitled"} (${e.status.replace(/_/g, " ")})` })),
  ];
  return {
    decision: { id: decision.id, text: decision.text, itemTitle: decision.item_title, boardName: decision.board_name, decidedOn: toIsoDate(decision.decided_at) },
    current: current.map((c) => ({ ...c, value: `${c.kind}:${c.id}` })),
    choices,
  };
}
