/**
 * Scrutiny (issue 17): a scrutiny board (boards.kind = 'scrutiny') keeps a work programme, its
 * members call in published decisions, it decides what happens to a called-in decision, and it
 * makes recommendations that are answered by a due date.
 *
 * Call-in: each member of a scrutiny board records their own request with reasons, within five
 * working days of the decision's publication (dates.ts, with the council's bank holidays). When as
 * many members as the admin sets have asked, the decision is called in — in the same transaction
 * as the last request — and its implementation is suspended (`isImplementationSuspended`, for
 * any module to ask) until the scrutiny board takes no further action, or, if it refers the
 * decision back or to full council, until the final decision is recorded. A decision taken under
 * special urgency (the scrutiny chair agreed it could not wait) cannot be called in.
 */
import type { Database } from "../../../db/client";
import { transact } from "../../lib/effects.server";
import { validate } from "../../lib/forms";
import { permittedInput } from "../permissions/guard";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { boardTarget, dateText, decisionsJoined } from "../boards/boards.server";
import { bankHolidaySet } from "../calendar/bank-holidays.server";
import { COUNCIL, decide, type Actor } from "../permissions/permissions";
import { callInLastDay, isWithinCallInPeriod, londonDay } from "./dates";
import { governanceSettings, reportForDecision } from "./governance.server";
import { CALL_IN_TRANSITIONS, suspends, type CallInStatus } from "./rules";
import { callInSchema, concludeSchema, recommendationSchema, responseSchema, scrutinyOutcomeSchema, workItemSchema, workItemStatusSchema } from "./schema";

/** May this decision be put into effect now? False while it is called in or referred. Any module may ask. */
export async function isImplementationSuspended(db: Database, decisionId: number): Promise<boolean> {
  const row = await db.selectFrom("call_ins").select("status").where("decision_id", "=", decisionId).executeTakeFirst();
  return row ? suspends(row.status) : false;
}

/** A decision anyone may read (not on an exempt item, at a meeting whose agenda is out), with the day it was published. */
async function publishedDecision(db: Database, decisionId: number) {
  const d = await decisionsJoined(db)
    .select(["d.id", "d.decided_at", "d.text", "ai.title as item_title", "ai.kind as item_kind", "m.status as meeting_status", "b.id as board_id", "b.name as board_name", "b.locality_id", "b.kind as board_kind"])
    .where("d.id", "=", decisionId)
    .executeTakeFirst();
  if (!d || d.item_kind === "exempt" || d.meeting_status === "draft") return null;
  return { ...d, publishedOn: londonDay(d.decided_at) };
}

/** A decision taken under special urgency (regulation 11, the scrutiny chair agreed it could not wait) is not open to call-in. */
async function takenUnderSpecialUrgency(db: Database, decisionId: number): Promise<boolean> {
  return Boolean(await db.selectFrom("decision_reports").select("id").where("decision_id", "=", decisionId).where("exception_route", "=", "special_urgency").executeTakeFirst());
}

/** The scrutiny boards this person sits on (as a member with a seat today) and may call in from. */
async function scrutinySeats(db: Database, actor: Actor, today: string) {
  if (!actor.user) return [];
  const seats = await db
    .selectFrom("board_members as bm")
    .innerJoin("boards as b", "b.id", "bm.board_id")
    .select(["bm.id as member_id", "bm.name", "b.id as board_id", "b.name as board_name", "b.locality_id"])
    .where("bm.user_id", "=", actor.user.id)
    .where("b.kind", "=", "scrutiny")
    .where("bm.term_start", "<=", today as unknown as Date)
    .where((eb) => eb.or([eb("bm.term_end", "is", null), eb("bm.term_end", ">=", today as unknown as Date)]))
    .orderBy("b.id")
    .execute();
  return seats.filter((s) => decide(actor, "scrutiny.call_in", boardTarget(s.board_id, s.locality_id)).ok);
}

/**
 * A scrutiny member asks for a published decision to be called in, with reasons. Refused (and
 * nothing recorded) outside the five working days, for a decision already called in, twice by the
 * same member, or by someone who is not a member of a scrutiny board.
 */
