import { describe, expect, it } from "vitest";
import {
  addAgendaItem,
  adjournMeeting,
  callVote,
  castVote,
  closeMeeting,
  createMeeting,
  declareInterest,
  declareResult,
  deleteMeeting,
  editMinutes,
  excludePublic,
  generateMinutes,
  meetingConsole,
  openItem,
  proposeMotion,
  publicMeeting,
  publishAgenda,
  publishMinutes,
  recordAttendance,
  recordDecision,
  resumeMeeting,
  RETURNED_TO_PUBLIC,
  startMeeting,
} from "../../app/modules/meetings/meetings.server";
import { decisionsRegister } from "../../app/modules/boards/boards.server";
import type { Actor } from "../../app/modules/permissions/permissions";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { value } from "../support/results";

const t = useTestDatabase({ seeded: true });
const DAY = 86_400_000;

async function northgate() {
  const board = await t.db.selectFrom("boards").select(["id"]).where("slug", "=", "northgate-locality-board").executeTakeFirstOrThrow();
  const members = await t.db.selectFrom("board_members").select(["id", "name"]).where("board_id", "=", board.id).orderBy("id").execute();
  const byName = (n: string) => members.find((m) => m.name.includes(n))!.id;
  return { boardId: board.id, helen: byName("Okafor"), tom: byName("Reed"), mei: byName("Mei"), aisha: byName("Aisha"), sam: byName("Sam"), patrick: byName("Patrick") };
}

/** A meeting 30 days out with an agenda: a decision item and an exempt item, published and started. */
async function liveMeeting(officer: Actor, chair: Actor) {
  const n = await northgate();
  const { meetingId } = value(await createMeeting(t.db, officer, { boardId: n.boardId, title: "Test meeting", startsAt: new Date(Date.now() + 30 * DAY).toISOString(), venue: "Town Hall" }));
  value(await addAgendaItem(t.db, officer, { meetingId, kind: "decision", title: "Play park", recommendation: "Approve the play park" }));
  value(await addAgendaItem(t.db, officer, { meetingId, kind: "exempt", title: "Land purchase", exemptParagraph: "3", publicInterestReason: "Price negotiations", summary: "SECRET price £400,000" }));
  value(await publishAgenda(t.db, officer, { meetingId }));
  value(await startMeeting(t.db, chair, { meetingId, confirmEarly: "yes" }));
  const items = await t.db.selectFrom("agenda_items").select(["id", "kind"]).where("meeting_id", "=", meetingId).orderBy("position").execute();
  return { ...n, meetingId, decisionItem: items[0]!.id, exemptItem: items[1]!.id };
}

/** Propose on the open item, call the vote and cast the named votes; answers the motion's id. */
async function voteOn(chair: Actor, meetingId: number, itemId: number, text: string, proposerId: number, seconderId: number, votes: [number, "for" | "against" | "abstain"][]) {
  value(await proposeMotion(t.db, chair, { meetingId, text, proposerId, seconderId }));
  const motion = await t.db.selectFrom("motions").select("id").where("agenda_item_id", "=", itemId).orderBy("id", "desc").executeTakeFirstOrThrow();
  value(await callVote(t.db, chair, { meetingId, motionId: motion.id }));
  for (const [memberId, choice] of votes) value(await castVote(t.db, chair, { meetingId, motionId: motion.id, memberId, choice }));
  return motion.id;
}

async function present(chair: Actor, meetingId: number, ...memberIds: number[]) {
  for (const memberId of memberIds) value(await recordAttendance(t.db, chair, { meetingId, memberId, status: "present" }));
}

