/**
 * Board meetings: agendas and their publication, the chair/clerk console (attendance, items,
 * declarations, motions, named votes, results, decisions, private session, adjourn/close),
 * minutes and the retention rule. Every write is one transaction; what the public may see of it
 * is returned as `events`, each with its broadcast as an effect (the last one also carries the
 * public live view after the change), which `settle()` sends after the commit.
 */
import { agendaPublished } from "../notifications/subscriptions.server";
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import type { AgendaItem, Meeting, MeetingStatus } from "../../../db/tables/boards";
import { rooms } from "../../../realtime/events";
import type { PublicLiveView, PublicMeetingEvent } from "../../../realtime/events/meetings";
import { broadcast } from "../../lib/effects";
import { transact } from "../../lib/effects.server";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { getOrCreateFeed } from "../feeds/feeds.server";
import { boardTarget, dateText, quorumRule } from "../boards/boards.server";
import { bankHolidaySet } from "../calendar/bank-holidays.server";
import { citationChoices, citeForDecision } from "../boards/decisions.server";
import { listQuestions, questionDeadline } from "./questions.server";
import { decide, type Actor } from "../permissions/permissions";
import {
  canMove,
  cannotTakePart,
  confidentialMinutes,
  draftMinutes,
  exclusionResolutionText,
  exclusionResult,
  isUpcoming,
  startsBeforeItsDay,
  isPublishedInTime,
  latestPublicationDay,
  INTEREST_LABEL,
  londonDate,
  MEETING_STATUS_LABELS,
  mustLeave,
  quorum,
  tally,
  voteResult,
  type MemberInRoom,
  type Quorum,
} from "./rules";
import {
  agendaItemSchema,
  attendanceSchema,
  createMeetingSchema,
  decisionSchema,
  declarationSchema,
  exclusionSchema,
  meetingIdSchema,
  minutesSchema,
  motionIdSchema,
  motionSchema,
  moveItemSchema,
  openItemSchema,
  publishAgendaSchema,
  resultSchema,
  startMeetingSchema,
  voteSchema,
} from "./schema";
import { linkSubjectsOfAgendaItem } from "../commissioning/decision-subjects.server";

export type { PublicLiveView, PublicMeetingEvent };

/** What a console action returns: the events the public may see, to broadcast after commit. */
export interface Announced {
  meetingId: number;
  events: PublicMeetingEvent[];
}

type Failure = { ok: false; errors: Record<string, string>; status?: 400 | 403 | 404 | 409 | 429 };

// ---------------------------------------------------------------------------------------------
// Loading and permission

async function findMeeting(db: Database, meetingId: number, lock = false) {
  let q = db
    .selectFrom("meetings as m")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .selectAll("m")
    .select(["b.name as board_name", "b.slug as board_slug", "b.locality_id"])
    .where("m.id", "=", meetingId);
  if (lock) q = q.forUpdate("m");
  return q.executeTakeFirst();
}
type LoadedMeeting = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

/** The clerk (officer) manages agendas and minutes. */
function mayManage(actor: Actor, meeting: LoadedMeeting) {
  return decide(actor, "board.manage", boardTarget(meeting.board_id, meeting.locality_id));
}

/**
 * Who may run the meeting from the console: the clerk, or a chair (by role) who is this board's
 * chair or vice-chair (by membership).
 */
