/**
 * Meetings as iCalendar (RFC 5545), the one way Moot writes calendars: one meeting, a board's
 * meetings, or every public meeting of the council. Only meetings whose agenda is published are
 * in them (a draft is not public). Times are written in Europe/London with its VTIMEZONE, so a
 * meeting at 6:30pm is at 6:30pm in every calendar, summer or winter; a cancelled meeting stays
 * in the calendar with STATUS:CANCELLED (and a higher SEQUENCE) so subscribed calendars update it
 * rather than keep the old entry.
 */
import { TZDate } from "@date-fns/tz";
import ical, { ICalEventStatus } from "ical-generator";
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import { isUpcoming } from "../meetings/rules";

export const COUNCIL_TIME_ZONE = "Europe/London";
/** Meetings are scheduled by their start; a calendar entry needs an end. */
const MEETING_LENGTH_MS = 2 * 3_600_000;
/** How far back a subscription calendar reaches (all meetings still to come are in it). */
const PAST_DAYS = 400;

/**
 * Europe/London as a VTIMEZONE: GMT, and BST from the last Sunday of March (01:00 UTC) to the last
 * Sunday of October (01:00 UTC), the rule since 1996 (Summer Time Order 2002, EU directive 2000/84).
 */
export const EUROPE_LONDON_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/London",
  "X-LIC-LOCATION:Europe/London",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0000",
  "TZOFFSETTO:+0100",
  "TZNAME:BST",
  "DTSTART:19700329T010000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0000",
  "TZNAME:GMT",
  "DTSTART:19701025T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
].join("\r\n");

export type CalendarScope = { kind: "meeting"; meetingId: number } | { kind: "board"; slug: string } | { kind: "council" };

export interface CalendarFile {
  name: string;
  fileName: string;
  body: string;
}

function meetingsIn(db: Database, scope: CalendarScope) {
  let q = db
    .selectFrom("meetings as m")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .leftJoin("meeting_cancellations as c", "c.meeting_id", "m.id")
    .select([
      "m.id",
      "m.title",
      "m.starts_at",
      "m.venue",
      "m.online_link",
      "m.status",
      "m.agenda_published_at",
      "b.name as board_name",
      "b.slug as board_slug",
      "c.reason as cancellation_reason",
      "c.cancelled_at",
      // When the meeting's own details last changed: its status, or a supplement to its agenda.
      sql<Date | null>`(SELECT max(at) FROM meeting_status_changes s WHERE s.meeting_id = m.id)`.as("status_changed_at"),
      sql<Date | null>`(SELECT max(published_at) FROM agenda_supplements a WHERE a.meeting_id = m.id)`.as("supplemented_at"),
    ])
    .where("m.status", "!=", "draft")
    .orderBy("m.starts_at")
    .orderBy("m.id");
  if (scope.kind === "meeting") q = q.where("m.id", "=", scope.meetingId);
  else {
    q = q.where("m.starts_at", ">", new Date(Date.now() - PAST_DAYS * 86_400_000));
    if (scope.kind === "board") q = q.where("b.slug", "=", scope.slug);
  }
  return q.execute();
}

const latest = (...dates: (Date | null | undefined)[]): Date => new Date(Math.max(...dates.filter((d): d is Date => d instanceof Date).map((d) => d.getTime()), 0));

/**
 * The calendar for a scope, or null when there is nothing public at that address (an unknown or
 * draft meeting, an unknown board). `origin`: the site's address, for links in the entries.
 */
export async function meetingsCalendar(db: Database, scope: CalendarScope, origin: string): Promise<CalendarFile | null> {
  let name: string;
  let fileName: string;
  const meetings = await meetingsIn(db, scope);
  if (scope.kind === "meeting") {
    const only = meetings[0];
    if (!only) return null;
    name = `${only.board_name}: ${only.title}`;
    fileName = `meeting-${only.id}.ics`;
  } else if (scope.kind === "board") {
    const board = await db.selectFrom("boards").select(["name", "slug"]).where("slug", "=", scope.slug).executeTakeFirst();
    if (!board) return null;
    name = `${board.name}: meetings`;
    fileName = `${board.slug}-meetings.ics`;
  } else {
    const council = await db.selectFrom("council").select("name").orderBy("id").executeTakeFirst();
    name = `${council?.name ?? "Council"}: public meetings`;
    fileName = "meetings.ics";
  }
  const calendar = ical({
    name,
    prodId: { company: "Moot", product: "boards", language: "EN" },
    // The generator writes a VTIMEZONE for the zone the events use; the calendar's own zone stays
    // unset so DTSTAMP is written in UTC, as RFC 5545 requires.
    timezone: { name: null, generator: (tz) => (tz === COUNCIL_TIME_ZONE ? EUROPE_LONDON_VTIMEZONE : null) },
    ttl: 3600,
  });
  calendar.x([["X-WR-TIMEZONE", COUNCIL_TIME_ZONE]]);
  const host = new URL(origin).hostname;
  for (const m of meetings) {
    const url = new URL(`/meetings/${m.id}`, origin).toString();
    const cancelled = m.cancelled_at !== null;
    const lines = [cancelled ? `This meeting has been cancelled: ${m.cancellation_reason}` : null, `Agenda and papers: ${url}`, m.online_link ? `Join online: ${m.online_link}` : null];
    calendar.createEvent({
      // Stable across requests and processes: the same meeting is the same entry in a subscriber's calendar.
      id: `meeting-${m.id}@${host}`,
      sequence: cancelled ? 1 : 0,
      stamp: latest(m.agenda_published_at, m.status_changed_at, m.supplemented_at, m.cancelled_at),
      start: new TZDate(m.starts_at, COUNCIL_TIME_ZONE),
      end: new TZDate(new Date(m.starts_at.getTime() + MEETING_LENGTH_MS), COUNCIL_TIME_ZONE),
      timezone: COUNCIL_TIME_ZONE,
      summary: `${cancelled ? "Cancelled: " : ""}${m.board_name}: ${m.title}`,
      location: m.venue || m.online_link || null,
      description: lines.filter(Boolean).join("\n"),
      url,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return { name, fileName, body: calendar.toString() };
}

/** The HTTP answer for a calendar: text/calendar, shown inline so calendar apps can subscribe. */
export function calendarResponse(file: CalendarFile, options: { download?: boolean } = {}): Response {
  return new Response(file.body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `${options.download ? "attachment" : "inline"}; filename="${file.fileName}"`,
      "Cache-Control": "public, max-age=300",
    },
  });
}

/**
 * The council-wide list of public meetings (the `/meetings` page beside its calendar): every
 * board's meetings still to come, then those of the last three months, each with whether it was
 * cancelled. The same meetings as the council calendar.
 */
export async function councilMeetings(db: Database, now = new Date()) {
  const rows = await meetingsIn(db, { kind: "council" });
  const shown = rows.map((m) => ({
    id: m.id,
    title: m.title,
    boardName: m.board_name,
    boardSlug: m.board_slug,
    startsAt: m.starts_at.toISOString(),
    venue: m.venue,
    status: m.status,
    cancelled: m.cancelled_at !== null,
  }));
  const threeMonthsAgo = now.getTime() - 92 * 86_400_000;
  return {
    upcoming: shown.filter((m) => isUpcoming({ status: m.status, startsAt: new Date(m.startsAt) }, now)),
    recent: shown.filter((m) => !isUpcoming({ status: m.status, startsAt: new Date(m.startsAt) }, now) && Date.parse(m.startsAt) >= threeMonthsAgo).reverse(),
  };
}