describe("publishing an agenda", () => {
  it("publishes in time without a reason, and refuses a late one without a reason of urgency", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const n = await northgate();
    const early = value(await createMeeting(t.db, officer, { boardId: n.boardId, title: "In time", startsAt: new Date(Date.now() + 21 * DAY).toISOString(), venue: "Hall" }));
    expect((await publishAgenda(t.db, officer, { meetingId: early.meetingId })).ok).toBe(false); // no items yet
    value(await addAgendaItem(t.db, officer, { meetingId: early.meetingId, kind: "apologies", title: "Apologies" }));
    value(await publishAgenda(t.db, officer, { meetingId: early.meetingId }));

    const late = value(await createMeeting(t.db, officer, { boardId: n.boardId, title: "Late", startsAt: new Date(Date.now() + 2 * DAY).toISOString(), venue: "Hall" }));
    value(await addAgendaItem(t.db, officer, { meetingId: late.meetingId, kind: "apologies", title: "Apologies" }));
    const refused = await publishAgenda(t.db, officer, { meetingId: late.meetingId });
    expect(refused).toMatchObject({ ok: false, errors: { urgencyReason: expect.stringMatching(/five clear working days/) } });
    expect((await t.db.selectFrom("meetings").select("status").where("id", "=", late.meetingId).executeTakeFirstOrThrow()).status).toBe("draft");
    value(await publishAgenda(t.db, officer, { meetingId: late.meetingId, urgencyReason: "The grant deadline is next week" }));
    const shown = await publicMeeting(t.db, late.meetingId);
    expect(shown?.meeting.urgencyReason).toBe("The grant deadline is next week");
  });

  it("keeps exempt items' contents off the public agenda: title and paragraph only", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const chair = await actorFor(t.db, "chair@moot.example");
    const m = await liveMeeting(officer, chair);
    const shown = await publicMeeting(t.db, m.meetingId);
    const exempt = shown!.record.items.find((i) => i.kind === "exempt")!;
    expect(exempt).toMatchObject({ title: "Land purchase", exemptParagraph: 3, summary: "", publicInterestReason: null });
    expect(JSON.stringify(shown)).not.toContain("SECRET");
  });

  it("requires a paragraph and public-interest reason for an exempt item, and refuses non-officers", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const n = await northgate();
    const { meetingId } = value(await createMeeting(t.db, officer, { boardId: n.boardId, title: "X", startsAt: new Date(Date.now() + 30 * DAY).toISOString(), venue: "Hall" }));
    const bad = await addAgendaItem(t.db, officer, { meetingId, kind: "exempt", title: "Secret" });
    expect(bad).toMatchObject({ ok: false, errors: { exemptParagraph: expect.any(String), publicInterestReason: expect.any(String) } });
    const resident = await newResident(t.db);
    expect(await addAgendaItem(t.db, resident, { meetingId, kind: "apologies", title: "A" })).toMatchObject({ ok: false, status: 403 });
    expect(await publicMeeting(t.db, meetingId)).toBeNull(); // drafts are not public
  });
});

