/**
 * The iCalendar subscriptions (one meeting, a board, the whole council) and the Atom feeds
 * (decisions, a board, consultations), read through their routes and parsed: the right meetings
 * and entries, Europe/London times, cancelled meetings, and nothing private or draft.
 */
import { describe, expect, it } from "vitest";
import { addAgendaItem, callVote, castVote, createMeeting, declareResult, excludePublic, openItem, proposeMotion, publishAgenda, recordAttendance, recordDecision, startMeeting } from "../../app/modules/meetings/meetings.server";
import { addItemBySupplement, cancelMeeting, withdrawItemBySupplement } from "../../app/modules/meetings/notices.server";
import * as meetingCalendar from "../../app/routes/meetings.$id.calendar[.ics]";
import * as boardCalendar from "../../app/routes/boards.$slug.calendar[.ics]";
import * as councilCalendar from "../../app/routes/meetings.calendar[.ics]";
import * as decisionsAtom from "../../app/routes/decisions[.]atom";
import * as boardAtom from "../../app/routes/boards.$slug.feed[.]atom";
import * as consultationsAtom from "../../app/routes/consultations[.]atom";
import { actorFor } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { value } from "../support/results";
import { callRoute } from "../support/routes";
import { events, parseAtom, parseIcal, prop } from "../support/syndication";

const t = useTestDatabase({ seeded: true });
const NORTHGATE = "northgate-locality-board";