export async function requestCallIn(db: Database, actor: Actor, input: unknown, options: { now?: Date } = {}): Promise<Result<{ calledIn: boolean; requests: number; required: number }>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(callInSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const today = londonDay(options.now ?? new Date());
  return transact(db, async (trx) => {
    // One call-in decision at a time per decision: two members asking together both count.
    await trx.selectFrom("decisions").select("id").where("id", "=", v.decisionId).forUpdate().executeTakeFirst();
    const decision = await publishedDecision(trx, v.decisionId);
    if (!decision) return fail("There is no such published decision", 404);
    const seat = (await scrutinySeats(trx, actor, today))[0];
    if (!seat) return fail("Only a member of a scrutiny board may call in a decision", 403);
    if (decision.board_kind === "scrutiny") return fail("A scrutiny board's own decisions cannot be called in", 409);
    if (await takenUnderSpecialUrgency(trx, decision.id)) return fail("This decision was taken under special urgency with the scrutiny chair's agreement, so it cannot be called in", 409);
    const holidays = await bankHolidaySet(trx);
    if (!isWithinCallInPeriod(decision.publishedOn, today, holidays)) {
      return fail({ reasons: `The call-in period has ended: a decision published on ${decision.publishedOn} could be called in until the end of ${callInLastDay(decision.publishedOn, holidays)} (5 working days)` }, 409);
    }
    if (await trx.selectFrom("call_ins").select("id").where("decision_id", "=", decision.id).executeTakeFirst()) return fail("This decision has already been called in", 409);
    const already = await trx.selectFrom("call_in_requests").select("id").where("decision_id", "=", decision.id).where("member_id", "=", seat.member_id).executeTakeFirst();
    if (already) return fail("You have already asked for this decision to be called in", 409);
    await trx.insertInto("call_in_requests").values({ decision_id: decision.id, scrutiny_board_id: seat.board_id, member_id: seat.member_id, reasons: v.reasons }).execute();
    const { callInMembersRequired } = await governanceSettings(trx);
    const { n } = await trx.selectFrom("call_in_requests").select((eb) => eb.fn.countAll<number>().as("n")).where("decision_id", "=", decision.id).where("scrutiny_board_id", "=", seat.board_id).executeTakeFirstOrThrow();
    const requests = Number(n);
    const calledIn = requests >= callInMembersRequired;
    if (calledIn) await trx.insertInto("call_ins").values({ decision_id: decision.id, scrutiny_board_id: seat.board_id }).execute();
    await audit(trx, actor, "decision.call_in_requested", `decision:${decision.id}`, { memberId: seat.member_id, scrutinyBoardId: seat.board_id, requests, required: callInMembersRequired, calledIn });
    if (calledIn) await audit(trx, actor, "decision.called_in", `decision:${decision.id}`, { scrutinyBoardId: seat.board_id });
    return ok({ calledIn, requests, required: callInMembersRequired });
  });
}

/**
 * The scrutiny board's outcome on a called-in decision: no further action (implementation may go
 * ahead), refer back with recommendations, or refer to full council. Refused unless the decision
 * has been called in (enough members have asked) and is waiting for the outcome.
 */
export async function recordScrutinyOutcome(db: Database, actor: Actor, input: unknown): Promise<Result<{ status: CallInStatus }>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(scrutinyOutcomeSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return transact(db, async (trx) => {
    const callIn = await trx.selectFrom("call_ins as c").innerJoin("boards as b", "b.id", "c.scrutiny_board_id").select(["c.id", "c.status", "b.id as board_id", "b.locality_id"]).where("c.decision_id", "=", v.decisionId).forUpdate().executeTakeFirst();
    if (!callIn) {
      const { callInMembersRequired } = await governanceSettings(trx);
      const { n } = await trx.selectFrom("call_in_requests").select((eb) => eb.fn.countAll<number>().as("n")).where("decision_id", "=", v.decisionId).executeTakeFirstOrThrow();
      return fail({ outcome: `This decision has not been called in: ${Number(n)} of the ${callInMembersRequired} scrutiny members needed have asked` }, 409);
    }
    if (!decide(actor, "scrutiny.manage", boardTarget(callIn.board_id, callIn.locality_id)).ok) return fail("You do not have permission to do this", 403);
    if (!CALL_IN_TRANSITIONS[callIn.status].includes(v.outcome)) return fail({ outcome: "The scrutiny board's outcome on this call-in has already been recorded" }, 409);
    await trx.updateTable("call_ins").set({ status: v.outcome, outcome_notes: v.notes, outcome_recorded_at: new Date() }).where("id", "=", callIn.id).execute();
    if (v.recommendation && v.responseDueOn) {
      const maker = await decisionsJoined(trx).select("b.name").where("d.id", "=", v.decisionId).executeTakeFirstOrThrow();
      await trx.insertInto("scrutiny_recommendations").values({ board_id: callIn.board_id, call_in_id: callIn.id, decision_id: v.decisionId, recommendation: v.recommendation, addressed_to: v.outcome === "referred_to_council" ? "Full council" : maker.name, response_due_on: v.responseDueOn }).execute();
    }
    await audit(trx, actor, "call_in.outcome", `decision:${v.decisionId}`, { outcome: v.outcome });
    return ok({ status: v.outcome });
  });
}