describe("running a meeting", () => {
  it("refuses a vote while inquorate, then records named votes and the result", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const chair = await actorFor(t.db, "chair@moot.example");
    const m = await liveMeeting(officer, chair);
    value(await openItem(t.db, chair, { meetingId: m.meetingId, itemId: m.decisionItem }));
    await present(chair, m.meetingId, m.helen, m.tom);
    value(await proposeMotion(t.db, chair, { meetingId: m.meetingId, text: "Approve the play park", proposerId: m.helen, seconderId: m.tom }));
    const motion = await t.db.selectFrom("motions").select("id").where("agenda_item_id", "=", m.decisionItem).executeTakeFirstOrThrow();
    const inquorate = await callVote(t.db, chair, { meetingId: m.meetingId, motionId: motion.id });
    expect(inquorate).toMatchObject({ ok: false, errors: { _form: expect.stringMatching(/not quorate/) } });
    await present(chair, m.meetingId, m.aisha, m.sam);
    value(await callVote(t.db, chair, { meetingId: m.meetingId, motionId: motion.id }));
    value(await castVote(t.db, chair, { meetingId: m.meetingId, motionId: motion.id, memberId: m.helen, choice: "for" }));
    value(await castVote(t.db, chair, { meetingId: m.meetingId, motionId: motion.id, memberId: m.tom, choice: "for" }));
    value(await castVote(t.db, chair, { meetingId: m.meetingId, motionId: motion.id, memberId: m.aisha, choice: "against" }));
    value(await castVote(t.db, chair, { meetingId: m.meetingId, motionId: motion.id, memberId: m.sam, choice: "abstain" }));
    const result = value(await declareResult(t.db, chair, { meetingId: m.meetingId, motionId: motion.id }));
    expect(result.events[0]!.text).toMatch(/Motion carried: 2 for, 1 against, 1 abstained/);
    const row = await t.db.selectFrom("motions").selectAll().where("id", "=", motion.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "carried", votes_for: 2, votes_against: 1, abstentions: 1, casting_vote: null });
  });

  it("a tie needs the chair's explicit casting vote; nothing is recorded until then", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const chair = await actorFor(t.db, "chair@moot.example");
    const m = await liveMeeting(officer, chair);
    value(await openItem(t.db, chair, { meetingId: m.meetingId, itemId: m.decisionItem }));
    await present(chair, m.meetingId, m.helen, m.tom, m.aisha, m.sam);
    value(await proposeMotion(t.db, chair, { meetingId: m.meetingId, text: "Approve", proposerId: m.aisha, seconderId: m.sam }));
    const motion = await t.db.selectFrom("motions").select("id").where("agenda_item_id", "=", m.decisionItem).executeTakeFirstOrThrow();
    value(await callVote(t.db, chair, { meetingId: m.meetingId, motionId: motion.id }));
    for (const [memberId, choice] of [[m.helen, "for"], [m.tom, "against"], [m.aisha, "for"], [m.sam, "against"]] as const) {
      value(await castVote(t.db, chair, { meetingId: m.meetingId, motionId: motion.id, memberId, choice }));
    }
    const tie = await declareResult(t.db, chair, { meetingId: m.meetingId, motionId: motion.id });
    expect(tie).toMatchObject({ ok: false, errors: { casting: expect.stringMatching(/casting vote/) } });
    expect((await t.db.selectFrom("motions").select("status").where("id", "=", motion.id).executeTakeFirstOrThrow()).status).toBe("voting");
    value(await declareResult(t.db, chair, { meetingId: m.meetingId, motionId: motion.id, casting: "against" }));
    expect(await t.db.selectFrom("motions").select(["status", "casting_vote"]).where("id", "=", motion.id).executeTakeFirstOrThrow()).toEqual({ status: "lost", casting_vote: "against" });
  });

  it("a member with a disclosable pecuniary interest leaves: cannot vote, propose or count towards quorum", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const chair = await actorFor(t.db, "chair@moot.example");
    const member = await actorFor(t.db, "member@moot.example");
    const m = await liveMeeting(officer, chair);
    await present(chair, m.meetingId, m.helen, m.tom, m.mei, m.aisha);
    value(await declareInterest(t.db, chair, { meetingId: m.meetingId, itemId: m.decisionItem, memberId: m.mei, kind: "disclosable_pecuniary", description: "Owns land next to the park" }));
    value(await openItem(t.db, chair, { meetingId: m.meetingId, itemId: m.decisionItem }));
    const badProposer = await proposeMotion(t.db, chair, { meetingId: m.meetingId, text: "Approve", proposerId: m.mei, seconderId: m.tom });
    expect(badProposer).toMatchObject({ ok: false, errors: { proposerId: expect.stringMatching(/disclosable pecuniary/) } });
    value(await proposeMotion(t.db, chair, { meetingId: m.meetingId, text: "Approve", proposerId: m.helen, seconderId: m.tom }));
    const motion = await t.db.selectFrom("motions").select("id").where("agenda_item_id", "=", m.decisionItem).executeTakeFirstOrThrow();
    value(await callVote(t.db, chair, { meetingId: m.meetingId, motionId: motion.id })); // 3 of 3 needed, Mei not counted
    const recused = await castVote(t.db, member, { meetingId: m.meetingId, motionId: motion.id, memberId: m.mei, choice: "for" });
    expect(recused).toMatchObject({ ok: false, errors: { memberId: expect.stringMatching(/disclosable pecuniary interest/) } });
    expect(await t.db.selectFrom("votes").select("member_id").where("motion_id", "=", motion.id).execute()).toEqual([]);
    // A member may not vote for someone else; a non-member may not vote at all.
    expect(await castVote(t.db, member, { meetingId: m.meetingId, motionId: motion.id, memberId: m.tom, choice: "for" })).toMatchObject({ ok: false, status: 403 });
    expect(await castVote(t.db, await newResident(t.db), { meetingId: m.meetingId, motionId: motion.id, memberId: m.tom, choice: "for" })).toMatchObject({ ok: false, status: 403 });
  });

  it("refuses an absent seconder and a non-voting co-opted member", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const chair = await actorFor(t.db, "chair@moot.example");
    const m = await liveMeeting(officer, chair);
    value(await openItem(t.db, chair, { meetingId: m.meetingId, itemId: m.decisionItem }));
    await present(chair, m.meetingId, m.helen, m.patrick);
    value(await recordAttendance(t.db, chair, { meetingId: m.meetingId, memberId: m.tom, status: "apologies" }));
    expect(await proposeMotion(t.db, chair, { meetingId: m.meetingId, text: "X", proposerId: m.helen, seconderId: m.tom })).toMatchObject({ ok: false, errors: { seconderId: expect.stringMatching(/not present/) } });
    expect(await proposeMotion(t.db, chair, { meetingId: m.meetingId, text: "X", proposerId: m.helen, seconderId: m.patrick })).toMatchObject({ ok: false, errors: { seconderId: expect.stringMatching(/not a voting member/) } });
    expect(await t.db.selectFrom("motions").select("id").where("agenda_item_id", "=", m.decisionItem).execute()).toEqual([]);
  });

  it("refuses the console to people who are not this board's chair or clerk", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const chair = await actorFor(t.db, "chair@moot.example");
    const member = await actorFor(t.db, "member@moot.example");
    const m = await liveMeeting(officer, chair);
    expect(await openItem(t.db, member, { meetingId: m.meetingId, itemId: m.decisionItem })).toMatchObject({ ok: false, status: 403 });
    expect(await meetingConsole(t.db, await newResident(t.db), m.meetingId)).toMatchObject({ ok: false, status: 403 });
    expect((await meetingConsole(t.db, chair, m.meetingId)).ok).toBe(true);
  });

  it("private session: exempt business is not public, a notice is; adjourn, resume and close", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const chair = await actorFor(t.db, "chair@moot.example");
    const m = await liveMeeting(officer, chair);
    await present(chair, m.meetingId, m.helen, m.tom, m.aisha, m.sam);
    const into = value(await excludePublic(t.db, chair, { meetingId: m.meetingId, exemptItemId: m.exemptItem, movedById: m.helen, secondedById: m.tom, votesFor: "4", votesAgainst: "0" }));
    expect(into.events.map((e) => e.text)).toEqual([expect.stringMatching(/section 100A\(4\).*paragraph 3 .*Carried: 4 for/), expect.stringMatching(/in private for item 2 under paragraph 3/)]);
    const motion = value(await proposeMotion(t.db, chair, { meetingId: m.meetingId, text: "Buy the land for £400,000", proposerId: m.helen, seconderId: m.tom }));
    expect(motion.events).toEqual([]);
    const shown = await publicMeeting(t.db, m.meetingId);
    expect(shown!.meeting.inPrivate).toBe(true);
    expect(JSON.stringify(shown)).not.toContain("400,000");
    const out = value(await openItem(t.db, chair, { meetingId: m.meetingId, itemId: m.decisionItem }));
    expect(out.events.map((e) => e.text)).toEqual([RETURNED_TO_PUBLIC, expect.stringMatching(/Now considering item 1/)]);
    value(await adjournMeeting(t.db, chair, { meetingId: m.meetingId }));
    expect(await proposeMotion(t.db, chair, { meetingId: m.meetingId, text: "X", proposerId: m.helen, seconderId: m.tom })).toMatchObject({ ok: false, errors: { _form: expect.stringMatching(/adjourned/) } });
    value(await resumeMeeting(t.db, chair, { meetingId: m.meetingId }));
    value(await closeMeeting(t.db, chair, { meetingId: m.meetingId }));
    expect(await startMeeting(t.db, chair, { meetingId: m.meetingId })).toMatchObject({ ok: false, status: 409 });
  });
});

