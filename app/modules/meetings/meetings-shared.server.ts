/**
 * Board meetings: what every meeting command shares (loading, locking and authorising a meeting,
 * who is in the room, quorum, recording an event, moving the status). Not for routes: they use
 * `meetings.server`.
 */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import type { AgendaItem, Meeting, MeetingStatus } from "../../../db/tables/boards";
import type { PublicMeetingEvent } from "./socket-events";
import { fail } from "../../lib/result";
import { boardTarget, quorumRule } from "../boards/boards.server";
import { decide, type Actor } from "../permissions/permissions";
import { canMove, MEETING_STATUS_LABELS, quorum, type MemberInRoom, type Quorum } from "./rules";

/** What a console action returns: the events the public may see, to broadcast after commit. */
export interface Announced {
  meetingId: number;
  events: PublicMeetingEvent[];
}

type Failure = { ok: false; errors: Record<string, string>; status?: 400 | 403 | 404 | 409 | 429 };

// ---------------------------------------------------------------------------------------------
// Loading and permission

export async function findMeeting(db: Database, meetingId: number, lock = false) {
  let q = db
    .selectFrom("meetings as m")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .selectAll("m")
    .select(["b.name as board_name", "b.slug as board_slug", "b.locality_id"])
    .where("m.id", "=", meetingId);
  if (lock) q = q.forUpdate("m");
  return q.executeTakeFirst();
}
export type LoadedMeeting = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

/** The clerk (officer) manages agendas and minutes. */
export function mayManage(actor: Actor, meeting: LoadedMeeting) {
  return decide(actor, "board.manage", boardTarget(meeting.board_id, meeting.locality_id));
}

/**
 * Who may run the meeting from the console: the clerk, or a chair (by role) who is this board's
 * chair or vice-chair (by membership).
 */
export async function mayRun(db: Database, actor: Actor, meeting: LoadedMeeting): Promise<Failure | null> {
  if (mayManage(actor, meeting).ok) return null;
  const asChair = decide(actor, "meeting.chair", boardTarget(meeting.board_id, meeting.locality_id));
  if (!asChair.ok) return fail(asChair.message, 403);
  const seat = await db
    .selectFrom("board_members")
    .select("id")
    .where("board_id", "=", meeting.board_id)
    .where("user_id", "=", actor.user!.id)
    .where("role", "in", ["chair", "vice_chair"])
    .executeTakeFirst();
  return seat ? null : fail("Only this board’s chair, vice-chair or clerk can run its meetings", 403);
}

/** Load, lock and authorise in one step; answers the failure when the actor may not. */
export async function begin(db: Database, actor: Actor, meetingId: number, how: "manage" | "run"): Promise<LoadedMeeting | Failure> {
  const meeting = await findMeeting(db, meetingId, true);
  if (!meeting) return fail("There is no such meeting", 404);
  if (how === "manage") {
    const d = mayManage(actor, meeting);
    return d.ok ? meeting : fail(d.message, 403);
  }
  const refused = await mayRun(db, actor, meeting);
  return refused ?? meeting;
}
/** Load and lock the meeting for something a member does for themselves (vote, withdraw their motion), or the chair or clerk records for them. */
export async function beginForMember(db: Database, actor: Actor, meetingId: number, memberId: number, refusal: string): Promise<LoadedMeeting | Failure> {
  const meeting = await findMeeting(db, meetingId, true);
  if (!meeting) return fail("There is no such meeting", 404);
  const ownSeat = await db.selectFrom("board_members").select("id").where("id", "=", memberId).where("user_id", "=", actor.user!.id).executeTakeFirst();
  if (ownSeat) return meeting;
  return (await mayRun(db, actor, meeting)) ? fail(refusal, 403) : meeting;
}
export const isFailure = (x: unknown): x is Failure => typeof x === "object" && x !== null && (x as Failure).ok === false;

