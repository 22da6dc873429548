/**
 * Board meetings, the clerk's part: creating and deleting meetings, the agenda and its
 * publication, and the minutes.
 */
import { agendaPublished, minutesPublished } from "../notifications/meeting-events.server";
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { boardTarget } from "../boards/boards.server";
import { bankHolidaySet } from "../calendar/bank-holidays.server";
import { decide, type Actor } from "../permissions/permissions";
import { confidentialMinutes, draftMinutes, isPublishedInTime, latestPublicationDay, londonDate } from "./rules";
import { agendaItemSchema, createMeetingSchema, meetingIdSchema, minutesSchema, moveItemSchema, openItemSchema, publishAgendaSchema } from "./schema";
import { action, done } from "./console-action.server";
import { type LoadedMeeting, findMeeting, mayManage, moveStatus, needsStatus, record, timeOf } from "./meetings-shared.server";
import { type MeetingRecord, meetingRecord } from "./read.server";

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
  // The board's followers and its locality's are told (one event row here; a job writes their e-mails).
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
  const announced = await done(trx, meeting.id);
  const notified = await minutesPublished(trx, meeting); // the board's followers
  return announced.ok ? { ...announced, effects: [...(announced.effects ?? []), ...notified] } : announced;
});


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