describe("minutes, decisions and retention", () => {
  it("drafts minutes from the record, publishes them, approves them by a vote at the next meeting, then locks them", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const chair = await actorFor(t.db, "chair@moot.example");
    const m = await liveMeeting(officer, chair);
    await present(chair, m.meetingId, m.helen, m.tom, m.aisha, m.sam);
    value(await openItem(t.db, chair, { meetingId: m.meetingId, itemId: m.decisionItem }));
    const motion = { id: await voteOn(chair, m.meetingId, m.decisionItem, "Approve the play park", m.helen, m.tom, [[m.helen, "for"], [m.tom, "for"], [m.aisha, "for"]]) };
    value(await declareResult(t.db, chair, { meetingId: m.meetingId, motionId: motion.id }));
    const outcome = await t.db.selectFrom("outcome_nodes").select("id").where("title", "=", "Your life").executeTakeFirstOrThrow();
    value(await recordDecision(t.db, chair, { meetingId: m.meetingId, itemId: m.decisionItem, motionId: String(motion.id), decision: "A play park is approved for Northgate Green.", reasons: "Families asked for it.", outcomeNodeIds: [String(outcome.id)] }));
    value(await excludePublic(t.db, chair, { meetingId: m.meetingId, exemptItemId: m.exemptItem, movedById: m.helen, secondedById: m.tom, votesFor: "4", votesAgainst: "0" }));
    value(await proposeMotion(t.db, chair, { meetingId: m.meetingId, text: "CONFIDENTIAL land deal", proposerId: m.helen, seconderId: m.tom }));
    expect(await generateMinutes(t.db, officer, { meetingId: m.meetingId })).toMatchObject({ ok: false, status: 409 }); // not closed yet
    value(await closeMeeting(t.db, chair, { meetingId: m.meetingId }));
    value(await generateMinutes(t.db, officer, { meetingId: m.meetingId }));
    const drafted = await t.db.selectFrom("meetings").select("minutes").where("id", "=", m.meetingId).executeTakeFirstOrThrow();
    expect(drafted.minutes).toContain("Present: Cllr Helen Okafor, Cllr Tom Reed, Dr Aisha Bello, Sam Price.");
    expect(drafted.minutes).toContain("For (3)");
    expect(drafted.minutes).toContain("RESOLVED: A play park is approved for Northgate Green.");
    expect(drafted.minutes).toContain("considered in private under paragraph 3 of Schedule 12A");
    expect(drafted.minutes).not.toContain("CONFIDENTIAL");
    value(await editMinutes(t.db, officer, { meetingId: m.meetingId, minutes: `${drafted.minutes}\nThe chair thanked everyone.` }));
    expect((await publicMeeting(t.db, m.meetingId))!.minutes).toBeNull();
    value(await publishMinutes(t.db, officer, { meetingId: m.meetingId }));
    expect((await publicMeeting(t.db, m.meetingId))!.minutes).toContain("The chair thanked everyone.");
    expect(await editMinutes(t.db, officer, { meetingId: m.meetingId, minutes: "changed" })).toMatchObject({ ok: false });

    // The register shows the decision with its vote record and outcome, filterable by outcome (and below).
    const register = await decisionsRegister(t.db, { outcome: String(outcome.id) });
    const entry = register.decisions.find((d) => d.text.includes("play park"));
    expect(entry).toMatchObject({ votes_for: 3, motion_status: "carried", outcomes: [{ title: "Your life" }] });
    expect(entry!.votes.map((v) => v.name)).toContain("Dr Aisha Bello");
    expect((await decisionsRegister(t.db, { board: "999999" })).decisions).toEqual([]);

    // Next meeting: the minutes item, a vote, and the previous minutes are approved and locked.
    const { meetingId: next } = value(await createMeeting(t.db, officer, { boardId: m.boardId, title: "Next", startsAt: new Date(Date.now() + 60 * DAY).toISOString(), venue: "Hall" }));
    value(await addAgendaItem(t.db, officer, { meetingId: next, kind: "minutes", title: "Minutes of the previous meeting", previousMeetingId: String(m.meetingId) }));
    value(await publishAgenda(t.db, officer, { meetingId: next }));
    value(await startMeeting(t.db, chair, { meetingId: next, confirmEarly: "yes" }));
    await present(chair, next, m.helen, m.tom, m.aisha);
    const item = await t.db.selectFrom("agenda_items").select("id").where("meeting_id", "=", next).executeTakeFirstOrThrow();
    value(await openItem(t.db, chair, { meetingId: next, itemId: item.id }));
    const approve = { id: await voteOn(chair, next, item.id, "That the minutes be approved", m.tom, m.aisha, [[m.helen, "for"], [m.tom, "for"], [m.aisha, "for"]]) };
    value(await declareResult(t.db, chair, { meetingId: next, motionId: approve.id }));
    const approved = await t.db.selectFrom("meetings").select(["status", "minutes_approved_at"]).where("id", "=", m.meetingId).executeTakeFirstOrThrow();
    expect(approved.status).toBe("minutes_approved");
    expect(approved.minutes_approved_at).not.toBeNull();
    await expect(t.db.updateTable("meetings").set({ minutes: "tampered" }).where("id", "=", m.meetingId).execute()).rejects.toThrow(/locked/);

    // Six-year retention: deleting is refused, by the module and by the database.
    expect(await deleteMeeting(t.db, officer, { meetingId: m.meetingId })).toMatchObject({ ok: false, errors: { _form: expect.stringMatching(/six years/) } });
    await expect(t.db.deleteFrom("meetings").where("id", "=", m.meetingId).execute()).rejects.toThrow(/six years/);
  });

  it("the demo data has a board per locality, approved minutes with decisions, and an upcoming published agenda", async () => {
    const boards = await t.db.selectFrom("boards").select("locality_id").where("kind", "=", "decision_making").execute(); // the scrutiny board is council-wide
    const localities = await t.db.selectFrom("localities").select("id").execute();
    expect(new Set(boards.map((b) => b.locality_id))).toEqual(new Set(localities.map((l) => l.id)));
    const statuses = (await t.db.selectFrom("meetings").select("status").execute()).map((m) => m.status);
    expect(statuses).toContain("minutes_approved");
    expect(statuses).toContain("agenda_published");
    expect((await decisionsRegister(t.db, {})).decisions.length).toBeGreaterThanOrEqual(2);
    expect(Number((await t.db.selectFrom("bank_holidays").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n)).toBeGreaterThanOrEqual(32);
  });
});

