/**
 * "Your work" and "Your boards" (issue 15): each person sees only the work their grants let them
 * act on, with the statutory dates; a member sees their boards, meetings, papers and interests
 * and keeps their own register up to date.
 */
import { describe, expect, it } from "vitest";
import { registerOwnInterest } from "../../app/modules/boards/boards.server";
import { createMeeting, memberHome } from "../../app/modules/meetings/meetings.server";
import { latestPublicationDay, londonDate } from "../../app/modules/meetings/rules";
import { bankHolidaySet } from "../../app/modules/calendar/bank-holidays.server";
import { yourWork } from "../../app/modules/work/work.server";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { value } from "../support/results";

const t = useTestDatabase({ seeded: true });
const DAY = 86_400_000;

describe("Your work", () => {
  it("gives an officer EOIs with statutory dates, consultations closing or awaiting results, and draft agendas with the five-clear-day deadline", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const board = await t.db.selectFrom("boards").select("id").where("slug", "=", "riverside-locality-board").executeTakeFirstOrThrow();
    const soon = value(await createMeeting(t.db, officer, { boardId: board.id, title: "Soon", startsAt: new Date(Date.now() + 3 * DAY).toISOString(), venue: "Hall" }));
    const later = value(await createMeeting(t.db, officer, { boardId: board.id, title: "Later", startsAt: new Date(Date.now() + 40 * DAY).toISOString(), venue: "Hall" }));
    // The open consultation closes in six days; the results-published one is done.
    const open = await t.db.selectFrom("consultations").select("id").where("status", "=", "open").executeTakeFirstOrThrow();
    await t.db.updateTable("consultations").set({ closes_at: new Date(Date.now() + 6 * DAY) }).where("id", "=", open.id).execute();

    const work = value(await yourWork(t.db, officer));
    expect(work.eois!.find((e) => e.title === "Branch libraries run by a staff mutual")).toMatchObject({ due: { what: "acknowledge", state: "due" } });
    expect(work.eois!.every((e) => e.due !== null)).toBe(true);
    expect(work.consultations).toContainEqual(expect.objectContaining({ id: open.id, state: "closing" }));
    expect(work.consultations!.some((c) => c.state === "closing" && c.id !== open.id)).toBe(false);
    const holidays = await bankHolidaySet(t.db);
    const soonDue = work.agendas!.find((a) => a.meetingId === soon.meetingId)!;
    const laterDue = work.agendas!.find((a) => a.meetingId === later.meetingId)!;
    expect(soonDue).toMatchObject({ late: true });
    expect(laterDue).toMatchObject({ late: false, publishBy: latestPublicationDay(londonDate(new Date(Date.now() + 40 * DAY)), holidays) });
    expect(work.agendas![0]!.meetingId).toBe(soon.meetingId); // most pressing first
    expect(work.reported).toBeNull(); // an officer is not a moderator

    // Closed without results: awaiting results.
    await t.db.updateTable("consultations").set({ status: "closed", closes_at: new Date(Date.now() - DAY) }).where("id", "=", open.id).execute();
    expect(value(await yourWork(t.db, officer)).consultations).toContainEqual(expect.objectContaining({ id: open.id, state: "awaiting_results" }));
  });

  it("gives a moderator the reported comments only, and refuses people with no such work", async () => {
    const moderator = await actorFor(t.db, "moderator@moot.example");
    const work = value(await yourWork(t.db, moderator));
    expect(work).toMatchObject({ eois: null, consultations: null, agendas: null, reported: { count: expect.any(Number) }, governance: null });
    expect(await yourWork(t.db, await newResident(t.db))).toMatchObject({ ok: false, status: 403 });
    // A board member may sit on scrutiny (issue 17), so reaches "Your work"; a locality board's member finds nothing there.
    expect(await yourWork(t.db, await actorFor(t.db, "member@moot.example"))).toMatchObject({ ok: true, value: { eois: null, consultations: null, agendas: null, reported: null, governance: null } });
  });
});

describe("Your boards", () => {
  it("lists a member's boards, meetings to come with their papers, and their interests, which they keep up to date", async () => {
    const member = await actorFor(t.db, "member@moot.example");
    const home = value(await memberHome(t.db, member));
    expect(home.seats).toEqual([expect.objectContaining({ boardName: "Northgate Locality Board", role: "member" })]);
    expect(home.meetings.length).toBeGreaterThan(0);
    expect(home.meetings.every((m) => m.status === "agenda_published" || m.status === "in_progress")).toBe(true);
    expect(home.interests.map((i) => i.description)).toEqual(["Paid coordinator, Northgate Youth Forum"]);

    const seat = home.seats[0]!.memberId;
    value(await registerOwnInterest(t.db, member, { memberId: String(seat), interestKind: "other_registrable", interest: "Trustee, Northgate Allotments Society" }));
    expect(value(await memberHome(t.db, member)).interests.map((i) => i.description)).toContain("Trustee, Northgate Allotments Society");
    expect(await registerOwnInterest(t.db, member, { memberId: String(seat), interestKind: "other_registrable", interest: "" })).toMatchObject({ ok: false, errors: { interest: "Describe the interest" } });
    // Someone else's seat is refused, whoever asks.
    const chairSeat = await t.db.selectFrom("board_members").select("id").where("name", "=", "Cllr Helen Okafor").executeTakeFirstOrThrow();
    expect(await registerOwnInterest(t.db, member, { memberId: String(chairSeat.id), interestKind: "other_registrable", interest: "Not mine" })).toMatchObject({ ok: false, status: 403 });
    expect(value(await memberHome(t.db, await newResident(t.db))).seats).toEqual([]);
  });
});
