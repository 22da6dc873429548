/**
 * Board meetings: motions, named votes, results and decisions.
 */
import type { Database } from "../../../db/client";
import { transact } from "../../lib/effects.server";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { citeForDecision } from "../boards/decisions.server";
import { carriesPlan, linkSubjectsOfAgendaItem } from "../commissioning/decision-subjects.server";
import { type Actor } from "../permissions/permissions";
import { cannotTakePart, tally, voteResult } from "./rules";
import { decisionSchema, motionIdSchema, motionSchema, resultSchema, voteSchema } from "./schema";
import { action, done } from "./console-action.server";
import { type Announced, type LoadedMeeting, beginForMember, currentItem, findMeeting, isFailure, itemLabel, membersInRoom, moveStatus, needsLive, needsStatus, quorumNow, record } from "./meetings-shared.server";
import { decisionRecorded } from "../notifications/events.server";

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
  const item = await trx
    .selectFrom("agenda_items")
    .select(["id", "position", "title", "kind"])
    .select((eb) => carriesPlan(eb).as("carries_plan"))
    .where("id", "=", v.itemId)
    .where("meeting_id", "=", meeting.id)
    .executeTakeFirst();
  if (!item) return fail({ itemId: "Choose an item on this agenda" });
  if (v.motionId) {
    const motion = await trx.selectFrom("motions").select(["status", "agenda_item_id"]).where("id", "=", v.motionId).executeTakeFirst();
    if (!motion || motion.agenda_item_id !== item.id || !["carried", "lost"].includes(motion.status)) return fail({ motionId: "Choose a motion on this item that has been voted on" });
  }
  const row = await trx.insertInto("decisions").values({ meeting_id: meeting.id, agenda_item_id: item.id, motion_id: v.motionId ?? null, text: v.decision, reasons: v.reasons }).returning("id").executeTakeFirstOrThrow();
  // The evidence and outcomes it relies on, in the same transaction (the golden thread).
  const cited = await citeForDecision(trx, row.id, v);
  if (!cited.ok) return cited.errors.outcomeNodeIds ? fail({ outcomeNodeIds: "Choose outcomes from the list" }) : cited;
  if (item.carries_plan) await linkSubjectsOfAgendaItem(trx, row.id, item.id, v.motionId ?? null, actor); // a commissioning plan on this item is decided by it
  const announced = await done(trx, meeting.id, await record(trx, meeting, "decision", `Decision on ${itemLabel(item)}: ${v.decision}`, item.kind !== "exempt" && !meeting.in_private));
  // followers of the board and its locality (a public decision only: decisionRecorded skips exempt items)
  const notified = item.kind !== "exempt" && !meeting.in_private ? await decisionRecorded(trx, row.id) : [];
  return announced.ok && notified.length ? ok(announced.value, [...(announced.effects ?? []), ...notified]) : announced;
});