describe("bank holidays", () => {
  it("an admin adds and removes them; others may not", async () => {
    const { addBankHoliday, listBankHolidays, removeBankHoliday } = await import("../../app/modules/calendar/bank-holidays.server");
    const admin = await actorFor(t.db, "admin@moot.example");
    const officer = await actorFor(t.db, "officer@moot.example");
    expect(await addBankHoliday(t.db, officer, { day: "2029-01-01", title: "New Year’s Day" })).toMatchObject({ ok: false, status: 403 });
    expect((await addBankHoliday(t.db, admin, { day: "2029-01-01", title: "New Year’s Day" })).ok).toBe(true);
    expect(await addBankHoliday(t.db, admin, { day: "2029-01-01", title: "Again" })).toMatchObject({ ok: false, errors: { day: expect.any(String) } });
    expect(await addBankHoliday(t.db, admin, { day: "not a date", title: "X" })).toMatchObject({ ok: false, errors: { day: expect.any(String) } });
    expect((await listBankHolidays(t.db)).map((h) => h.day)).toContain("2029-01-01");
    expect((await removeBankHoliday(t.db, admin, { day: "2029-01-01" })).ok).toBe(true);
    expect((await listBankHolidays(t.db)).map((h) => h.day)).not.toContain("2029-01-01");
  });
});

