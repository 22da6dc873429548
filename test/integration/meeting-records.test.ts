/**
 * Meeting records a clerk can sign (issue 15): the real start of a meeting started early, a
 * recorded resolution before any private session and the return to public session, confidential
 * minutes of exempt items for members only, and exempt papers for the board's own members.
 */
import { describe, expect, it } from "vitest";
import {
  addAgendaItem,
  closeMeeting,
  createMeeting,
  declareInterest,
  excludePublic,
  generateMinutes,
  meetingAccess,
  moveAgendaItem,
  removeAgendaItem,
  openItem,
  proposeMotion,
  publicMeeting,
  publishAgenda,
  publishMinutes,
  recordAttendance,
  returnToPublic,
  RETURNED_TO_PUBLIC,
  startMeeting,
} from "../../app/modules/meetings/meetings.server";
import { paperForDownload, uploadPaper } from "../../app/modules/meetings/papers.server";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { value } from "../support/results";

const t = useTestDatabase({ seeded: true });
const DAY = 86_400_000;
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

async function northgate() {
  const board = await t.db.selectFrom("boards").select("id").where("slug", "=", "northgate-locality-board").executeTakeFirstOrThrow();
  const members = await t.db.selectFrom("board_members").select(["id", "name"]).where("board_id", "=", board.id).orderBy("id").execute();
  const byName = (n: string) => members.find((m) => m.name.includes(n))!.id;
  return { boardId: board.id, helen: byName("Okafor"), tom: byName("Reed"), mei: byName("Mei"), aisha: byName("Aisha"), sam: byName("Sam") };
}

/** A published agenda 20 days out: a decision item and an exempt item (with a paper). */
async function publishedMeeting() {
  const officer = await actorFor(t.db, "officer@moot.example");
  const chair = await actorFor(t.db, "chair@moot.example");
  const n = await northgate();
  const startsAt = new Date(Date.now() + 20 * DAY);
  const { meetingId } = value(await createMeeting(t.db, officer, { boardId: n.boardId, title: "Records test", startsAt: startsAt.toISOString(), venue: "Town Hall" }));
  value(await addAgendaItem(t.db, officer, { meetingId, kind: "decision", title: "Play park", recommendation: "Approve it" }));
  value(await addAgendaItem(t.db, officer, { meetingId, kind: "exempt", title: "Depot sale", exemptParagraph: "3", publicInterestReason: "Bids" }));
  const [decisionItem, exemptItem] = await t.db.selectFrom("agenda_items").select("id").where("meeting_id", "=", meetingId).orderBy("position").execute();
  const paper = value(await uploadPaper(t.db, officer, { meetingId, paperItemId: exemptItem!.id, paperTitle: "Bids received", file: { name: "bids.pdf", bytes: PDF } }));
  value(await publishAgenda(t.db, officer, { meetingId }));
  return { ...n, officer, chair, meetingId, startsAt, decisionItem: decisionItem!.id, exemptItem: exemptItem!.id, paperId: paper.paperId };
}

