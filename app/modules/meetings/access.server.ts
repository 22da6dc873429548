/**
 * Board meetings: what a person may do or see on a meeting, and their own work lists.
 */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import { fail, ok } from "../../lib/result";
import { boardTarget, dateText } from "../boards/boards.server";
import { bankHolidaySet } from "../calendar/bank-holidays.server";
import { decide, type Actor } from "../permissions/permissions";
import { isUpcoming, latestPublicationDay, londonDate, MEETING_STATUS_LABELS } from "./rules";
import { findMeeting, mayManage, mayRun } from "./meetings-shared.server";

// What a person may do or see on a meeting, and their own work lists

/** Does this person hold a seat on the board now (a board member's account, term not ended)? */
export async function holdsSeat(db: Database, actor: Actor, boardId: number): Promise<boolean> {
  if (!actor.user) return false;
  const seat = await db
    .selectFrom("board_members")
    .select("id")
    .where("board_id", "=", boardId)
    .where("user_id", "=", actor.user.id)
    .where(sql<boolean>`(term_end IS NULL OR term_end >= (now() AT TIME ZONE 'Europe/London')::date)`)
    .executeTakeFirst();
  return seat !== undefined;
}

/**
 * What the meeting page offers this person beyond the public record: the console (the clerk, or
 * this board's chair or vice-chair), and the confidential minutes of exempt items (the board's
 * members and its clerk, once the minutes are published).
 */
export async function meetingAccess(db: Database, actor: Actor, meetingId: number) {
  const none = { canRun: false, confidentialMinutes: null as string | null };
  if (!actor.user) return none;
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) return none;
  const canRun = (await mayRun(db, actor, meeting)) === null;
  const insider = mayManage(actor, meeting).ok || (await holdsSeat(db, actor, meeting.board_id));
  const published = meeting.status === "minutes_published" || meeting.status === "minutes_approved";
  return { canRun, confidentialMinutes: insider && published ? meeting.confidential_minutes : null };
}

/** The meetings of a board whose console this person may open (the clerk, or its chair or vice-chair). */
export async function runnableMeetingIds(db: Database, actor: Actor, boardId: number): Promise<number[]> {
  if (!actor.user) return [];
  const meeting = await db
    .selectFrom("meetings as m")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .selectAll("m")
    .select(["b.name as board_name", "b.slug as board_slug", "b.locality_id"])
    .where("m.board_id", "=", boardId)
    .orderBy("m.id")
    .executeTakeFirst();
  if (!meeting || (await mayRun(db, actor, meeting))) return [];
  const rows = await db.selectFrom("meetings").select("id").where("board_id", "=", boardId).execute();
  return rows.map((r) => r.id);
}

export interface AgendaDue {
  meetingId: number;
  title: string;
  boardName: string;
  startsAt: string;
  publishBy: string;
  /** Calendar days until the last day to publish; negative when it has passed. */
  daysLeft: number;
  late: boolean;
}

/**
 * Every draft agenda of a meeting still to come, with the last day it can be published for five
 * clear working days' notice (bank holidays included); soonest meeting first. Clerks' work lists
 * and the clerks' deadline e-mails both read it.
 */
export async function draftAgendasDue(db: Database, now = new Date()) {
  const [rows, holidays] = await Promise.all([
    db
      .selectFrom("meetings as m")
      .innerJoin("boards as b", "b.id", "m.board_id")
      .select(["m.id", "m.title", "m.starts_at", "b.id as board_id", "b.name as board_name", "b.locality_id"])
      .where("m.status", "=", "draft")
      .where("m.starts_at", ">", now)
      .orderBy("m.starts_at")
      .execute(),
    bankHolidaySet(db),
  ]);
  return rows.map((r) => ({ ...r, publishBy: latestPublicationDay(londonDate(r.starts_at), holidays) }));
}

/**
 * Draft agendas for meetings still to come, on boards this person clerks, with the last day each
 * can be published for five clear working days' notice; the most pressing first.
 */