describe("papers", () => {
  it("stores a real PDF, refuses a wrong type whatever its name, an oversize file and an outsider, and never serves exempt papers publicly", async () => {
    const { uploadPaper, paperForDownload } = await import("../../app/modules/meetings/papers.server");
    const officer = await actorFor(t.db, "officer@moot.example");
    const n = await northgate();
    const { meetingId } = value(await createMeeting(t.db, officer, { boardId: n.boardId, title: "Papers", startsAt: new Date(Date.now() + 30 * DAY).toISOString(), venue: "Hall" }));
    value(await addAgendaItem(t.db, officer, { meetingId, kind: "information", title: "Open report" }));
    value(await addAgendaItem(t.db, officer, { meetingId, kind: "exempt", title: "Closed report", exemptParagraph: "1", publicInterestReason: "Personal data" }));
    const [open, exempt] = await t.db.selectFrom("agenda_items").select("id").where("meeting_id", "=", meetingId).orderBy("position").execute();
    const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
    const paper = (itemId: number, bytes: Uint8Array, name = "report.pdf") => ({ meetingId, paperItemId: String(itemId), paperTitle: "Report", file: { name, bytes } });

    const stored = value(await uploadPaper(t.db, officer, paper(open!.id, pdf)));
    const exemptPaper = value(await uploadPaper(t.db, officer, paper(exempt!.id, pdf)));
    expect(await uploadPaper(t.db, officer, paper(open!.id, new TextEncoder().encode("just text, named like a pdf")))).toMatchObject({ ok: false, errors: { file: expect.stringMatching(/must be a PDF/) } });
    expect(await uploadPaper(t.db, officer, paper(open!.id, new Uint8Array(10 * 1024 * 1024 + 1)))).toMatchObject({ ok: false, errors: { file: expect.stringMatching(/10 MB/) } });
    expect(await uploadPaper(t.db, await newResident(t.db), paper(open!.id, pdf))).toMatchObject({ ok: false, status: 403 });
    expect(Number((await t.db.selectFrom("papers").select((eb) => eb.fn.countAll().as("n")).where("agenda_item_id", "in", [open!.id, exempt!.id]).executeTakeFirstOrThrow()).n)).toBe(2);

    const visitor = { user: null, grants: [] };
    expect(await paperForDownload(t.db, visitor, stored.paperId)).toBeNull(); // meeting still a draft
    value(await publishAgenda(t.db, officer, { meetingId }));
    expect((await paperForDownload(t.db, visitor, stored.paperId))?.media_type).toBe("application/pdf");
    expect(await paperForDownload(t.db, visitor, exemptPaper.paperId)).toBeNull();
    expect(await paperForDownload(t.db, officer, exemptPaper.paperId)).not.toBeNull();
    expect((await publicMeeting(t.db, meetingId))!.papers.map((p) => p.id)).toEqual([stored.paperId]);
  });
});

