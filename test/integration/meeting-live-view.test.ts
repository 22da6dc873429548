/**
 * The live view every console action broadcasts (`publicLive`, read in three queries inside the
 * action's transaction) is exactly what the public page's loader computes from the full record
 * (`publicMeeting(...).live`): the same attendance, quorum, item, declarations, motions with named
 * votes and decisions with outcomes, and nothing of exempt business.
 */
import { describe, expect, it } from "vitest";
import {
  addAgendaItem,
  callVote,
  castVote,
  createMeeting,
  declareInterest,
  declareResult,
  excludePublic,
  openItem,
  proposeMotion,
  publicMeeting,
  publishAgenda,
  recordAttendance,
  recordDecision,
  startMeeting,
} from "../../app/modules/meetings/meetings.server";
import { publicLive } from "../../app/modules/meetings/read.server";
import { actorFor } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { value } from "../support/results";

const t = useTestDatabase({ seeded: true });
const DAY = 86_400_000;

/** Both views as they would travel (JSON), with the loader's `asOf`. */
async function bothViews(meetingId: number) {
  const page = (await publicMeeting(t.db, meetingId))!;
  const live = await publicLive(t.db, meetingId, page.live.asOf);
  return { fromRecord: JSON.parse(JSON.stringify(page.live)), live: JSON.parse(JSON.stringify(live)) };
}

describe("the live view of a public meeting", () => {
  it("equals the page's view from the full record at every step, and never shows exempt business", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const chair = await actorFor(t.db, "chair@moot.example");
    const board = await t.db.selectFrom("boards").select("id").where("slug", "=", "northgate-locality-board").executeTakeFirstOrThrow();
    const members = await t.db.selectFrom("board_members").select(["id", "name"]).where("board_id", "=", board.id).where("voting", "=", true).orderBy("id").execute();
    const [a, b, c, d] = members.map((m) => m.id) as [number, number, number, number];
    const { meetingId } = value(await createMeeting(t.db, officer, { boardId: board.id, title: "Live view meeting", startsAt: new Date(Date.now() + 30 * DAY).toISOString(), venue: "Hall" }));
    value(await addAgendaItem(t.db, officer, { meetingId, kind: "decision", title: "Play park", recommendation: "Approve it" }));
    value(await addAgendaItem(t.db, officer, { meetingId, kind: "exempt", title: "Land purchase", exemptParagraph: "3", publicInterestReason: "Price negotiations", summary: "SECRET price" }));
    const [open, exempt] = (await t.db.selectFrom("agenda_items").select("id").where("meeting_id", "=", meetingId).orderBy("position").execute()).map((i) => i.id) as [number, number];
    value(await publishAgenda(t.db, officer, { meetingId }));
    value(await startMeeting(t.db, chair, { meetingId, confirmEarly: "yes" }));
    for (const id of [a, b, c, d]) value(await recordAttendance(t.db, chair, { meetingId, memberId: id, status: "present" }));
    value(await openItem(t.db, chair, { meetingId, itemId: open }));
    value(await declareInterest(t.db, chair, { meetingId, itemId: open, memberId: d, kind: "other_registrable", description: "Chairs the friends of the park" }));
    value(await proposeMotion(t.db, chair, { meetingId, text: "Approve the play park", proposerId: a, seconderId: b }));
    const motion = await t.db.selectFrom("motions").select("id").where("agenda_item_id", "=", open).orderBy("id", "desc").executeTakeFirstOrThrow();
    value(await callVote(t.db, chair, { meetingId, motionId: motion.id }));
    value(await castVote(t.db, chair, { meetingId, motionId: motion.id, memberId: b, choice: "for" }));
    value(await castVote(t.db, chair, { meetingId, motionId: motion.id, memberId: a, choice: "for" }));
    value(await castVote(t.db, chair, { meetingId, motionId: motion.id, memberId: c, choice: "against" }));
    let views = await bothViews(meetingId);
    expect(views.live).toEqual(views.fromRecord);
    expect(views.live.items[0].motions[0].votes).toHaveLength(3);
    expect(views.live.items[0].declarations).toHaveLength(1);

    value(await declareResult(t.db, chair, { meetingId, motionId: motion.id }));
    const outcomes = await t.db.selectFrom("outcome_nodes").select("id").orderBy("id").limit(2).execute();
    value(await recordDecision(t.db, chair, { meetingId, itemId: open, motionId: String(motion.id), decision: "The play park is approved.", reasons: "Families asked.", outcomeNodeIds: outcomes.map((o) => String(o.id)) }));
    views = await bothViews(meetingId);
    expect(views.live).toEqual(views.fromRecord);
    expect(views.live.items[0].decisions[0].outcomes).toHaveLength(2);
    expect(views.live.items[0].motions[0].status).toBe("carried");

    value(await excludePublic(t.db, chair, { meetingId, exemptItemId: exempt, movedById: a, secondedById: b, votesFor: "4", votesAgainst: "0" }));
    value(await proposeMotion(t.db, chair, { meetingId, text: "CONFIDENTIAL land deal", proposerId: a, seconderId: b }));
    views = await bothViews(meetingId);
    expect(views.live).toEqual(views.fromRecord);
    expect(views.live.current).toMatchObject({ id: exempt, title: "", exemptParagraph: 3 });
    expect(views.live.meeting.inPrivate).toBe(true);
    expect(JSON.stringify(views.live)).not.toMatch(/CONFIDENTIAL|SECRET|Land purchase/);
  });
});
