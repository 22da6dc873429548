/**
 * Governance on "Your work" (issue 17): what needs this person next, from the scrutiny and
 * forward-plan records, only where their grants or seats let them act:
 * - decisions called in and waiting for the scrutiny board's outcome: its members (a seat on it)
 *   and whoever may manage it (its chair, the clerk);
 * - scrutiny recommendations with no response, due within RECOMMENDATION_DUE_SOON_DAYS or overdue:
 *   whoever must respond — a clerk of the board whose decision it is about (a council officer for
 *   one about no decision), and the accountable commissioner of a plan that decision decides;
 * - key decisions not yet taken whose forward-plan notice is short of 28 clear days (taken under
 *   the general exception or special urgency): the clerks of the deciding board.
 * Null when none of it can concern this person (the page then leaves the section out).
 */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import { boardTarget, dateText } from "../boards/boards.server";
import { londonDay } from "../calendar/days";
import { ANYWHERE, can, COUNCIL, decide, type Actor } from "../permissions/permissions";
import { clearDaysBetween } from "./dates";
import { FORWARD_PLAN_CLEAR_DAYS, type ExceptionRoute } from "./rules";

export const RECOMMENDATION_DUE_SOON_DAYS = 14;
const DAY = 86_400_000;
const daysFrom = (today: string, day: string) => Math.round((Date.parse(`${day}T12:00:00Z`) - Date.parse(`${today}T12:00:00Z`)) / DAY);

export interface CallInWaiting {
  decisionId: number;
  itemTitle: string;
  decisionBoardName: string;
  scrutinyBoardName: string;
  scrutinyBoardSlug: string;
  calledInOn: string;
}

export interface RecommendationDue {
  id: number;
  recommendation: string;
  addressedTo: string;
  dueOn: string;
  daysLeft: number;
  decisionId: number | null;
  scrutinyBoardName: string;
  scrutinyBoardSlug: string;
}

export interface ShortNotice {
  reportId: number;
  title: string;
  boardName: string;
  decisionDueOn: string;
  clearDays: number;
  route: ExceptionRoute;
}

export interface GovernanceWork {
  callIns: CallInWaiting[];
  recommendations: RecommendationDue[];
  shortNotice: ShortNotice[];
}

export async function governanceWork(db: Database, actor: Actor, now = new Date()): Promise<GovernanceWork | null> {
  if (!actor.user) return null;
  const userId = actor.user.id;
  const today = londonDay(now);
  const seats = await db
    .selectFrom("board_members as bm")
    .innerJoin("boards as b", "b.id", "bm.board_id")
    .select("b.id")
    .where("bm.user_id", "=", userId)
    .where("b.kind", "=", "scrutiny")
    .where((eb) => eb.or([eb("bm.term_end", "is", null), eb("bm.term_end", ">=", today as unknown as Date)]))
    .execute();
  const seatIds = new Set(seats.map((s) => s.id));
  const concerned = seatIds.size > 0 || can(actor, "scrutiny.manage", ANYWHERE) || can(actor, "board.manage", ANYWHERE) || can(actor, "commissioning.manage", ANYWHERE) || actor.grants.some((g) => g.role === "commissioner");
  if (!concerned) return null;

  const dueBy = londonDay(new Date(now.getTime() + RECOMMENDATION_DUE_SOON_DAYS * DAY));
  const [callIns, recs, reports] = await Promise.all([
    db
      .selectFrom("call_ins as c")
      .innerJoin("boards as s", "s.id", "c.scrutiny_board_id")
      .innerJoin("decisions as d", "d.id", "c.decision_id")
      .innerJoin("agenda_items as ai", "ai.id", "d.agenda_item_id")
      .innerJoin("meetings as m", "m.id", "d.meeting_id")
      .innerJoin("boards as b", "b.id", "m.board_id")
      .select(["c.decision_id", "c.called_in_at", "ai.title as item_title", "b.name as board_name", "s.id as scrutiny_id", "s.name as scrutiny_name", "s.slug as scrutiny_slug", "s.locality_id as scrutiny_locality_id"])
      .where("c.status", "=", "called_in")
      .orderBy("c.called_in_at")
      .execute(),
    db
      .selectFrom("scrutiny_recommendations as r")
      .innerJoin("boards as s", "s.id", "r.board_id")
      .leftJoin("decisions as d", "d.id", "r.decision_id")
      .leftJoin("meetings as m", "m.id", "d.meeting_id")
      .leftJoin("boards as b", "b.id", "m.board_id")
      .select([
        "r.id", "r.recommendation", "r.addressed_to", "r.decision_id", dateText("r.response_due_on").as("due_on"), "s.name as scrutiny_name", "s.slug as scrutiny_slug", "b.id as maker_id", "b.locality_id as maker_locality_id",
        (eb) =>
          eb.exists(
            eb.selectFrom("decision_subjects as x")
              .innerJoin("commissioning_reviews as cr", "cr.id", "x.subject_id")
              .select("x.decision_id")
              .whereRef("x.decision_id", "=", "r.decision_id")
              .where("x.subject_kind", "=", "commissioning_review")
              .where("cr.accountable_commissioner_id", "=", userId),
          ).as("my_plan"),
      ])
      .where("r.response", "is", null)
      .where("r.response_due_on", "<=", dueBy as unknown as Date)
      .orderBy("r.response_due_on")
      .orderBy("r.id")
      .execute(),
    db
      .selectFrom("decision_reports as r")
      .innerJoin("boards as b", "b.id", "r.board_id")
      .select(["r.id", "r.title", "r.exception_route", "b.id as board_id", "b.name as board_name", "b.locality_id", dateText("r.decision_due_on").as("due_on"), dateText("r.forward_plan_published_on").as("published_on")])
      .where("r.is_key", "=", true)
      .where("r.decision_id", "is", null)
      .where(sql<boolean>`r.decision_due_on - r.forward_plan_published_on <= ${FORWARD_PLAN_CLEAR_DAYS}`)
      .orderBy("r.decision_due_on")
      .execute(),
  ]);

  return {
    callIns: callIns
      .filter((c) => seatIds.has(c.scrutiny_id) || decide(actor, "scrutiny.manage", boardTarget(c.scrutiny_id, c.scrutiny_locality_id)).ok)
      .map((c) => ({ decisionId: c.decision_id, itemTitle: c.item_title, decisionBoardName: c.board_name, scrutinyBoardName: c.scrutiny_name, scrutinyBoardSlug: c.scrutiny_slug, calledInOn: londonDay(c.called_in_at) })),
    recommendations: recs
      .filter((r) => Boolean(r.my_plan) || decide(actor, "board.manage", r.maker_id ? boardTarget(r.maker_id, r.maker_locality_id) : COUNCIL).ok)
      .map((r) => ({ id: r.id, recommendation: r.recommendation, addressedTo: r.addressed_to, dueOn: r.due_on, daysLeft: daysFrom(today, r.due_on), decisionId: r.decision_id, scrutinyBoardName: r.scrutiny_name, scrutinyBoardSlug: r.scrutiny_slug })),
    shortNotice: reports
      .filter((r) => r.published_on !== null && clearDaysBetween(r.published_on, r.due_on) < FORWARD_PLAN_CLEAR_DAYS && decide(actor, "board.manage", boardTarget(r.board_id, r.locality_id)).ok)
      .map((r) => ({ reportId: r.id, title: r.title, boardName: r.board_name, decisionDueOn: r.due_on, clearDays: clearDaysBetween(r.published_on!, r.due_on), route: r.exception_route as ExceptionRoute })),
  };
}