describe("public questions", () => {
  it("a resident asks before the deadline; the clerk accepts with an answer or rejects with a reason; only accepted ones are public", async () => {
    const { askQuestion, listQuestions, reviewQuestion } = await import("../../app/modules/meetings/questions.server");
    const officer = await actorFor(t.db, "officer@moot.example");
    const resident = await newResident(t.db, "Ada Lovelace");
    const n = await northgate();
    // The seeded upcoming meeting (other tests leave meetings of their own, in no particular row order).
    const upcoming = await t.db.selectFrom("meetings").select(["id", "starts_at"]).where("board_id", "=", n.boardId).where("status", "=", "agenda_published").where("title", "=", "Ordinary meeting").executeTakeFirstOrThrow();
    expect(await askQuestion(t.db, { user: null, grants: [] }, { meetingId: upcoming.id, question: "Why?" })).toMatchObject({ ok: false, status: 403 });
    expect(await askQuestion(t.db, resident, { meetingId: upcoming.id, question: "  " })).toMatchObject({ ok: false, errors: { question: "Enter your question" } });
    const tooLate = new Date(upcoming.starts_at.getTime() - 86_400_000);
    expect(await askQuestion(t.db, resident, { meetingId: upcoming.id, question: "Late?" }, tooLate)).toMatchObject({ ok: false, errors: { question: expect.stringMatching(/closed/) } });
    const first = value(await askQuestion(t.db, resident, { meetingId: upcoming.id, question: "Will the warm spaces open on Sundays?" }));
    const second = value(await askQuestion(t.db, resident, { meetingId: upcoming.id, question: "Off-topic question" }));
    expect(await reviewQuestion(t.db, resident, { questionId: first.questionId, verdict: "accepted" })).toMatchObject({ ok: false, status: 403 });
    expect(await reviewQuestion(t.db, officer, { questionId: second.questionId, verdict: "rejected" })).toMatchObject({ ok: false, errors: { rejectionReason: expect.any(String) } });
    value(await reviewQuestion(t.db, officer, { questionId: first.questionId, verdict: "accepted", answer: "Yes, two of them will." }));
    value(await reviewQuestion(t.db, officer, { questionId: second.questionId, verdict: "rejected", rejectionReason: "Not about an item on this agenda" }));
    expect(await listQuestions(t.db, upcoming.id, { all: false })).toEqual([expect.objectContaining({ question: "Will the warm spaces open on Sundays?", answer: "Yes, two of them will.", display_name: "Ada Lovelace" })]);
    expect((await publicMeeting(t.db, upcoming.id))!.questionsOpen).toBe(true);
  });
});