export async function agendasToPublish(db: Database, actor: Actor, now = new Date()): Promise<AgendaDue[]> {
  if (!actor.user) return [];
  const mine = (await draftAgendasDue(db, now)).filter((r) => decide(actor, "board.manage", boardTarget(r.board_id, r.locality_id)).ok);
  const today = londonDate(now);
  return mine.map((r) => {
    const daysLeft = Math.round((Date.parse(`${r.publishBy}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
    return { meetingId: r.id, title: r.title, boardName: r.board_name, startsAt: r.starts_at.toISOString(), publishBy: r.publishBy, daysLeft, late: daysLeft < 0 };
  });
}

/**
 * A board member's own page: the boards they sit on, those boards' meetings still to come, the
 * papers for them (exempt papers too: members receive them), and their own registered interests.
 */
export async function memberHome(db: Database, actor: Actor, now = new Date()) {
  if (!actor.user) return fail("Sign in to see your boards", 403);
  const seats = await db
    .selectFrom("board_members as bm")
    .innerJoin("boards as b", "b.id", "bm.board_id")
    .select(["bm.id as member_id", "bm.role", "bm.voting", "b.id as board_id", "b.name as board_name", "b.slug as board_slug", dateText("bm.term_end").as("term_end")])
    .where("bm.user_id", "=", actor.user.id)
    .where(sql<boolean>`(bm.term_end IS NULL OR bm.term_end >= (now() AT TIME ZONE 'Europe/London')::date)`)
    .orderBy("b.name")
    .execute();
  const boardIds = seats.map((s) => s.board_id);
  const memberIds = seats.map((s) => s.member_id);
  const none = [-1];
  const [meetings, interests] = await Promise.all([
    db.selectFrom("meetings").select(["id", "board_id", "title", "starts_at", "status", "venue"]).where("board_id", "in", boardIds.length ? boardIds : none).where("status", "in", ["agenda_published", "in_progress"]).orderBy("starts_at").execute(),
    db.selectFrom("member_interests").select(["id", "member_id", "kind", "description", dateText("registered_on").as("registered_on")]).where("member_id", "in", memberIds.length ? memberIds : none).orderBy("id").execute(),
  ]);
  const upcoming = meetings.filter((m) => isUpcoming({ status: m.status, startsAt: m.starts_at }, now));
  const meetingIds = upcoming.map((m) => m.id);
  const papers = await db
    .selectFrom("papers as p")
    .innerJoin("agenda_items as ai", "ai.id", "p.agenda_item_id")
    .select(["p.id", "p.title", "p.media_type", "p.size_bytes", "ai.meeting_id", "ai.position", "ai.title as item_title", "ai.kind", "ai.exempt_paragraph"])
    .where("ai.meeting_id", "in", meetingIds.length ? meetingIds : none)
    .orderBy("ai.position")
    .orderBy("p.id")
    .execute();
  return ok({
    seats: seats.map((s) => ({ memberId: s.member_id, role: s.role, voting: s.voting, boardId: s.board_id, boardName: s.board_name, boardSlug: s.board_slug, termEnd: s.term_end })),
    meetings: upcoming.map((m) => ({
      id: m.id,
      boardId: m.board_id,
      title: m.title,
      startsAt: m.starts_at.toISOString(),
      status: m.status,
      statusLabel: MEETING_STATUS_LABELS[m.status],
      venue: m.venue,
      papers: papers.filter((p) => p.meeting_id === m.id).map((p) => ({ id: p.id, title: p.title, mediaType: p.media_type, sizeBytes: p.size_bytes, itemPosition: p.position, itemTitle: p.item_title, exemptParagraph: p.kind === "exempt" ? p.exempt_paragraph : null })),
    })),
    interests: interests.map((i) => ({ ...i, boardId: seats.find((s) => s.member_id === i.member_id)!.board_id })),
  });
}