/** Everyone on the board for this meeting, where they are, and whether they left for the item. */
export async function membersInRoom(db: Database, meeting: Pick<Meeting, "id" | "board_id" | "current_item_id">, itemId = meeting.current_item_id): Promise<MemberInRoom[]> {
  const rows = await db
    .selectFrom("board_members as bm")
    .leftJoin("attendance as a", (j) => j.onRef("a.member_id", "=", "bm.id").on("a.meeting_id", "=", meeting.id))
    .leftJoin("declarations as d", (j) => j.onRef("d.member_id", "=", "bm.id").on("d.agenda_item_id", "=", itemId ?? -1).on("d.leaves", "=", true))
    .select(["bm.id", "bm.name", "bm.role", "bm.voting", "a.status", "a.left_at", "d.id as declaration_id"])
    .where("bm.board_id", "=", meeting.board_id)
    // A membership that ended before the meeting's day no longer counts (nor may act).
    .where(sql<boolean>`(bm.term_end IS NULL OR bm.term_end >= (SELECT (starts_at AT TIME ZONE 'Europe/London')::date FROM meetings WHERE id = ${meeting.id}))`)
    .orderBy("bm.id")
    .execute();
  return rows.map((r) => ({
    memberId: r.id,
    name: r.name,
    role: r.role,
    voting: r.voting,
    attendance: r.status,
    inRoom: r.status === "present" && r.left_at === null,
    recused: r.declaration_id !== null,
  }));
}

export async function quorumNow(db: Database, meeting: LoadedMeeting, members?: MemberInRoom[]): Promise<Quorum> {
  const board = await db.selectFrom("boards").select(["quorum_number", "quorum_fraction", "quorum_minimum"]).where("id", "=", meeting.board_id).executeTakeFirstOrThrow();
  return quorum(quorumRule(board), members ?? (await membersInRoom(db, meeting)));
}

export async function record(db: Database, meeting: Pick<Meeting, "id" | "in_private">, kind: string, text: string, isPublic = !meeting.in_private): Promise<PublicMeetingEvent | null> {
  const row = await db.insertInto("meeting_events").values({ meeting_id: meeting.id, kind, text, public: isPublic }).returning(["id", "at"]).executeTakeFirstOrThrow();
  return isPublic ? { id: row.id, meetingId: meeting.id, kind, text, at: row.at.toISOString() } : null;
}

export async function moveStatus(db: Database, actor: Actor, meeting: LoadedMeeting, to: MeetingStatus): Promise<Failure | null> {
  if (!canMove(meeting.status, to)) {
    return fail(`A meeting that is “${MEETING_STATUS_LABELS[meeting.status]}” cannot become “${MEETING_STATUS_LABELS[to]}”`, 409);
  }
  await db.updateTable("meetings").set({ status: to }).where("id", "=", meeting.id).execute();
  await db.insertInto("meeting_status_changes").values({ meeting_id: meeting.id, from_status: meeting.status, to_status: to, by_user_id: actor.user?.id ?? null }).execute();
  meeting.status = to;
  return null;
}


export function needsStatus(meeting: LoadedMeeting, ...statuses: MeetingStatus[]): Failure | null {
  if (statuses.includes(meeting.status)) return null;
  return fail(`This cannot be done while the meeting is “${MEETING_STATUS_LABELS[meeting.status]}”`, 409);
}

export function needsLive(meeting: LoadedMeeting): Failure | null {
  return needsStatus(meeting, "in_progress") ?? (meeting.adjourned ? fail("The meeting is adjourned: resume it first", 409) : null);
}

export async function currentItem(db: Database, meeting: LoadedMeeting): Promise<AgendaItem | Failure> {
  if (!meeting.current_item_id) return fail("Open an agenda item first", 409);
  return db.selectFrom("agenda_items").selectAll().where("id", "=", meeting.current_item_id).executeTakeFirstOrThrow();
}

export const itemLabel = (item: Pick<AgendaItem, "position" | "title">) => `item ${item.position}, ${item.title}`;

const TIME_OF_DAY = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit" });
export const timeOf = (at: Date) => TIME_OF_DAY.format(at);
export const quorumText = (q: Quorum) => `${q.quorate ? "Quorate" : "Not quorate"}: ${q.present} present, ${q.required} needed`;