describe("board members and interests", () => {
  it("an officer adds members (co-opted ones cannot vote) and registers interests; others may not", async () => {
    const { addMember, registerInterest, interestsRegister } = await import("../../app/modules/boards/boards.server");
    const officer = await actorFor(t.db, "officer@moot.example");
    const n = await northgate();
    const bad = await addMember(t.db, officer, { boardId: n.boardId, name: "", role: "nope", termStart: "x" });
    expect(bad).toMatchObject({ ok: false, errors: { name: expect.any(String), role: expect.any(String), kind: expect.any(String), termStart: expect.any(String) } });
    const added = value(await addMember(t.db, officer, { boardId: n.boardId, name: "Vera Stone", role: "co_opted", kind: "provider", termStart: "2026-01-01", termEnd: "" }));
    expect(await t.db.selectFrom("board_members").select("voting").where("id", "=", added.memberId).executeTakeFirstOrThrow()).toEqual({ voting: false });
    expect(await addMember(t.db, officer, { boardId: n.boardId, name: "X", role: "member", kind: "provider", termStart: "2026-01-01", email: "nobody@nowhere.example" })).toMatchObject({ ok: false, errors: { email: expect.any(String) } });
    expect(await addMember(t.db, await actorFor(t.db, "member@moot.example"), { boardId: n.boardId, name: "X", role: "member", kind: "provider", termStart: "2026-01-01" })).toMatchObject({ ok: false, status: 403 });
    value(await registerInterest(t.db, officer, { boardId: n.boardId, memberId: String(added.memberId), interestKind: "other_registrable", interest: "Trustee of a care charity" }));
    expect((await interestsRegister(t.db, n.boardId)).some((i) => i.description === "Trustee of a care charity")).toBe(true);
  });
});