async function mayRun(db: Database, actor: Actor, meeting: LoadedMeeting): Promise<Failure | null> {
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
async function begin(db: Database, actor: Actor, meetingId: number, how: "manage" | "run"): Promise<LoadedMeeting | Failure> {
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
async function beginForMember(db: Database, actor: Actor, meetingId: number, memberId: number, refusal: string): Promise<LoadedMeeting | Failure> {
  const meeting = await findMeeting(db, meetingId, true);
  if (!meeting) return fail("There is no such meeting", 404);
  const ownSeat = await db.selectFrom("board_members").select("id").where("id", "=", memberId).where("user_id", "=", actor.user!.id).executeTakeFirst();
  if (ownSeat) return meeting;
  return (await mayRun(db, actor, meeting)) ? fail(refusal, 403) : meeting;
}
const isFailure = (x: unknown): x is Failure => typeof x === "object" && x !== null && (x as Failure).ok === false;

/** Everyone on the board for this meeting, where they are, and whether they left for the item. */
async function membersInRoom(db: Database, meeting: Pick<Meeting, "id" | "board_id" | "current_item_id">, itemId = meeting.current_item_id): Promise<MemberInRoom[]> {
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

async function quorumNow(db: Database, meeting: LoadedMeeting, members?: MemberInRoom[]): Promise<Quorum> {
  const board = await db.selectFrom("boards").select(["quorum_number", "quorum_fraction", "quorum_minimum"]).where("id", "=", meeting.board_id).executeTakeFirstOrThrow();
  return quorum(quorumRule(board), members ?? (await membersInRoom(db, meeting)));
}

async function record(db: Database, meeting: Pick<Meeting, "id" | "in_private">, kind: string, text: string, isPublic = !meeting.in_private): Promise<PublicMeetingEvent | null> {
  const row = await db.insertInto("meeting_events").values({ meeting_id: meeting.id, kind, text, public: isPublic }).returning(["id", "at"]).executeTakeFirstOrThrow();
  return isPublic ? { id: row.id, meetingId: meeting.id, kind, text, at: row.at.toISOString() } : null;
}

async function moveStatus(db: Database, actor: Actor, meeting: LoadedMeeting, to: MeetingStatus): Promise<Failure | null> {
  if (!canMove(meeting.status, to)) {
    return fail(`A meeting that is “${MEETING_STATUS_LABELS[meeting.status]}” cannot become “${MEETING_STATUS_LABELS[to]}”`, 409);
  }
  await db.updateTable("meetings").set({ status: to }).where("id", "=", meeting.id).execute();
  await db.insertInto("meeting_status_changes").values({ meeting_id: meeting.id, from_status: meeting.status, to_status: to, by_user_id: actor.user?.id ?? null }).execute();
  meeting.status = to;
  return null;
}

/**
 * A console action's success: its public events, each broadcast to the meeting's room after
 * commit. The last one carries the public live view as it is now (read inside the transaction,
 * so it is exactly what commits), which viewers apply: an event never makes a page reload.
 */
async function done(trx: Database, meetingId: number, ...recorded: (PublicMeetingEvent | null)[]): Promise<Result<Announced>> {
  const events = recorded.filter((e): e is PublicMeetingEvent => e !== null);
  if (events.length) {
    const last = events.at(-1)!;
    const live = await publicLive(trx, meetingId, last.id);
    if (live) events[events.length - 1] = { ...last, live };
  }
  return ok({ meetingId, events }, events.map((event) => broadcast(rooms.meeting(meetingId), "meeting:event", event)));
}

/** One console action: validate, load and lock the meeting, authorise, then act in one transaction. */
function action<S extends Parameters<typeof validate>[0]>(schema: S, how: "manage" | "run", act: (trx: Database, meeting: LoadedMeeting, input: import("zod").output<S> & { meetingId: number }, actor: Actor) => Promise<Result<Announced>>) {
  return async (db: Database, actor: Actor, input: unknown): Promise<Result<Announced>> => {
    if (!actor.user) return fail("Sign in to do this", 403);
    const parsed = validate(schema, input);
    if (!parsed.ok) return parsed;
    const value = parsed.value as import("zod").output<S> & { meetingId: number };
    // A refusal rolls the whole transaction back (transact): nothing half-recorded.
    return transact(db, async (trx) => {
      const meeting = await begin(trx, actor, value.meetingId, how);
      if (isFailure(meeting)) return meeting;
      const result = await act(trx, meeting, value, actor);
      if (!result.ok) return result;
      await audit(trx, actor, `meeting.${act.name || "action"}`, `meeting:${meeting.id}`, {});
      return result;
    });
  };
}

function needsStatus(meeting: LoadedMeeting, ...statuses: MeetingStatus[]): Failure | null {
  if (statuses.includes(meeting.status)) return null;
  return fail(`This cannot be done while the meeting is “${MEETING_STATUS_LABELS[meeting.status]}”`, 409);
}

function needsLive(meeting: LoadedMeeting): Failure | null {
  return needsStatus(meeting, "in_progress") ?? (meeting.adjourned ? fail("The meeting is adjourned: resume it first", 409) : null);
}

async function currentItem(db: Database, meeting: LoadedMeeting): Promise<AgendaItem | Failure> {
  if (!meeting.current_item_id) return fail("Open an agenda item first", 409);
  return db.selectFrom("agenda_items").selectAll().where("id", "=", meeting.current_item_id).executeTakeFirstOrThrow();
}

const itemLabel = (item: Pick<AgendaItem, "position" | "title">) => `item ${item.position}, ${item.title}`;

// ---------------------------------------------------------------------------------------------
// Meetings and agendas (the clerk)

export async function createMeeting(db: Database, actor: Actor, input: unknown): Promise<Result<{ meetingId: number }>> {
  const parsed = validate(createMeetingSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const board = await db.selectFrom("boards").select(["id", "locality_id"]).where("id", "=", v.boardId).executeTakeFirst();
  if (!board) return fail({ boardId: "Choose a board" }, 404);
  const allowed = decide(actor, "board.manage", boardTarget(board.id, board.locality_id));
  if (!allowed.ok) return fail(allowed.message, 403);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("meetings")
      .values({ board_id: board.id, title: v.title, starts_at: new Date(v.startsAt), venue: v.venue, online_link: v.onlineLink, agenda_published_at: null, urgency_reason: null, current_item_id: null, minutes: null, minutes_approved_at: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("meeting_status_changes").values({ meeting_id: row.id, from_status: null, to_status: "draft", by_user_id: actor.user!.id }).execute();
    await audit(trx, actor, "meeting.created", `meeting:${row.id}`, { boardId: board.id });
    return ok({ meetingId: row.id });
  });
}

export const addAgendaItem = action(agendaItemSchema, "manage", async function addAgendaItem(trx, meeting, v) {
  const refused = needsStatus(meeting, "draft");
  if (refused) return fail("Items can only be added while the agenda is a draft", 409);
  if (v.previousMeetingId) {
    const previous = await trx.selectFrom("meetings").select(["board_id", "starts_at"]).where("id", "=", v.previousMeetingId).executeTakeFirst();
    if (!previous || previous.board_id !== meeting.board_id || previous.starts_at >= meeting.starts_at) return fail({ previousMeetingId: "Choose an earlier meeting of this board" });
  }
  if (v.kind === "minutes" && !v.previousMeetingId) return fail({ previousMeetingId: "Choose the meeting whose minutes are to be approved" });
  const last = await trx.selectFrom("agenda_items").select(sql<number>`coalesce(max(position), 0)`.as("n")).where("meeting_id", "=", meeting.id).executeTakeFirstOrThrow();
  await trx
    .insertInto("agenda_items")
    .values({
      meeting_id: meeting.id,
      position: Number(last.n) + 1,
      kind: v.kind,
      title: v.title,
      summary: v.summary,
      recommendation: v.recommendation,
      exempt_paragraph: v.kind === "exempt" ? v.exemptParagraph! : null,
      public_interest_reason: v.kind === "exempt" ? v.publicInterestReason : null,
      previous_meeting_id: v.kind === "minutes" ? v.previousMeetingId! : null,
    })
    .execute();
  return done(trx, meeting.id);
});

/** Reorder a draft agenda: swap the item with its neighbour. After publication, only a recorded supplement may change it. */
export const moveAgendaItem = action(moveItemSchema, "manage", async function moveAgendaItem(trx, meeting, v) {
  if (needsStatus(meeting, "draft")) return fail("The agenda is published: it can only be changed by a supplementary agenda", 409);
  const items = await trx.selectFrom("agenda_items").select(["id", "position"]).where("meeting_id", "=", meeting.id).orderBy("position").execute();
  const at = items.findIndex((i) => i.id === v.itemId);
  if (at < 0) return fail({ itemId: "Choose an item on this agenda" });
  const other = items[v.direction === "up" ? at - 1 : at + 1];
  if (!other) return fail(`This item is already ${v.direction === "up" ? "first" : "last"}`, 409);
  const item = items[at]!;
  // (meeting_id, position) is unique: park the item, move its neighbour, then put the item in place.
  await trx.updateTable("agenda_items").set({ position: -1 }).where("id", "=", item.id).execute();
  await trx.updateTable("agenda_items").set({ position: item.position }).where("id", "=", other.id).execute();
  await trx.updateTable("agenda_items").set({ position: other.position }).where("id", "=", item.id).execute();
  return done(trx, meeting.id);
});

/** Take an item off a draft agenda (with its papers and citations); the items after it move up. */
export const removeAgendaItem = action(openItemSchema, "manage", async function removeAgendaItem(trx, meeting, v) {
  if (needsStatus(meeting, "draft")) return fail("The agenda is published: it can only be changed by a supplementary agenda", 409);
  const item = await trx.selectFrom("agenda_items").select(["id", "position"]).where("id", "=", v.itemId).where("meeting_id", "=", meeting.id).executeTakeFirst();
  if (!item) return fail({ itemId: "Choose an item on this agenda" });
  await trx.deleteFrom("evidence_citations").where("citing_kind", "=", "agenda_item").where("citing_id", "=", item.id).execute();
  await trx.deleteFrom("outcome_links").where("citing_kind", "=", "agenda_item").where("citing_id", "=", item.id).execute();
  await trx.deleteFrom("agenda_items").where("id", "=", item.id).execute();
  const after = await trx.selectFrom("agenda_items").select(["id", "position"]).where("meeting_id", "=", meeting.id).where("position", ">", item.position).orderBy("position").execute();
  for (const next of after) await trx.updateTable("agenda_items").set({ position: next.position - 1 }).where("id", "=", next.id).execute();
  return done(trx, meeting.id);
});

/** Publish day vs meeting day in clear working days; late needs the chair's recorded reason of urgency. */
export const publishAgenda = action(publishAgendaSchema, "manage", async function publishAgenda(trx, meeting, v, actor) {
  const refused = needsStatus(meeting, "draft");
  if (refused) return refused;
  const items = await trx.selectFrom("agenda_items").select("id").where("meeting_id", "=", meeting.id).execute();
  if (!items.length) return fail("Add at least one item before publishing the agenda", 409);
  const now = new Date();
  const holidays = await bankHolidaySet(trx);
  const meetingDay = londonDate(meeting.starts_at);
  const onTime = isPublishedInTime(londonDate(now), meetingDay, holidays);
  if (!onTime && !v.urgencyReason) {
    return fail({ urgencyReason: `This is too late for five clear working days’ notice (the last day was ${latestPublicationDay(meetingDay, holidays)}). Enter the chair’s reason of urgency to publish it late` });
  }
  await trx.updateTable("meetings").set({ agenda_published_at: now, urgency_reason: onTime ? null : v.urgencyReason }).where("id", "=", meeting.id).execute();
  const moved = await moveStatus(trx, actor, meeting, "agenda_published");
  if (moved) return moved;
  const announced = await done(trx, meeting.id, await record(trx, meeting, "agenda", "The agenda has been published"));
  // The board's followers are told (one event row here; a job writes their e-mails).
  const notified = await agendaPublished(trx, meeting);
  return announced.ok ? { ...announced, effects: [...(announced.effects ?? []), ...notified] } : announced;
});

/** Deleting is refused for six years after a meeting whose agenda was published. */
export async function deleteMeeting(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = validate(meetingIdSchema, input);
  if (!parsed.ok) return parsed;
  const meeting = await findMeeting(db, parsed.value.meetingId);
  if (!meeting) return fail("There is no such meeting", 404);
  const allowed = mayManage(actor, meeting);
  if (!allowed.ok) return fail(allowed.message, 403);
  const sixYearsAgo = new Date();
  sixYearsAgo.setFullYear(sixYearsAgo.getFullYear() - 6);
  if (meeting.agenda_published_at && meeting.starts_at > sixYearsAgo) {
    return fail("Agendas, papers, minutes and decisions must stay available for six years after the meeting: this meeting cannot be deleted yet", 409);
  }
  await db.transaction().execute(async (trx) => {
    await audit(trx, actor, "meeting.deleted", `meeting:${meeting.id}`, {});
    await trx.deleteFrom("meetings").where("id", "=", meeting.id).execute();
  });
  return ok(null);
}

// ---------------------------------------------------------------------------------------------
// Running the meeting (chair or clerk)

/**
 * Starting before the published day needs the chair's confirmation (`confirmEarly`): the real
 * start is recorded either way, and the minutes and the record use it.
 */
export const startMeeting = action(startMeetingSchema, "run", async function startMeeting(trx, meeting, v, actor) {
  const now = new Date();
  if (meeting.status === "agenda_published" && startsBeforeItsDay(meeting.starts_at, now) && !v.confirmEarly) {
    return fail({ confirmEarly: `This meeting is published for ${dayOf(meeting.starts_at)}. Confirm that it is starting today, before its published day` }, 409);
  }
  const moved = await moveStatus(trx, actor, meeting, "in_progress");
  if (moved) return moved;
  await trx.updateTable("meetings").set({ started_at: now }).where("id", "=", meeting.id).execute();
  const early = startsBeforeItsDay(meeting.starts_at, now);
  return done(trx, meeting.id, await record(trx, meeting, "status", early ? `The meeting has started, at ${timeOf(now)} on ${dayOf(now)}: before its published date of ${dayOf(meeting.starts_at)}` : "The meeting has started"));
});

const DAY = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" });
const dayOf = (at: Date) => DAY.format(at);

export const recordAttendance = action(attendanceSchema, "run", async function recordAttendance(trx, meeting, v) {
  const refused = needsStatus(meeting, "agenda_published", "in_progress");
  if (refused) return refused;
  const member = await trx.selectFrom("board_members").select(["id", "name"]).where("id", "=", v.memberId).where("board_id", "=", meeting.board_id).executeTakeFirst();
  if (!member) return fail({ memberId: "Choose a member of this board" });
  const now = new Date();
  let text: string;
  if (v.status === "left") {
    const row = await trx.updateTable("attendance").set({ left_at: now }).where("meeting_id", "=", meeting.id).where("member_id", "=", member.id).where("status", "=", "present").where("left_at", "is", null).returning("member_id").executeTakeFirst();
    if (!row) return fail({ memberId: `${member.name} is not in the meeting` }, 409);
    text = `${member.name} left the meeting at ${timeOf(now)}`;
  } else {
    const status = v.status === "arrived" ? "present" : v.status;
    const arrived = v.status === "arrived" ? now : null;
    await trx
      .insertInto("attendance")
      .values({ meeting_id: meeting.id, member_id: member.id, status, arrived_at: arrived, left_at: null })
      .onConflict((oc) => oc.columns(["meeting_id", "member_id"]).doUpdateSet({ status, arrived_at: arrived, left_at: null }))
      .execute();
    text = status === "present" ? (arrived ? `${member.name} arrived at ${timeOf(now)}` : `${member.name} is present`) : status === "apologies" ? `${member.name} sent apologies` : `${member.name} is absent`;
  }
  const q = await quorumNow(trx, meeting);
  return done(trx, meeting.id, await record(trx, meeting, "attendance", `${text}. ${quorumText(q)}`));
});

const TIME_OF_DAY = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit" });
export const timeOf = (at: Date) => TIME_OF_DAY.format(at);
export const quorumText = (q: Quorum) => `${q.quorate ? "Quorate" : "Not quorate"}: ${q.present} present, ${q.required} needed`;

/** Opening an exempt item takes the meeting into private session; any other item brings it back. */
export const openItem = action(openItemSchema, "run", async function openItem(trx, meeting, v) {
  const refused = needsLive(meeting);
  if (refused) return refused;
  const item = await trx.selectFrom("agenda_items").selectAll().where("id", "=", v.itemId).where("meeting_id", "=", meeting.id).executeTakeFirst();
  if (!item) return fail({ itemId: "Choose an item on this agenda" });
  const events: (PublicMeetingEvent | null)[] = [];
  const goingPrivate = item.kind === "exempt";
  if (goingPrivate && !meeting.in_private) {
    // Only a resolution to exclude the press and public takes the meeting into private (s100A(4)).
    return fail({ itemId: `Item ${item.position} is exempt: record the resolution to exclude the press and public before considering it` }, 409);
  }
  if (goingPrivate && !(await carriedExclusion(trx, meeting.id, item.id))) {
    return fail({ itemId: `Item ${item.position} is exempt: record a resolution to exclude the press and public for it` }, 409);
  }
  if (!goingPrivate && meeting.in_private) {
    events.push(await record(trx, meeting, "public", RETURNED_TO_PUBLIC, true));
  }
  await trx.updateTable("meetings").set({ current_item_id: item.id, in_private: goingPrivate }).where("id", "=", meeting.id).execute();
  meeting.in_private = goingPrivate;
  meeting.current_item_id = item.id;
  if (!goingPrivate) events.push(await record(trx, meeting, "item", `Now considering ${itemLabel(item)}`));
  else await record(trx, meeting, "item", `Now considering ${itemLabel(item)}`, false);
  return done(trx, meeting.id, ...events);
});

export const RETURNED_TO_PUBLIC = "The press and public were readmitted: the meeting returned to public session.";

function carriedExclusion(db: Database, meetingId: number, itemId: number) {
  return db.selectFrom("exclusion_resolutions").select("id").where("meeting_id", "=", meetingId).where("agenda_item_id", "=", itemId).where("carried", "=", true).executeTakeFirst();
}

/**
 * The resolution to exclude the press and public for an exempt item (Local Government Act 1972
 * s100A(4), naming its Schedule 12A paragraph): moved, seconded and voted on by a show of hands
 * in public. Carried, it takes the meeting into private for that item; lost, the meeting stays
 * in public and the item cannot be taken. Either way it is on the public record.
 */
export const excludePublic = action(exclusionSchema, "run", async function excludePublic(trx, meeting, v) {
  const refused = needsLive(meeting);
  if (refused) return refused;
  const item = await trx.selectFrom("agenda_items").selectAll().where("id", "=", v.exemptItemId).where("meeting_id", "=", meeting.id).executeTakeFirst();
  if (!item || item.kind !== "exempt" || !item.exempt_paragraph) return fail({ exemptItemId: "Choose an exempt item on this agenda" });
  if (await carriedExclusion(trx, meeting.id, item.id)) return fail({ exemptItemId: `The press and public are already excluded for item ${item.position}` }, 409);
  const open = await trx.selectFrom("motions as mo").innerJoin("agenda_items as ai", "ai.id", "mo.agenda_item_id").select("mo.id").where("ai.meeting_id", "=", meeting.id).where("mo.status", "=", "voting").executeTakeFirst();
  if (open) return fail("A vote is still open: declare its result first", 409);
  const members = await membersInRoom(trx, meeting, item.id);
  const proposer = members.find((m) => m.memberId === v.movedById);
  const seconder = members.find((m) => m.memberId === v.secondedById);
  const proposerProblem = cannotTakePart(proposer);
  if (proposerProblem) return fail({ movedById: `The mover must be a present voting member. ${proposerProblem}` });
  const seconderProblem = cannotTakePart(seconder);
  if (seconderProblem) return fail({ secondedById: `The seconder must be a present voting member. ${seconderProblem}` });
  const q = await quorumNow(trx, meeting, members);
  if (!q.quorate) return fail(`The meeting is not quorate (${q.present} voting members present, ${q.required} needed): the resolution cannot be put`, 409);
  const result = exclusionResult({ for: v.votesFor, against: v.votesAgainst, abstain: v.abstentions }, q.present);
  if (!result.ok) return fail({ votesFor: result.error });
  await trx
    .insertInto("exclusion_resolutions")
    .values({ meeting_id: meeting.id, agenda_item_id: item.id, exempt_paragraph: item.exempt_paragraph, proposer_id: proposer!.memberId, seconder_id: seconder!.memberId, votes_for: v.votesFor, votes_against: v.votesAgainst, abstentions: v.abstentions, carried: result.carried })
    .execute();
  const wording = exclusionResolutionText({ position: item.position, paragraph: item.exempt_paragraph });
  const events = [
    await record(
      trx,
      meeting,
      "resolution",
      `Resolution moved by ${proposer!.name} and seconded by ${seconder!.name}: “${wording}” ${result.carried ? "Carried" : "Lost"}: ${v.votesFor} for, ${v.votesAgainst} against, ${v.abstentions} abstained.`,
      true,
    ),
  ];
  if (!result.carried) return done(trx, meeting.id, ...events);
  // The notice is the last public thing until the meeting comes back into public session.
  events.push(await record(trx, meeting, "private", `The meeting is in private for item ${item.position} under paragraph ${item.exempt_paragraph} of Schedule 12A. The public feed is paused.`, true));
  await trx.updateTable("meetings").set({ current_item_id: item.id, in_private: true }).where("id", "=", meeting.id).execute();
  meeting.in_private = true;
  meeting.current_item_id = item.id;
  await record(trx, meeting, "item", `Now considering ${itemLabel(item)}`, false);
  return done(trx, meeting.id, ...events);
});

/** The press and public come back in: the log says so, and no item is open until the chair opens one. */
export const returnToPublic = action(meetingIdSchema, "run", async function returnToPublic(trx, meeting) {
  const refused = needsStatus(meeting, "in_progress");
  if (refused) return refused;
  if (!meeting.in_private) return fail("The meeting is already in public session", 409);
  await trx.updateTable("meetings").set({ in_private: false, current_item_id: null }).where("id", "=", meeting.id).execute();
  meeting.in_private = false;
  return done(trx, meeting.id, await record(trx, meeting, "public", RETURNED_TO_PUBLIC, true));
});

export const declareInterest = action(declarationSchema, "run", async function declareInterest(trx, meeting, v) {
  const refused = needsStatus(meeting, "agenda_published", "in_progress");
  if (refused) return refused;
  const item = await trx.selectFrom("agenda_items").select(["id", "position", "title", "kind"]).where("id", "=", v.itemId).where("meeting_id", "=", meeting.id).executeTakeFirst();
  if (!item) return fail({ itemId: "Choose an item on this agenda" });
  const member = await trx.selectFrom("board_members").select(["id", "name"]).where("id", "=", v.memberId).where("board_id", "=", meeting.board_id).executeTakeFirst();
  if (!member) return fail({ memberId: "Choose a member of this board" });
  const leaves = mustLeave(v.kind);
  const row = await trx
    .insertInto("declarations")
    .values({ agenda_item_id: item.id, member_id: member.id, kind: v.kind, description: v.description, leaves })
    .onConflict((oc) => oc.columns(["agenda_item_id", "member_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!row) return fail({ memberId: `${member.name} has already declared an interest in this item` }, 409);
  const inPrivateItem = meeting.in_private && meeting.current_item_id === item.id;
  return done(trx, meeting.id, await record(trx, meeting, "declaration", `${member.name} declared ${INTEREST_LABEL[v.kind]} in ${itemLabel(item)}: ${v.description.replace(/[.!?]+$/, "")}.${leaves ? ` ${member.name} leaves the meeting for this item and will not vote.` : ""}`, !inPrivateItem && item.kind !== "exempt"));
});

export const proposeMotion = action(motionSchema, "run", async function proposeMotion(trx, meeting, v) {
  const refused = needsLive(meeting);
  if (refused) return refused;
  const item = await currentItem(trx, meeting);
  if (isFailure(item)) return item;
  const members = await membersInRoom(trx, meeting);
  const proposer = members.find((m) => m.memberId === v.proposerId);
  const seconder = members.find((m) => m.memberId === v.seconderId);
  const proposerProblem = cannotTakePart(proposer);
  if (proposerProblem) return fail({ proposerId: `The proposer must be a present voting member. ${proposerProblem}` });
  const seconderProblem = cannotTakePart(seconder);
  if (seconderProblem) return fail({ seconderId: `The seconder must be a present voting member. ${seconderProblem}` });
  if (v.amendsMotionId) {
    const target = await trx.selectFrom("motions").select(["id", "status"]).where("id", "=", v.amendsMotionId).where("agenda_item_id", "=", item.id).executeTakeFirst();
    if (!target || target.status !== "proposed") return fail({ amendsMotionId: "An amendment must be to a motion on this item that has not been voted on" });
  }
  const open = await trx.selectFrom("motions").select("id").where("agenda_item_id", "=", item.id).where("status", "=", "voting").executeTakeFirst();
  if (open) return fail("Finish the vote in progress first", 409);
  await trx.insertInto("motions").values({ agenda_item_id: item.id, amends_motion_id: v.amendsMotionId ?? null, text: v.text, proposer_id: proposer!.memberId, seconder_id: seconder!.memberId, votes_for: null, votes_against: null, abstentions: null, casting_vote: null, decided_at: null }).execute();
  return done(trx, meeting.id, await record(trx, meeting, "motion", `${v.amendsMotionId ? "Amendment" : "Motion"} on ${itemLabel(item)}: “${v.text}”, proposed by ${proposer!.name} and seconded by ${seconder!.name}`));
});

async function motionOnCurrentItem(db: Database, meeting: LoadedMeeting, motionId: number) {
  const motion = await db.selectFrom("motions").selectAll().where("id", "=", motionId).executeTakeFirst();
  if (!motion || motion.agenda_item_id !== meeting.current_item_id) return fail("Choose a motion on the item being considered", 404);
  return motion;
}

export const callVote = action(motionIdSchema, "run", async function callVote(trx, meeting, v) {
  const refused = needsLive(meeting);
  if (refused) return refused;
  const motion = await motionOnCurrentItem(trx, meeting, v.motionId);
  if (isFailure(motion)) return motion;
  if (motion.status !== "proposed") return fail("This motion is not waiting for a vote", 409);
  if (!motion.amends_motion_id) {
    const amendment = await trx.selectFrom("motions").select("id").where("amends_motion_id", "=", motion.id).where("status", "in", ["proposed", "voting"]).executeTakeFirst();
    if (amendment) return fail("Vote on the amendments to this motion first", 409);
  }
  const q = await quorumNow(trx, meeting);
  if (!q.quorate) return fail(`The meeting is not quorate (${q.present} voting members present, ${q.required} needed): a vote cannot be called`, 409);
  await trx.updateTable("motions").set({ status: "voting" }).where("id", "=", motion.id).execute();
  return done(trx, meeting.id, await record(trx, meeting, "vote-called", `Vote called on “${motion.text}”`));
});

/** A named vote: the clerk or chair records it, or the member casts their own. */
export async function castVote(db: Database, actor: Actor, input: unknown): Promise<Result<Announced>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(voteSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return transact(db, async (trx) => {
    const meeting = await beginForMember(trx, actor, v.meetingId, v.memberId, "Only members of this board can vote, each for themselves, or the chair or clerk recording the vote");
    if (isFailure(meeting)) return meeting;
    const live = needsLive(meeting);
    if (live) return live;
    const motion = await motionOnCurrentItem(trx, meeting, v.motionId);
    if (isFailure(motion)) return motion;
    if (motion.status !== "voting") return fail("Voting is not open on this motion", 409);
    const member = (await membersInRoom(trx, meeting)).find((m) => m.memberId === v.memberId);
    const problem = cannotTakePart(member);
    if (problem) return fail({ memberId: `${problem}, so cannot vote` });
    await trx
      .insertInto("votes")
      .values({ motion_id: motion.id, member_id: member!.memberId, choice: v.choice })
      .onConflict((oc) => oc.columns(["motion_id", "member_id"]).doUpdateSet({ choice: v.choice, cast_at: new Date() }))
      .execute();
    const word = v.choice === "abstain" ? "abstained" : `voted ${v.choice}`;
    return done(trx, meeting.id, await record(trx, meeting, "vote", `${member!.name} ${word}`));
  });
}

/**
 * A motion or amendment is withdrawn by its proposer before the vote is called: the proposer
 * themselves (a member with a linked account), or the chair or clerk recording it at the
 * proposer's request. A motion with amendments still waiting must have them dealt with first.
 */
export async function withdrawMotion(db: Database, actor: Actor, input: unknown): Promise<Result<Announced>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(motionIdSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return transact(db, async (trx) => {
    const proposerId = (await trx.selectFrom("motions").select("proposer_id").where("id", "=", v.motionId).executeTakeFirst())?.proposer_id ?? 0;
    const meeting = await beginForMember(trx, actor, v.meetingId, proposerId, "Only the proposer, or the chair or clerk at the proposer’s request, can withdraw a motion");
    if (isFailure(meeting)) return meeting;
    const motion = await motionOnCurrentItem(trx, meeting, v.motionId);
    if (isFailure(motion)) return motion;
    const proposer = await trx.selectFrom("board_members").select("name").where("id", "=", motion.proposer_id).executeTakeFirstOrThrow();
    const live = needsLive(meeting);
    if (live) return live;
    if (motion.status !== "proposed") return fail("Only a motion that has not been put to the vote can be withdrawn", 409);
    const amendment = await trx.selectFrom("motions").select("id").where("amends_motion_id", "=", motion.id).where("status", "in", ["proposed", "voting"]).executeTakeFirst();
    if (amendment) return fail("Deal with the amendments to this motion first", 409);
    await trx.updateTable("motions").set({ status: "withdrawn", decided_at: new Date() }).where("id", "=", motion.id).execute();
    await audit(trx, actor, "meeting.withdrawMotion", `meeting:${meeting.id}`, { motionId: motion.id });
    return done(trx, meeting.id, await record(trx, meeting, "motion", `${motion.amends_motion_id ? "Amendment" : "Motion"} withdrawn by its proposer, ${proposer.name}: “${motion.text}”`));
  });
}

/** Majority of those voting; a tie needs the chair's explicit casting vote. Carrying the minutes item approves the previous minutes. */
export const declareResult = action(resultSchema, "run", async function declareResult(trx, meeting, v, actor) {
  const refused = needsLive(meeting);
  if (refused) return refused;
  const motion = await motionOnCurrentItem(trx, meeting, v.motionId);
  if (isFailure(motion)) return motion;
  if (motion.status !== "voting") return fail("Voting is not open on this motion", 409);
  const cast = await trx.selectFrom("votes").select("choice").where("motion_id", "=", motion.id).execute();
  const result = voteResult(tally(cast.map((c) => c.choice)), v.casting);
  if (!result.ok) return fail({ casting: result.error }, 409);
  const { tally: t } = result;
  await trx
    .updateTable("motions")
    .set({ status: result.result, votes_for: t.for, votes_against: t.against, abstentions: t.abstain, casting_vote: result.casting, decided_at: new Date() })
    .where("id", "=", motion.id)
    .execute();
  const events = [
    await record(trx, meeting, "result", `${motion.amends_motion_id ? "Amendment" : "Motion"} ${result.result}: ${t.for} for, ${t.against} against, ${t.abstain} abstained${result.casting ? `; the chair gave a casting vote ${result.casting}` : ""}. “${motion.text}”`),
  ];
  const item = await trx.selectFrom("agenda_items").select(["kind", "previous_meeting_id"]).where("id", "=", motion.agenda_item_id).executeTakeFirstOrThrow();
  if (item.kind === "minutes" && item.previous_meeting_id && result.result === "carried" && !motion.amends_motion_id) {
    const previous = await findMeeting(trx, item.previous_meeting_id, true);
    if (!previous || previous.status !== "minutes_published") return fail("The previous meeting’s minutes must be published as a draft before they can be approved", 409);
    await moveStatus(trx, actor, previous, "minutes_approved");
    await trx.updateTable("meetings").set({ minutes_approved_at: new Date() }).where("id", "=", previous.id).execute();
    events.push(await record(trx, meeting, "minutes", `The minutes of ${previous.title} were approved as a correct record`));
  }
  return done(trx, meeting.id, ...events);
});

export const recordDecision = action(decisionSchema, "run", async function recordDecision(trx, meeting, v, actor) {
  const refused = needsStatus(meeting, "in_progress");
  if (refused) return refused;
  const item = await trx.selectFrom("agenda_items").select(["id", "position", "title", "kind"]).where("id", "=", v.itemId).where("meeting_id", "=", meeting.id).executeTakeFirst();
  if (!item) return fail({ itemId: "Choose an item on this agenda" });
  if (v.motionId) {
    const motion = await trx.selectFrom("motions").select(["status", "agenda_item_id"]).where("id", "=", v.motionId).executeTakeFirst();
    if (!motion || motion.agenda_item_id !== item.id || !["carried", "lost"].includes(motion.status)) return fail({ motionId: "Choose a motion on this item that has been voted on" });
  }
  const row = await trx.insertInto("decisions").values({ meeting_id: meeting.id, agenda_item_id: item.id, motion_id: v.motionId ?? null, text: v.decision, reasons: v.reasons }).returning("id").executeTakeFirstOrThrow();
  // The evidence and outcomes it relies on, in the same transaction (the golden thread).
  const cited = await citeForDecision(trx, row.id, v);
  if (!cited.ok) return cited.errors.outcomeNodeIds ? fail({ outcomeNodeIds: "Choose outcomes from the list" }) : cited;
  await linkSubjectsOfAgendaItem(trx, row.id, item.id, v.motionId ?? null, actor); // a commissioning plan on this item is decided by it
  return done(trx, meeting.id, await record(trx, meeting, "decision", `Decision on ${itemLabel(item)}: ${v.decision}`, item.kind !== "exempt" && !meeting.in_private));
});

export const adjournMeeting = action(meetingIdSchema, "run", async function adjournMeeting(trx, meeting) {
  const refused = needsLive(meeting);
  if (refused) return refused;
  await trx.updateTable("meetings").set({ adjourned: true }).where("id", "=", meeting.id).execute();
  return done(trx, meeting.id, await record(trx, meeting, "status", "The meeting is adjourned", true));
});

export const resumeMeeting = action(meetingIdSchema, "run", async function resumeMeeting(trx, meeting) {
  const refused = needsStatus(meeting, "in_progress");
  if (refused) return refused;
  if (!meeting.adjourned) return fail("The meeting is not adjourned", 409);
  await trx.updateTable("meetings").set({ adjourned: false }).where("id", "=", meeting.id).execute();
  return done(trx, meeting.id, await record(trx, meeting, "status", "The meeting has resumed", true));
});

export const closeMeeting = action(meetingIdSchema, "run", async function closeMeeting(trx, meeting, _input, actor) {
  const voting = await trx.selectFrom("motions as mo").innerJoin("agenda_items as ai", "ai.id", "mo.agenda_item_id").select("mo.id").where("ai.meeting_id", "=", meeting.id).where("mo.status", "=", "voting").executeTakeFirst();
  if (voting) return fail("A vote is still open: declare its result first", 409);
  const moved = await moveStatus(trx, actor, meeting, "closed");
  if (moved) return moved;
  const wasPrivate = meeting.in_private;
  await trx.updateTable("meetings").set({ in_private: false, adjourned: false, current_item_id: null }).where("id", "=", meeting.id).execute();
  const back = wasPrivate ? await record(trx, meeting, "public", RETURNED_TO_PUBLIC, true) : null;
  return done(trx, meeting.id, back, await record(trx, meeting, "status", "The meeting is closed", true));
});

// ---------------------------------------------------------------------------------------------
// Minutes (the clerk)

export const generateMinutes = action(meetingIdSchema, "manage", async function generateMinutes(trx, meeting, _input, actor) {
  const moved = await moveStatus(trx, actor, meeting, "minutes_drafted");
  if (moved) return moved;
  // The minutes are published, so exempt items appear by title, paragraph and the exclusion
  // resolution only; their full record goes into the confidential minutes, for members.
  const record = await meetingRecord(trx, meeting.id, { includeExempt: false });
  const full = await meetingRecord(trx, meeting.id, { includeExempt: true });
  const confidential = confidentialMinutes(minutesInput(meeting, full));
  await trx.updateTable("meetings").set({ minutes: draftMinutes(minutesInput(meeting, record)), confidential_minutes: confidential || null }).where("id", "=", meeting.id).execute();
  return done(trx, meeting.id);
});

export const editMinutes = action(minutesSchema, "manage", async function editMinutes(trx, meeting, v) {
  const refused = needsStatus(meeting, "minutes_drafted");
  if (refused) return fail("Minutes can only be edited before they are published", 409);
  await trx.updateTable("meetings").set({ minutes: v.minutes, ...(v.confidentialMinutes === undefined ? {} : { confidential_minutes: v.confidentialMinutes || null }) }).where("id", "=", meeting.id).execute();
  return done(trx, meeting.id);
});

export const publishMinutes = action(meetingIdSchema, "manage", async function publishMinutes(trx, meeting, _input, actor) {
  const moved = await moveStatus(trx, actor, meeting, "minutes_published");
  if (moved) return moved;
  return done(trx, meeting.id);
});

// ---------------------------------------------------------------------------------------------
// Reading the record

/**
 * The meeting's record. For the public (`includeExempt: false`) exempt items keep only their
 * number, title and Schedule 12A paragraph: no summary, recommendation, papers, declarations,
 * motions, votes or decisions.
 */
export async function meetingRecord(db: Database, meetingId: number, options: { includeExempt: boolean }) {
  const items = await db.selectFrom("agenda_items").selectAll().where("meeting_id", "=", meetingId).orderBy("position").execute();
  const visible = (kind: string) => options.includeExempt || kind !== "exempt";
  const ids = items.filter((i) => visible(i.kind)).map((i) => i.id);
  const none = [-1];
  const [attendance, declarations, motions, votes, decisions, outcomes, exclusions] = await Promise.all([
    db.selectFrom("board_members as bm")
      .innerJoin("meetings as m", "m.board_id", "bm.board_id")
      .leftJoin("attendance as a", (j) => j.onRef("a.member_id", "=", "bm.id").onRef("a.meeting_id", "=", "m.id"))
      .select(["bm.id", "bm.name", "bm.role", "bm.voting", "a.status", "a.arrived_at", "a.left_at"])
      .where("m.id", "=", meetingId)
      .orderBy("bm.id")
      .execute(),
    db.selectFrom("declarations as d").innerJoin("board_members as bm", "bm.id", "d.member_id").select(["d.agenda_item_id", "d.kind", "d.description", "d.leaves", "bm.name"]).where("d.agenda_item_id", "in", ids.length ? ids : none).orderBy("d.id").execute(),
    db.selectFrom("motions as mo")
      .innerJoin("board_members as p", "p.id", "mo.proposer_id")
      .innerJoin("board_members as s", "s.id", "mo.seconder_id")
      .selectAll("mo")
      .select(["p.name as proposer", "s.name as seconder"])
      .where("mo.agenda_item_id", "in", ids.length ? ids : none)
      .orderBy("mo.id")
      .execute(),
    db.selectFrom("votes as v").innerJoin("motions as mo", "mo.id", "v.motion_id").innerJoin("board_members as bm", "bm.id", "v.member_id").select(["v.motion_id", "v.choice", "bm.name"]).where("mo.agenda_item_id", "in", ids.length ? ids : none).orderBy("bm.name").execute(),
    db.selectFrom("decisions").selectAll().where("agenda_item_id", "in", ids.length ? ids : none).orderBy("id").execute(),
    db.selectFrom("decision_outcomes as o").innerJoin("decisions as d", "d.id", "o.decision_id").innerJoin("outcome_nodes as n", "n.id", "o.outcome_node_id").select(["o.decision_id", "n.id", "n.title"]).where("d.meeting_id", "=", meetingId).execute(),
    // Resolutions to exclude the public are themselves public (moved and voted on in public).
    db.selectFrom("exclusion_resolutions as x")
      .innerJoin("board_members as p", "p.id", "x.proposer_id")
      .innerJoin("board_members as s", "s.id", "x.seconder_id")
      .select(["x.agenda_item_id", "x.votes_for", "x.votes_against", "x.abstentions", "x.carried", "p.name as proposer", "s.name as seconder"])
      .where("x.meeting_id", "=", meetingId)
      .where("x.carried", "=", true)
      .execute(),
  ]);
  return {
    attendance,
    items: items.map((item) => {
      const open = visible(item.kind);
      return {
        id: item.id,
        position: item.position,
        kind: item.kind,
        title: item.title,
        exemptParagraph: item.exempt_paragraph,
        previousMeetingId: item.previous_meeting_id,
        summary: open ? item.summary : "",
        recommendation: open ? item.recommendation : "",
        publicInterestReason: options.includeExempt ? item.public_interest_reason : null,
        declarations: declarations.filter((d) => d.agenda_item_id === item.id),
        motions: motions
          .filter((m) => m.agenda_item_id === item.id)
          .map((m) => ({ ...m, votes: votes.filter((v) => v.motion_id === m.id).map((v) => ({ name: v.name, choice: v.choice })) })),
        decisions: decisions.filter((d) => d.agenda_item_id === item.id).map((d) => ({ ...d, outcomes: outcomes.filter((o) => o.decision_id === d.id) })),
        exclusion: exclusions.find((x) => x.agenda_item_id === item.id) ?? null,
      };
    }),
  };
}
export type MeetingRecord = Awaited<ReturnType<typeof meetingRecord>>;

function minutesInput(meeting: LoadedMeeting, r: MeetingRecord) {
  return {
    boardName: meeting.board_name,
    title: meeting.title,
    startsAt: meeting.starts_at,
    startedAt: meeting.started_at,
    venue: meeting.venue,
    attendance: r.attendance
      .filter((a) => a.status)
      .map((a) => ({ name: a.name, status: a.status!, arrivedLate: a.arrived_at ? timeOf(a.arrived_at) : null, leftEarly: a.left_at ? timeOf(a.left_at) : null })),
    items: r.items.map((i) => ({
      number: i.position,
      kind: i.kind,
      title: i.title,
      exemptParagraph: i.exemptParagraph,
      exclusion: i.exclusion ? { proposer: i.exclusion.proposer, seconder: i.exclusion.seconder, for: i.exclusion.votes_for, against: i.exclusion.votes_against, abstain: i.exclusion.abstentions } : null,
      declarations: i.declarations.map((d) => ({ name: d.name, kind: d.kind, description: d.description, leaves: d.leaves })),
      motions: i.motions.map((m) => ({ text: m.text, amendment: m.amends_motion_id !== null, proposer: m.proposer, seconder: m.seconder, status: m.status, votes: m.votes, casting: m.casting_vote })),
      decisions: i.decisions.map((d) => ({ text: d.text, reasons: d.reasons })),
    })),
  };
}

/**
 * What a public meeting page shows live, after the public event `asOf` (attendance, quorum,
 * the item being considered, motions with their named votes, decisions, the meeting's state).
 * Every broadcast command's last event carries it; the page applies the newest it has seen.
 */
function liveOf(meeting: LoadedMeeting, record: MeetingRecord, members: MemberInRoom[], q: Quorum, asOf: number): PublicLiveView {
  const current = record.items.find((i) => i.id === meeting.current_item_id) ?? null;
  const exempt = current?.kind === "exempt";
  return {
    asOf,
    meeting: { status: meeting.status, statusLabel: MEETING_STATUS_LABELS[meeting.status], inPrivate: meeting.in_private, adjourned: meeting.adjourned },
    // An exempt item is named by its number and paragraph only, live.
    current: current ? { id: current.id, position: current.position, title: exempt ? "" : current.title, exemptParagraph: current.exemptParagraph } : null,
    members,
    quorum: q,
    // What changes during a meeting, per public item (titles, summaries and papers do not: the page has them).
    items: record.items.filter((i) => i.kind !== "exempt").map((i) => ({ id: i.id, declarations: i.declarations, motions: i.motions, decisions: i.decisions })),
  };
}

/** The public live view now; null for a draft meeting. `asOf`: the last public event it includes. */
export async function publicLive(db: Database, meetingId: number, asOf: number): Promise<PublicLiveView | null> {
  const meeting = await findMeeting(db, meetingId);
  if (!meeting || meeting.status === "draft") return null;
  const [record, members] = await Promise.all([meetingRecord(db, meeting.id, { includeExempt: false }), membersInRoom(db, meeting)]);
  return liveOf(meeting, record, members, await quorumNow(db, meeting, members), asOf);
}

/** Everything the public page shows; null for a draft (unpublished) meeting. */
export async function publicMeeting(db: Database, meetingId: number) {
  const meeting = await findMeeting(db, meetingId);
  if (!meeting || meeting.status === "draft") return null;
  const [record, members, events, papers] = await Promise.all([
    meetingRecord(db, meeting.id, { includeExempt: false }),
    membersInRoom(db, meeting),
    db.selectFrom("meeting_events").select(["id", "kind", "text", "at"]).where("meeting_id", "=", meeting.id).where("public", "=", true).orderBy("id", "desc").limit(50).execute(),
    publicPapers(db, meeting.id),
  ]);
  const q = await quorumNow(db, meeting, members);
  const live = liveOf(meeting, record, members, q, events[0]?.id ?? 0);
  const board = await db.selectFrom("boards").select("question_deadline_days").where("id", "=", meeting.board_id).executeTakeFirstOrThrow();
  const deadline = questionDeadline(meeting.starts_at, board.question_deadline_days);
  const current = record.items.find((i) => i.id === meeting.current_item_id) ?? null;
  const previous = await db.selectFrom("meetings").select(["id", "title"]).where("board_id", "=", meeting.board_id).where("starts_at", "<", meeting.starts_at).where("status", "!=", "draft").orderBy("starts_at", "desc").executeTakeFirst();
  return {
    meeting: publicMeetingFields(meeting),
    record,
    members,
    quorum: q,
    current: current ? { id: current.id, position: current.position, title: current.title, exemptParagraph: current.exemptParagraph } : null,
    events: events.map((e) => ({ ...e, meetingId: meeting.id, at: e.at.toISOString() })).reverse(),
    minutes: ["minutes_published", "minutes_approved"].includes(meeting.status) ? meeting.minutes : null,
    papers,
    previous: previous ?? null,
    questionDeadline: deadline.toISOString(),
    questionsOpen: meeting.status === "agenda_published" && new Date() <= deadline,
    live,
  };
}

function publicMeetingFields(m: LoadedMeeting) {
  return {
    id: m.id,
    title: m.title,
    boardId: m.board_id,
    boardName: m.board_name,
    boardSlug: m.board_slug,
    localityId: m.locality_id,
    startsAt: m.starts_at.toISOString(),
    startedAt: m.started_at?.toISOString() ?? null,
    venue: m.venue,
    onlineLink: m.online_link,
    status: m.status,
    statusLabel: MEETING_STATUS_LABELS[m.status],
    agendaPublishedAt: m.agenda_published_at?.toISOString() ?? null,
    urgencyReason: m.urgency_reason,
    inPrivate: m.in_private,
    adjourned: m.adjourned,
    minutesApprovedAt: m.minutes_approved_at?.toISOString() ?? null,
  };
}

/** Papers of public items only: exempt items' papers are never listed to the public. */
function publicPapers(db: Database, meetingId: number) {
  return db.selectFrom("papers as p").innerJoin("agenda_items as ai", "ai.id", "p.agenda_item_id").select(["p.id", "p.title", "p.agenda_item_id", "p.size_bytes", "p.media_type"]).where("ai.meeting_id", "=", meetingId).where("ai.kind", "!=", "exempt").execute();
}

/** Everything the console shows: the full record (including exempt items) and who is in the room. */
export async function meetingConsole(db: Database, actor: Actor, meetingId: number) {
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) return fail("There is no such meeting", 404);
  const refused = await mayRun(db, actor, meeting);
  if (refused) return refused;
  const [record, members, holidays] = await Promise.all([meetingRecord(db, meeting.id, { includeExempt: true }), membersInRoom(db, meeting), bankHolidaySet(db)]);
  const [q, previousMeetings, { outcomeNodes, evidenceGroups }, papers, questions] = await Promise.all([
    quorumNow(db, meeting, members),
    db.selectFrom("meetings").select(["id", "title", "starts_at", "status"]).where("board_id", "=", meeting.board_id).where("starts_at", "<", meeting.starts_at).orderBy("starts_at", "desc").limit(10).execute(),
    citationChoices(db, actor, meeting.locality_id),
    db.selectFrom("papers as p").innerJoin("agenda_items as ai", "ai.id", "p.agenda_item_id").select(["p.id", "p.title", "p.agenda_item_id"]).where("ai.meeting_id", "=", meeting.id).orderBy("p.id").execute(),
    listQuestions(db, meeting.id, { all: true }),
  ]);
  const meetingDay = londonDate(meeting.starts_at);
  return ok({
    meeting: { ...publicMeetingFields(meeting), currentItemId: meeting.current_item_id, minutes: meeting.minutes, confidentialMinutes: meeting.confidential_minutes },
    startsEarlyIfNow: startsBeforeItsDay(meeting.starts_at, new Date()),
    exclusions: await db.selectFrom("exclusion_resolutions").select(["agenda_item_id", "carried"]).where("meeting_id", "=", meeting.id).execute(),
    canManage: mayManage(actor, meeting).ok,
    record,
    members,
    quorum: q,
    publishBy: latestPublicationDay(meetingDay, holidays),
    publishedOnTimeIfNow: isPublishedInTime(londonDate(new Date()), meetingDay, holidays),
    previousMeetings: previousMeetings.map((p) => ({ id: p.id, title: p.title, startsAt: p.starts_at.toISOString(), status: p.status })),
    outcomeNodes,
    evidenceGroups,
    papers,
    questions,
  });
}

/**
 * The residents' comment feed of a published meeting: one per meeting, created the first time it
 * is asked for. It answers to the board, so the board's chair (a chair grant scoped to the board
 * or its locality) and clerk may open quick polls on it.
 */
export function meetingFeed(db: Database, meeting: { id: number; title: string; boardName: string; boardId: number; localityId: number | null }) {
  return getOrCreateFeed(db, { kind: "meeting", id: meeting.id, title: `${meeting.boardName}: ${meeting.title}`, localityId: meeting.localityId, boardId: meeting.boardId });
}

/**
 * For a live view (re)joining: the public events after `after`, and the live view now, read in one
 * snapshot (so the view is exactly as of the last event returned, or of `after`). Null for a draft.
 * The caller joins the room BEFORE calling this, so nothing committed in between is missed.
 */
export async function publicEventsSince(db: Database, meetingId: number, after = 0): Promise<{ events: PublicMeetingEvent[]; live: PublicLiveView } | null> {
  return db
    .transaction()
    .setIsolationLevel("repeatable read")
    .setAccessMode("read only")
    .execute(async (trx) => {
      const rows = await trx.selectFrom("meeting_events").select(["id", "kind", "text", "at"]).where("meeting_id", "=", meetingId).where("public", "=", true).where("id", ">", after).orderBy("id").limit(500).execute();
      const last = await trx.selectFrom("meeting_events").select((eb) => eb.fn.max("id").as("id")).where("meeting_id", "=", meetingId).where("public", "=", true).executeTakeFirst();
      const live = await publicLive(trx, meetingId, Number(last?.id ?? 0));
      if (!live) return null;
      return { events: rows.map((r) => ({ id: r.id, meetingId, kind: r.kind, text: r.text, at: r.at.toISOString() })), live };
    });
}

export function listBoardMeetings(db: Database, boardId: number, options: { includeDrafts: boolean }) {
  let q = db.selectFrom("meetings").select(["id", "title", "starts_at", "status", "venue"]).where("board_id", "=", boardId).orderBy("starts_at", "desc");
  if (!options.includeDrafts) q = q.where("status", "!=", "draft");
  return q.execute();
}

/** A published meeting's own fields (no record): for its iCalendar file and its residents' feed. */
export async function publishedMeeting(db: Database, meetingId: number) {
  const meeting = await findMeeting(db, meetingId);
  if (!meeting || meeting.status === "draft") return null;
  return publicMeetingFields(meeting);
}

// ---------------------------------------------------------------------------------------------
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
 * Draft agendas for meetings still to come, on boards this person clerks, with the last day each
 * can be published for five clear working days' notice; the most pressing first.
 */
export async function agendasToPublish(db: Database, actor: Actor, now = new Date()): Promise<AgendaDue[]> {
  if (!actor.user) return [];
  const rows = await db
    .selectFrom("meetings as m")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .select(["m.id", "m.title", "m.starts_at", "b.id as board_id", "b.name as board_name", "b.locality_id"])
    .where("m.status", "=", "draft")
    .where("m.starts_at", ">", now)
    .orderBy("m.starts_at")
    .execute();
  const mine = rows.filter((r) => decide(actor, "board.manage", boardTarget(r.board_id, r.locality_id)).ok);
  if (!mine.length) return [];
  const holidays = await bankHolidaySet(db);
  const today = londonDate(now);
  return mine.map((r) => {
    const publishBy = latestPublicationDay(londonDate(r.starts_at), holidays);
    const daysLeft = Math.round((Date.parse(`${publishBy}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
    return { meetingId: r.id, title: r.title, boardName: r.board_name, startsAt: r.starts_at.toISOString(), publishBy, daysLeft, late: daysLeft < 0 };
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
