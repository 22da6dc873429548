/**
 * Board meetings, running one (chair or clerk): starting, attendance, opening items, private
 * session, declarations of interest, adjourning, resuming and closing.
 */
import type { Database } from "../../../db/client";
import type { PublicMeetingEvent } from "./socket-events";
import { formatDate } from "../../lib/dates";
import { fail } from "../../lib/result";
import { cannotTakePart, exclusionResolutionText, exclusionResult, startsBeforeItsDay, INTEREST_LABEL, mustLeave } from "./rules";
import { attendanceSchema, declarationSchema, exclusionSchema, meetingIdSchema, openItemSchema, startMeetingSchema } from "./schema";
import { action, done } from "./console-action.server";
import { itemLabel, membersInRoom, moveStatus, needsLive, needsStatus, quorumNow, quorumText, record, timeOf } from "./meetings-shared.server";

// ---------------------------------------------------------------------------------------------
// Running the meeting (chair or clerk)

/**
 * Starting before the published day needs the chair's confirmation (`confirmEarly`): the real
 * start is recorded either way, and the minutes and the record use it.
 */
export const startMeeting = action(startMeetingSchema, "run", async function startMeeting(trx, meeting, v, actor) {
  const now = new Date();
  // A cancelled meeting is not held (the cancellation locks the same meeting row, so this cannot race it).
  if (await trx.selectFrom("meeting_cancellations").select("meeting_id").where("meeting_id", "=", meeting.id).executeTakeFirst()) return fail("This meeting has been cancelled: it cannot start", 409);
  if (meeting.status === "agenda_published" && startsBeforeItsDay(meeting.starts_at, now) && !v.confirmEarly) {
    return fail({ confirmEarly: `This meeting is published for ${formatDate(meeting.starts_at)}. Confirm that it is starting today, before its published day` }, 409);
  }
  const moved = await moveStatus(trx, actor, meeting, "in_progress");
  if (moved) return moved;
  await trx.updateTable("meetings").set({ started_at: now }).where("id", "=", meeting.id).execute();
  const early = startsBeforeItsDay(meeting.starts_at, now);
  return done(trx, meeting.id, await record(trx, meeting, "status", early ? `The meeting has started, at ${timeOf(now)} on ${formatDate(now)}: before its published date of ${formatDate(meeting.starts_at)}` : "The meeting has started"));
});


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


/** Opening an exempt item takes the meeting into private session; any other item brings it back. */
export const openItem = action(openItemSchema, "run", async function openItem(trx, meeting, v) {
  const refused = needsLive(meeting);
  if (refused) return refused;
  const item = await trx.selectFrom("agenda_items").selectAll().where("id", "=", v.itemId).where("meeting_id", "=", meeting.id).executeTakeFirst();
  if (!item) return fail({ itemId: "Choose an item on this agenda" });
  if (item.withdrawn_at) return fail({ itemId: `Item ${item.position} was withdrawn by an agenda supplement: it is not considered` }, 409);
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