async function boardId(slug: string) {
  return (await t.db.selectFrom("boards").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
}

/** A meeting on a fixed date (so British Summer Time is known), published unless `draft`. */
async function meeting(slug: string, title: string, startsAt: string, options: { draft?: boolean } = {}) {
  const officer = await actorFor(t.db, "officer@moot.example");
  const { meetingId } = value(await createMeeting(t.db, officer, { boardId: await boardId(slug), title, startsAt, venue: "Guildhall" }));
  value(await addAgendaItem(t.db, officer, { meetingId, kind: "information", title: `${title}: report` }));
  if (!options.draft) value(await publishAgenda(t.db, officer, { meetingId }));
  return meetingId;
}

async function ical(route: { loader?: unknown }, url: string, params: Record<string, string>, as: string | null = null) {
  const answer = await callRoute(route, { db: t.db, url, params, as });
  expect(answer.status).toBe(200);
  expect(answer.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
  return parseIcal(answer.text);
}

describe("iCalendar", () => {
  it("a board's calendar has its published meetings in London time with stable UIDs, cancelled ones marked, and no drafts", async () => {
    const summer = await meeting(NORTHGATE, "Summer meeting", "2030-07-02T17:30:00Z");
    const winter = await meeting(NORTHGATE, "Winter meeting", "2030-12-03T18:30:00Z");
    const draft = await meeting(NORTHGATE, "Secret draft meeting", "2030-09-03T17:30:00Z", { draft: true });
    const elsewhere = await meeting("riverside-locality-board", "Riverside only", "2030-07-09T17:30:00Z");
    const officer = await actorFor(t.db, "officer@moot.example");
    value(await cancelMeeting(t.db, officer, { meetingId: winter, reason: "Not quorate: too many apologies" }));

    const cal = await ical(boardCalendar, `/boards/${NORTHGATE}/calendar.ics`, { slug: NORTHGATE });
    expect(cal.type).toBe("VCALENDAR");
    expect(prop(cal, "VERSION")?.value).toBe("2.0");
    const tz = cal.children.find((c) => c.type === "VTIMEZONE")!;
    expect(prop(tz, "TZID")?.value).toBe("Europe/London");
    expect(tz.children.map((c) => c.type).sort()).toEqual(["DAYLIGHT", "STANDARD"]);

    const byUid = new Map(events(cal).map((e) => [prop(e, "UID")!.value, e]));
    const s = byUid.get(`meeting-${summer}@moot.test`)!;
    const w = byUid.get(`meeting-${winter}@moot.test`)!;
    expect(s, "the summer meeting is in the board's calendar").toBeDefined();
    expect(w, "the cancelled meeting stays in it").toBeDefined();
    // 17:30 UTC in July is 6:30pm BST; 18:30 UTC in December is 6:30pm GMT.
    expect(prop(s, "DTSTART")).toEqual({ params: { TZID: "Europe/London" }, value: "20300702T183000" });
    expect(prop(s, "DTEND")).toEqual({ params: { TZID: "Europe/London" }, value: "20300702T203000" });
    expect(prop(w, "DTSTART")).toEqual({ params: { TZID: "Europe/London" }, value: "20301203T183000" });
    // DTSTAMP is UTC (RFC 5545 3.8.7.2).
    expect(prop(s, "DTSTAMP")!.value).toMatch(/^\d{8}T\d{6}Z$/);
    expect(prop(s, "STATUS")?.value).toBe("CONFIRMED");
    expect(prop(w, "STATUS")?.value).toBe("CANCELLED");
    expect(Number(prop(w, "SEQUENCE")?.value)).toBeGreaterThan(Number(prop(s, "SEQUENCE")?.value));
    expect(prop(w, "DESCRIPTION")!.value).toContain("cancelled: Not quorate: too many apologies");
    expect(prop(s, "URL")!.value).toBe(`http://moot.test/meetings/${summer}`);
    expect(prop(s, "LOCATION")!.value).toBe("Guildhall");

    expect(byUid.has(`meeting-${draft}@moot.test`), "a draft meeting is not public").toBe(false);
    expect(cal.children.some((c) => prop(c, "SUMMARY")?.value.includes("Secret draft"))).toBe(false);
    expect(byUid.has(`meeting-${elsewhere}@moot.test`), "another board's meeting is not in this board's calendar").toBe(false);

    // Even signed in as the clerk, the calendar is the public one.
    const asClerk = await ical(boardCalendar, `/boards/${NORTHGATE}/calendar.ics`, { slug: NORTHGATE }, "officer@moot.example");
    expect(events(asClerk).some((e) => prop(e, "UID")!.value === `meeting-${draft}@moot.test`)).toBe(false);

    // The council-wide calendar has both boards' meetings, the same UIDs, and no drafts.
    const council = await ical(councilCalendar, "/meetings/calendar.ics", {});
    const uids = events(council).map((e) => prop(e, "UID")!.value);
    expect(uids).toEqual(expect.arrayContaining([`meeting-${summer}@moot.test`, `meeting-${winter}@moot.test`, `meeting-${elsewhere}@moot.test`]));
    expect(uids).not.toContain(`meeting-${draft}@moot.test`);
    expect(new Set(uids).size, "one entry per meeting").toBe(uids.length);

    // One meeting's file is the same entry.
    const one = await ical(meetingCalendar, `/meetings/${winter}/calendar.ics`, { id: String(winter) });
    expect(events(one).map((e) => [prop(e, "UID")!.value, prop(e, "STATUS")!.value])).toEqual([[`meeting-${winter}@moot.test`, "CANCELLED"]]);
    expect((await callRoute(meetingCalendar, { db: t.db, url: `/meetings/${draft}/calendar.ics`, params: { id: String(draft) } })).status).toBe(404);
    expect((await callRoute(boardCalendar, { db: t.db, url: "/boards/nope/calendar.ics", params: { slug: "nope" } })).status).toBe(404);
  });

  it("only the clerk cancels, only a published meeting not yet started, once", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const chair = await actorFor(t.db, "chair@moot.example");
    const resident = await actorFor(t.db, "resident@moot.example");
    const published = await meeting(NORTHGATE, "To cancel", "2030-10-01T17:30:00Z");
    const draft = await meeting(NORTHGATE, "Draft", "2030-10-08T17:30:00Z", { draft: true });
    expect(await cancelMeeting(t.db, resident, { meetingId: published, reason: "x" })).toMatchObject({ ok: false, status: 403 });
    expect(await cancelMeeting(t.db, officer, { meetingId: published, reason: " " })).toMatchObject({ ok: false, errors: { reason: "Enter the reason the meeting is cancelled" } });
    expect(await cancelMeeting(t.db, officer, { meetingId: draft, reason: "x" })).toMatchObject({ ok: false, status: 409 });
    value(await cancelMeeting(t.db, officer, { meetingId: published, reason: "Storm warning" }));
    expect(await cancelMeeting(t.db, officer, { meetingId: published, reason: "Again" })).toMatchObject({ ok: false, status: 409 });
    const started = await meeting(NORTHGATE, "Started", "2030-10-15T17:30:00Z");
    value(await startMeeting(t.db, chair, { meetingId: started, confirmEarly: "yes" }));
    expect(await cancelMeeting(t.db, officer, { meetingId: started, reason: "Too late" })).toMatchObject({ ok: false, status: 409 });
    // Followers are told, once (one event row; the worker writes the e-mails).
    const told = await t.db.selectFrom("notification_events").select(["subject", "body"]).where("key", "=", `meeting-cancelled:${published}`).execute();
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain("Storm warning");
  });
});

describe("Atom feeds", () => {
  it("the decisions feed and a board's feed have public decisions, agendas, supplements and cancellations, nothing exempt or draft", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const chair = await actorFor(t.db, "chair@moot.example");
    const board = await boardId(NORTHGATE);
    const members = await t.db.selectFrom("board_members").select("id").where("board_id", "=", board).where("voting", "=", true).orderBy("id").execute();
    const [a, b, c] = members.map((m) => m.id) as [number, number, number];
    const { meetingId } = value(await createMeeting(t.db, officer, { boardId: board, title: "Feed meeting", startsAt: "2028-11-07T18:30:00Z", venue: "Hall" }));
    value(await addAgendaItem(t.db, officer, { meetingId, kind: "decision", title: "Open play park", recommendation: "Approve" }));
    value(await addAgendaItem(t.db, officer, { meetingId, kind: "exempt", title: "Land deal", exemptParagraph: "3", publicInterestReason: "Negotiations" }));
    value(await publishAgenda(t.db, officer, { meetingId }));
    const added = value(await addItemBySupplement(t.db, officer, { meetingId, kind: "information", title: "Flood update", reason: "The Environment Agency report arrived after publication" }));
    value(await withdrawItemBySupplement(t.db, officer, { meetingId, itemId: String((await t.db.selectFrom("agenda_items").select("id").where("meeting_id", "=", meetingId).where("position", "=", added.position).executeTakeFirstOrThrow()).id), reason: "Deferred to January" }));
    value(await startMeeting(t.db, chair, { meetingId, confirmEarly: "yes" }));
    for (const m of members) value(await recordAttendance(t.db, chair, { meetingId, memberId: m.id, status: "present" }));
    const [open, exempt] = await t.db.selectFrom("agenda_items").select("id").where("meeting_id", "=", meetingId).orderBy("position").execute();
    value(await openItem(t.db, chair, { meetingId, itemId: open!.id }));
    value(await proposeMotion(t.db, chair, { meetingId, text: "Approve the play park", proposerId: a, seconderId: b }));
    const m1 = await t.db.selectFrom("motions").select("id").where("agenda_item_id", "=", open!.id).executeTakeFirstOrThrow();
    value(await callVote(t.db, chair, { meetingId, motionId: m1.id }));
    for (const id of [a, b, c]) value(await castVote(t.db, chair, { meetingId, motionId: m1.id, memberId: id, choice: "for" }));
    value(await declareResult(t.db, chair, { meetingId, motionId: m1.id }));
    value(await recordDecision(t.db, chair, { meetingId, itemId: open!.id, motionId: m1.id, decision: "PUBLIC-DECISION the play park opens", reasons: "Residents asked" }));
    value(await excludePublic(t.db, chair, { meetingId, exemptItemId: exempt!.id, movedById: a, secondedById: b, votesFor: "4", votesAgainst: "0" }));
    value(await proposeMotion(t.db, chair, { meetingId, text: "Buy the land", proposerId: a, seconderId: b }));
    const m2 = await t.db.selectFrom("motions").select("id").where("agenda_item_id", "=", exempt!.id).executeTakeFirstOrThrow();
    value(await callVote(t.db, chair, { meetingId, motionId: m2.id }));
    for (const id of [a, b, c]) value(await castVote(t.db, chair, { meetingId, motionId: m2.id, memberId: id, choice: "for" }));
    value(await declareResult(t.db, chair, { meetingId, motionId: m2.id }));
    value(await recordDecision(t.db, chair, { meetingId, itemId: exempt!.id, motionId: m2.id, decision: "EXEMPT-DECISION buy at £400,000", reasons: "Secret" }));
    const draft = await meeting(NORTHGATE, "Draft feed meeting", "2028-12-12T18:30:00Z", { draft: true });
    const cancelled = await meeting(NORTHGATE, "Cancelled feed meeting", "2028-12-19T18:30:00Z");
    value(await cancelMeeting(t.db, officer, { meetingId: cancelled, reason: "Chair unwell" }));

    const decisions = await callRoute(decisionsAtom, { db: t.db, url: "/decisions.atom" });
    expect(decisions.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
    const dFeed = parseAtom(decisions.text);
    const publicDecision = dFeed.entries.find((e) => e.summary.includes("PUBLIC-DECISION"));
    expect(publicDecision).toMatchObject({ title: "Northgate Locality Board: Open play park" });
    expect(publicDecision!.link).toMatch(/^http:\/\/moot\.test\/decisions\/\d+$/);
    expect(publicDecision!.id).toMatch(/^tag:moot\.test,2026:decision:\d+$/);
    expect(decisions.text).not.toContain("EXEMPT-DECISION");
    expect(decisions.text).not.toContain("400,000");

    const boardFeed = await callRoute(boardAtom, { db: t.db, url: `/boards/${NORTHGATE}/feed.atom`, params: { slug: NORTHGATE } });
    const bFeed = parseAtom(boardFeed.text);
    const titles = bFeed.entries.map((e) => e.title);
    expect(titles.some((x) => x.startsWith("Agenda published: Feed meeting"))).toBe(true);
    expect(titles.some((x) => x.startsWith("Agenda supplement 1: Feed meeting"))).toBe(true);
    expect(titles.some((x) => x.startsWith("Agenda supplement 2: Feed meeting"))).toBe(true);
    expect(bFeed.entries.find((e) => e.title.startsWith("Agenda supplement 1"))!.summary).toContain("Added: item 3, Flood update. Reason: The Environment Agency report arrived after publication");
    expect(titles.some((x) => x.startsWith("Cancelled: Cancelled feed meeting"))).toBe(true);
    expect(titles).toContain("Decision: Open play park");
    expect(boardFeed.text).not.toContain("Draft feed meeting");
    expect(boardFeed.text).not.toContain("EXEMPT-DECISION");
    expect(bFeed.entries.every((e) => !e.link.includes(`/meetings/${draft}`))).toBe(true);
    // Newest first, ids unique.
    expect(new Set(bFeed.entries.map((e) => e.id)).size).toBe(bFeed.entries.length);
    const times = bFeed.entries.map((e) => Date.parse(e.updated));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    expect((await callRoute(boardAtom, { db: t.db, url: "/boards/nope/feed.atom", params: { slug: "nope" } })).status).toBe(404);
  });

  it("the consultations feed has consultations that have opened, not drafts nor ones still to open", async () => {
    const now = Date.now();
    const insert = (title: string, status: "draft" | "scheduled" | "open", opensIn: number) =>
      t.db
        .insertInto("consultations")
        .values({ title, summary: `${title} summary`, status, opens_at: new Date(now + opensIn), closes_at: new Date(now + 30 * 86_400_000), whole_council: true })
        .returning("id")
        .executeTakeFirstOrThrow();
    const opened = await insert("FEED-OPEN library hours", "open", -86_400_000);
    const dueNow = await insert("FEED-SCHEDULED-PASSED bus routes", "scheduled", -60_000);
    await insert("FEED-DRAFT parking", "draft", -86_400_000);
    await insert("FEED-FUTURE bins", "scheduled", 5 * 86_400_000);
    const answer = await callRoute(consultationsAtom, { db: t.db, url: "/consultations.atom" });
    const feed = parseAtom(answer.text);
    const links = feed.entries.map((e) => e.link);
    expect(links).toContain(`http://moot.test/consultations/${opened.id}`);
    expect(links, "a scheduled consultation whose opening time has passed is open").toContain(`http://moot.test/consultations/${dueNow.id}`);
    expect(answer.text).not.toContain("FEED-DRAFT");
    expect(answer.text).not.toContain("FEED-FUTURE");
    expect(feed.entries.find((e) => e.link.endsWith(`/${opened.id}`))!.summary).toContain("Whole council");
  });
});