describe("starting a meeting before its day", () => {
  it("asks for confirmation, records the real start, and the minutes use it", async () => {
    const m = await publishedMeeting();
    const refused = await startMeeting(t.db, m.chair, { meetingId: m.meetingId });
    expect(refused).toMatchObject({ ok: false, status: 409, errors: { confirmEarly: expect.stringMatching(/Confirm that it is starting today/) } });
    expect((await t.db.selectFrom("meetings").select("status").where("id", "=", m.meetingId).executeTakeFirstOrThrow()).status).toBe("agenda_published");

    const before = Date.now();
    const started = value(await startMeeting(t.db, m.chair, { meetingId: m.meetingId, confirmEarly: "yes" }));
    expect(started.events[0]!.text).toMatch(/before its published date of/);
    const row = await t.db.selectFrom("meetings").select("started_at").where("id", "=", m.meetingId).executeTakeFirstOrThrow();
    expect(row.started_at!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect((await publicMeeting(t.db, m.meetingId))!.meeting.startedAt).toBe(row.started_at!.toISOString());

    value(await closeMeeting(t.db, m.chair, { meetingId: m.meetingId }));
    value(await generateMinutes(t.db, m.officer, { meetingId: m.meetingId }));
    const { minutes } = await t.db.selectFrom("meetings").select("minutes").where("id", "=", m.meetingId).executeTakeFirstOrThrow();
    const day = (d: Date) => new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", dateStyle: "full" }).format(d);
    expect(minutes).toContain(`Held on ${day(row.started_at!)}`);
    expect(minutes).not.toContain(day(m.startsAt));
  });
});

describe("private session", () => {
  it("needs a carried s100A(4) resolution naming the paragraph; a lost one keeps the meeting public; returning is logged", async () => {
    const m = await publishedMeeting();
    value(await startMeeting(t.db, m.chair, { meetingId: m.meetingId, confirmEarly: "yes" }));
    const resolution = (votesFor: string, votesAgainst: string, movedById = m.helen) => ({ meetingId: m.meetingId, exemptItemId: m.exemptItem, movedById, secondedById: m.tom, votesFor, votesAgainst });

    // Not quorate yet: the resolution cannot be put.
    value(await recordAttendance(t.db, m.chair, { meetingId: m.meetingId, memberId: m.helen, status: "present" }));
    value(await recordAttendance(t.db, m.chair, { meetingId: m.meetingId, memberId: m.tom, status: "present" }));
    expect(await excludePublic(t.db, m.chair, resolution("2", "0"))).toMatchObject({ ok: false, status: 409, errors: { _form: expect.stringMatching(/not quorate/) } });
    value(await recordAttendance(t.db, m.chair, { meetingId: m.meetingId, memberId: m.aisha, status: "present" }));

    // The exempt item cannot simply be opened.
    expect(await openItem(t.db, m.chair, { meetingId: m.meetingId, itemId: m.exemptItem })).toMatchObject({ ok: false, status: 409, errors: { itemId: expect.stringMatching(/resolution to exclude the press and public/) } });
    // The mover must be present; the count cannot exceed those in the room; someone must vote.
    expect(await excludePublic(t.db, m.chair, resolution("3", "0", m.sam))).toMatchObject({ ok: false, errors: { movedById: expect.stringMatching(/not present/) } });
    expect(await excludePublic(t.db, m.chair, resolution("5", "0"))).toMatchObject({ ok: false, errors: { votesFor: "Only 3 voting members are in the room for this item" } });
    expect(await excludePublic(t.db, m.chair, resolution("0", "0"))).toMatchObject({ ok: false, errors: { votesFor: expect.any(String) } });
    expect(await excludePublic(t.db, await newResident(t.db), resolution("3", "0"))).toMatchObject({ ok: false, status: 403 });

    // Lost: recorded in public, the meeting stays public and the item still cannot be taken.
    const lost = value(await excludePublic(t.db, m.chair, resolution("1", "2")));
    expect(lost.events.map((e) => e.text)).toEqual([expect.stringMatching(/paragraph 3 of Part 1 of Schedule 12A.*Lost: 1 for, 2 against, 0 abstained/)]);
    expect((await publicMeeting(t.db, m.meetingId))!.meeting.inPrivate).toBe(false);
    expect((await openItem(t.db, m.chair, { meetingId: m.meetingId, itemId: m.exemptItem })).ok).toBe(false);

    // Carried: private, with the notice as the last public thing.
    const carried = value(await excludePublic(t.db, m.chair, resolution("3", "0")));
    expect(carried.events.map((e) => e.text)).toEqual([
      expect.stringMatching(/^Resolution moved by Cllr Helen Okafor and seconded by Cllr Tom Reed: “That under section 100A\(4\) of the Local Government Act 1972 the press and public be excluded from the meeting for item 2 .*paragraph 3 .*” Carried: 3 for, 0 against, 0 abstained\.$/),
      "The meeting is in private for item 2 under paragraph 3 of Schedule 12A. The public feed is paused.",
    ]);
    expect(JSON.stringify(carried.events)).not.toContain("Depot sale");
    expect((await publicMeeting(t.db, m.meetingId))!.meeting.inPrivate).toBe(true);
    expect(await excludePublic(t.db, m.chair, resolution("3", "0"))).toMatchObject({ ok: false, status: 409 });
    expect((await proposeMotion(t.db, m.chair, { meetingId: m.meetingId, text: "SECRET sell the depot for £1m", proposerId: m.helen, seconderId: m.tom })).ok).toBe(true);

    const back = value(await returnToPublic(t.db, m.chair, { meetingId: m.meetingId }));
    expect(back.events.map((e) => e.text)).toEqual([RETURNED_TO_PUBLIC]);
    expect((await publicMeeting(t.db, m.meetingId))!.meeting.inPrivate).toBe(false);
    expect(await returnToPublic(t.db, m.chair, { meetingId: m.meetingId })).toMatchObject({ ok: false, status: 409 });
    // The resolution stays on the public record of the item.
    const shown = (await publicMeeting(t.db, m.meetingId))!.record.items.find((i) => i.id === m.exemptItem)!;
    expect(shown.exclusion).toMatchObject({ proposer: "Cllr Helen Okafor", votes_for: 3 });
    expect(JSON.stringify(shown)).not.toContain("SECRET");

    // Minutes: the public ones carry the resolution, the confidential ones the exempt business.
    value(await closeMeeting(t.db, m.chair, { meetingId: m.meetingId }));
    value(await generateMinutes(t.db, m.officer, { meetingId: m.meetingId }));
    const row = await t.db.selectFrom("meetings").select(["minutes", "confidential_minutes"]).where("id", "=", m.meetingId).executeTakeFirstOrThrow();
    expect(row.minutes).toContain("RESOLVED: That under section 100A(4) of the Local Government Act 1972");
    expect(row.minutes).toContain("Moved by Cllr Helen Okafor, seconded by Cllr Tom Reed; carried with 3 for, 0 against and 0 abstaining.");
    expect(row.minutes).not.toContain("SECRET");
    expect(row.confidential_minutes).toContain("2. Depot sale");
    expect(row.confidential_minutes).toContain("SECRET sell the depot for £1m");

    // Only members of the board (and its clerk) see the confidential minutes, once published.
    const member = await actorFor(t.db, "member@moot.example");
    const resident = await newResident(t.db);
    expect((await meetingAccess(t.db, member, m.meetingId)).confidentialMinutes).toBeNull(); // not yet published
    value(await publishMinutes(t.db, m.officer, { meetingId: m.meetingId }));
    expect((await meetingAccess(t.db, member, m.meetingId)).confidentialMinutes).toContain("SECRET");
    expect((await meetingAccess(t.db, m.officer, m.meetingId)).confidentialMinutes).toContain("SECRET");
    expect((await meetingAccess(t.db, resident, m.meetingId)).confidentialMinutes).toBeNull();
    expect(JSON.stringify(await publicMeeting(t.db, m.meetingId))).not.toContain("SECRET");
  });
});

describe("who may open the console and the exempt papers", () => {
  it("offers the console to the clerk and the board's chair only, and exempt papers to the board's members", async () => {
    const m = await publishedMeeting();
    const member = await actorFor(t.db, "member@moot.example");
    const resident = await newResident(t.db);
    expect((await meetingAccess(t.db, m.officer, m.meetingId)).canRun).toBe(true);
    expect((await meetingAccess(t.db, m.chair, m.meetingId)).canRun).toBe(true);
    expect((await meetingAccess(t.db, member, m.meetingId)).canRun).toBe(false);
    expect((await meetingAccess(t.db, resident, m.meetingId)).canRun).toBe(false);
    expect(await paperForDownload(t.db, member, m.paperId)).not.toBeNull();
    expect(await paperForDownload(t.db, resident, m.paperId)).toBeNull();
    // A member of another board is not sent this board's exempt papers.
    const other = await t.db.selectFrom("boards").select("id").where("slug", "!=", "northgate-locality-board").executeTakeFirstOrThrow();
    const outsider = await newResident(t.db, "Other board member");
    await t.db.insertInto("board_members").values({ board_id: other.id, user_id: outsider.user!.id, name: "Other board member", role: "member", kind: "community_representative", term_start: "2025-05-01", term_end: null, voting: true }).execute();
    expect(await paperForDownload(t.db, outsider, m.paperId)).toBeNull();
  });
});

describe("the console's log wording", () => {
  it("writes quorum as 'present, needed' and no double full stop after a declaration", async () => {
    const m = await publishedMeeting();
    value(await startMeeting(t.db, m.chair, { meetingId: m.meetingId, confirmEarly: "yes" }));
    for (const id of [m.helen, m.tom, m.aisha]) value(await recordAttendance(t.db, m.chair, { meetingId: m.meetingId, memberId: id, status: "present" }));
    const fourth = value(await recordAttendance(t.db, m.chair, { meetingId: m.meetingId, memberId: m.sam, status: "present" }));
    expect(fourth.events[0]!.text).toBe("Sam Price is present. Quorate: 4 present, 3 needed");
    const declared = value(await declareInterest(t.db, m.chair, { meetingId: m.meetingId, itemId: m.decisionItem, memberId: m.aisha, kind: "other_registrable", description: "Trustee of the park charity." }));
    expect(declared.events[0]!.text).toBe("Dr Aisha Bello declared an other registrable interest in item 1, Play park: Trustee of the park charity.");
  });
});

describe("changing a draft agenda", () => {
  it("reorders and removes items until the agenda is published, then refuses", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const n = await northgate();
    const { meetingId } = value(await createMeeting(t.db, officer, { boardId: n.boardId, title: "Draft", startsAt: new Date(Date.now() + 30 * DAY).toISOString(), venue: "Hall" }));
    for (const title of ["Apologies", "Grant", "Questions"]) value(await addAgendaItem(t.db, officer, { meetingId, kind: "information", title }));
    const order = async () => (await t.db.selectFrom("agenda_items").select(["id", "title", "position"]).where("meeting_id", "=", meetingId).orderBy("position").execute()).map((i) => `${i.position}. ${i.title}`);
    const id = async (title: string) => (await t.db.selectFrom("agenda_items").select("id").where("meeting_id", "=", meetingId).where("title", "=", title).executeTakeFirstOrThrow()).id;

    value(await moveAgendaItem(t.db, officer, { meetingId, itemId: await id("Questions"), direction: "up" }));
    expect(await order()).toEqual(["1. Apologies", "2. Questions", "3. Grant"]);
    expect(await moveAgendaItem(t.db, officer, { meetingId, itemId: await id("Apologies"), direction: "up" })).toMatchObject({ ok: false, status: 409 });
    expect(await moveAgendaItem(t.db, await actorFor(t.db, "member@moot.example"), { meetingId, itemId: await id("Grant"), direction: "up" })).toMatchObject({ ok: false, status: 403 });
    value(await removeAgendaItem(t.db, officer, { meetingId, itemId: await id("Apologies") }));
    expect(await order()).toEqual(["1. Questions", "2. Grant"]);

    value(await publishAgenda(t.db, officer, { meetingId }));
    expect(await moveAgendaItem(t.db, officer, { meetingId, itemId: await id("Grant"), direction: "up" })).toMatchObject({ ok: false, status: 409, errors: { _form: expect.stringMatching(/supplementary agenda/) } });
    expect(await removeAgendaItem(t.db, officer, { meetingId, itemId: await id("Grant") })).toMatchObject({ ok: false, status: 409 });
    expect(await order()).toEqual(["1. Questions", "2. Grant"]);
  });
});