/** After a referral, the decision-maker (an officer of its board) records the final decision; implementation may then go ahead. */
export async function concludeCallIn(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(concludeSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return transact(db, async (trx) => {
    const callIn = await trx.selectFrom("call_ins").select(["id", "status"]).where("decision_id", "=", v.decisionId).forUpdate().executeTakeFirst();
    const maker = await decisionsJoined(trx).select(["b.id", "b.locality_id"]).where("d.id", "=", v.decisionId).executeTakeFirst();
    if (!callIn || !maker) return fail("This decision has not been called in", 404);
    if (!decide(actor, "board.manage", boardTarget(maker.id, maker.locality_id)).ok) return fail("You do not have permission to do this", 403);
    if (!CALL_IN_TRANSITIONS[callIn.status].includes("concluded")) return fail({ finalDecision: "There is no referral waiting for a final decision" }, 409);
    await trx.updateTable("call_ins").set({ status: "concluded", final_decision: v.finalDecision, concluded_at: new Date() }).where("id", "=", callIn.id).execute();
    await audit(trx, actor, "call_in.concluded", `decision:${v.decisionId}`, {});
    return ok(null);
  });
}

// ---------------------------------------------------------------------------------------------
// Work programme and recommendations

async function scrutinyBoard(db: Database, boardId: number) {
  return db.selectFrom("boards").select(["id", "locality_id", "slug", "kind"]).where("id", "=", boardId).executeTakeFirst();
}

export async function addWorkItem(db: Database, actor: Actor, input: unknown): Promise<Result<{ workItemId: number }>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(workItemSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return transact(db, async (trx) => {
    const board = await scrutinyBoard(trx, v.boardId);
    if (!board || board.kind !== "scrutiny") return fail("There is no such scrutiny board", 404);
    if (!decide(actor, "scrutiny.manage", boardTarget(board.id, board.locality_id)).ok) return fail("You do not have permission to do this", 403);
    const row = await trx.insertInto("scrutiny_work_items").values({ board_id: board.id, title: v.title, description: v.description, planned_for: v.plannedFor, status: v.status }).returning("id").executeTakeFirstOrThrow();
    await audit(trx, actor, "scrutiny.work_item_added", `scrutiny_work_item:${row.id}`, { title: v.title });
    return ok({ workItemId: row.id });
  });
}

export async function setWorkItemStatus(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(workItemStatusSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return transact(db, async (trx) => {
    const item = await trx.selectFrom("scrutiny_work_items as w").innerJoin("boards as b", "b.id", "w.board_id").select(["w.id", "b.id as board_id", "b.locality_id"]).where("w.id", "=", v.workItemId).forUpdate().executeTakeFirst();
    if (!item) return fail("There is no such work programme item", 404);
    if (!decide(actor, "scrutiny.manage", boardTarget(item.board_id, item.locality_id)).ok) return fail("You do not have permission to do this", 403);
    await trx.updateTable("scrutiny_work_items").set({ status: v.status }).where("id", "=", item.id).execute();
    await audit(trx, actor, "scrutiny.work_item_status", `scrutiny_work_item:${item.id}`, { status: v.status });
    return ok(null);
  });
}

export async function addRecommendation(db: Database, actor: Actor, input: unknown, options: { now?: Date } = {}): Promise<Result<{ recommendationId: number }>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(recommendationSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  if (v.responseDueOn < londonDay(options.now ?? new Date())) return fail({ responseDueOn: "The date a response is due must be today or later" });
  return transact(db, async (trx) => {
    const board = await scrutinyBoard(trx, v.boardId);
    if (!board || board.kind !== "scrutiny") return fail("There is no such scrutiny board", 404);
    if (!decide(actor, "scrutiny.manage", boardTarget(board.id, board.locality_id)).ok) return fail("You do not have permission to do this", 403);
    const row = await trx.insertInto("scrutiny_recommendations").values({ board_id: board.id, recommendation: v.recommendation, addressed_to: v.addressedTo, response_due_on: v.responseDueOn }).returning("id").executeTakeFirstOrThrow();
    await audit(trx, actor, "scrutiny.recommendation_added", `scrutiny_recommendation:${row.id}`, {});
    return ok({ recommendationId: row.id });
  });
}

/** Is this person the accountable commissioner of a plan this decision decides (so answers for it)? */
async function commissionsPlanDecidedBy(db: Database, actor: Actor, decisionId: number | null): Promise<boolean> {
  if (!decisionId || !actor.user) return false;
  const row = await db
    .selectFrom("decision_subjects as x")
    .innerJoin("commissioning_reviews as cr", "cr.id", "x.subject_id")
    .select("cr.id")
    .where("x.decision_id", "=", decisionId)
    .where("x.subject_kind", "=", "commissioning_review")
    .where("cr.accountable_commissioner_id", "=", actor.user.id)
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * The response to a recommendation: by an officer of the board it is about (its decision's board),
 * a council officer, or the accountable commissioner of a plan that decision decides.
 */
export async function respondToRecommendation(db: Database, actor: Actor, input: unknown, options: { now?: Date } = {}): Promise<Result<null>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(responseSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return transact(db, async (trx) => {
    const rec = await trx.selectFrom("scrutiny_recommendations").select(["id", "decision_id", "response"]).where("id", "=", v.recommendationId).forUpdate().executeTakeFirst();
    if (!rec) return fail("There is no such recommendation", 404);
    const maker = rec.decision_id ? await decisionsJoined(trx).select(["b.id", "b.locality_id"]).where("d.id", "=", rec.decision_id).executeTakeFirst() : null;
    if (!decide(actor, "board.manage", maker ? boardTarget(maker.id, maker.locality_id) : COUNCIL).ok && !(await commissionsPlanDecidedBy(trx, actor, rec.decision_id))) return fail("You do not have permission to do this", 403);
    if (rec.response !== null) return fail({ response: "This recommendation has already been answered" }, 409);
    await trx.updateTable("scrutiny_recommendations").set({ response: v.response, responded_on: londonDay(options.now ?? new Date()) }).where("id", "=", rec.id).execute();
    await audit(trx, actor, "scrutiny.recommendation_answered", `scrutiny_recommendation:${rec.id}`, {});
    return ok(null);
  });
}

// ---------------------------------------------------------------------------------------------
// Pages

export function scrutinyBoards(db: Database) {
  return db.selectFrom("boards").select(["id", "slug", "name", "remit"]).where("kind", "=", "scrutiny").orderBy("name").execute();
}

function recommendations(db: Database) {
  return db
    .selectFrom("scrutiny_recommendations as r")
    .select(["r.id", "r.board_id", "r.decision_id", "r.recommendation", "r.addressed_to", "r.response", dateText("r.response_due_on").as("response_due_on"), dateText("r.responded_on").as("responded_on")])
    .orderBy("r.response_due_on")
    .orderBy("r.id");
}

/** A scrutiny board's page: its work programme, the decisions it has called in, its recommendations. */
export async function scrutinyBoardPage(db: Database, actor: Actor, slug: string, options: { now?: Date } = {}) {
  const board = await db.selectFrom("boards").select(["id", "slug", "name", "remit", "locality_id", "kind"]).where("slug", "=", slug).executeTakeFirst();
  if (!board || board.kind !== "scrutiny") return null;
  const [work, callIns, recs] = await Promise.all([
    db.selectFrom("scrutiny_work_items").select(["id", "title", "description", "status", dateText("planned_for").as("planned_for")]).where("board_id", "=", board.id).orderBy("planned_for").orderBy("id").execute(),
    db
      .selectFrom("call_ins as c")
      .innerJoin("decisions as d", "d.id", "c.decision_id")
      .innerJoin("agenda_items as ai", "ai.id", "d.agenda_item_id")
      .select(["c.decision_id", "c.status", "c.called_in_at", "ai.title as item_title"])
      .where("c.scrutiny_board_id", "=", board.id)
      .orderBy("c.called_in_at", "desc")
      .execute(),
    recommendations(db).where("r.board_id", "=", board.id).execute(),
  ]);
  const today = londonDay(options.now ?? new Date());
  return {
    board,
    work,
    callIns: callIns.map((c) => ({ ...c, called_in_at: c.called_in_at.toISOString() })),
    recommendations: recs.map((r) => ({ ...r, overdue: r.response === null && r.response_due_on < today })),
    canManage: decide(actor, "scrutiny.manage", boardTarget(board.id, board.locality_id)).ok,
  };
}

/**
 * What the decision page shows about governance: the report (key decision, notice, implications,
 * alternatives), the call-in period and requests, the call-in and its outcome, recommendations,
 * and what this person may do (call in, record the outcome, record the final decision).
 */
export async function decisionGovernance(db: Database, actor: Actor, decisionId: number, options: { now?: Date } = {}) {
  const decision = await publishedDecision(db, decisionId);
  const report = await reportForDecision(db, decisionId);
  if (!decision) return { report, callIn: null, requests: [], required: 0, recommendations: [], callInLastDay: null as string | null, callInOpen: false, suspended: false, may: { callIn: false, recordOutcome: false, conclude: false, respond: false } };
  const today = londonDay(options.now ?? new Date());
  const [holidays, callIn, requests, recs, seats, settings] = await Promise.all([
    bankHolidaySet(db),
    db.selectFrom("call_ins as c").innerJoin("boards as b", "b.id", "c.scrutiny_board_id").select(["c.status", "c.called_in_at", "c.outcome_notes", "c.final_decision", "b.id as board_id", "b.name as board_name", "b.slug as board_slug", "b.locality_id"]).where("c.decision_id", "=", decisionId).executeTakeFirst(),
    db.selectFrom("call_in_requests as q").innerJoin("board_members as bm", "bm.id", "q.member_id").select(["q.id", "bm.name", "bm.user_id", "q.reasons", "q.requested_at"]).where("q.decision_id", "=", decisionId).orderBy("q.requested_at").execute(),
    recommendations(db).where("r.decision_id", "=", decisionId).execute(),
    scrutinySeats(db, actor, today),
    governanceSettings(db),
  ]);
  const lastDay = callInLastDay(decision.publishedOn, holidays);
  const open = isWithinCallInPeriod(decision.publishedOn, today, holidays) && !callIn && decision.board_kind !== "scrutiny" && report?.exceptionRoute !== "special_urgency";
  const askedAlready = requests.some((r) => r.user_id !== null && r.user_id === actor.user?.id);
  const managesMaker = decide(actor, "board.manage", boardTarget(decision.board_id, decision.locality_id)).ok;
  return {
    report,
    callIn: callIn ? { status: callIn.status, calledInOn: londonDay(callIn.called_in_at), outcomeNotes: callIn.outcome_notes, finalDecision: callIn.final_decision, boardName: callIn.board_name, boardSlug: callIn.board_slug } : null,
    requests: requests.map((r) => ({ id: r.id, name: r.name, reasons: r.reasons, requestedOn: londonDay(r.requested_at) })),
    required: settings.callInMembersRequired,
    recommendations: recs,
    callInLastDay: lastDay as string | null,
    callInOpen: open,
    suspended: callIn ? suspends(callIn.status) : false,
    may: {
      callIn: open && seats.length > 0 && !askedAlready,
      recordOutcome: !!callIn && callIn.status === "called_in" && decide(actor, "scrutiny.manage", boardTarget(callIn.board_id, callIn.locality_id)).ok,
      conclude: !!callIn && CALL_IN_TRANSITIONS[callIn.status].includes("concluded") && managesMaker,
      respond: managesMaker,
    },
  };
}
export type DecisionGovernance = Awaited<ReturnType<typeof decisionGovernance>>;
