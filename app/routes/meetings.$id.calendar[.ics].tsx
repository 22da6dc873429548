import type { LoaderFunctionArgs } from "@remix-run/node";
import ical from "ical-generator";
import { notFound, rowIdParam } from "~/lib/http.server";
import { publishedMeeting } from "~/modules/meetings/meetings.server";

/** The meeting as an iCalendar file, for residents' and members' calendars. */
export async function loader({ context, params, request }: LoaderFunctionArgs) {
  const meeting = await publishedMeeting(context.db, rowIdParam(params.id));
  if (!meeting) notFound("There is no published meeting at this address.");
  const url = new URL(`/meetings/${meeting.id}`, request.url).toString();
  const calendar = ical({ name: meeting.boardName, prodId: { company: "Moot", product: "boards" } });
  const start = new Date(meeting.startsAt);
  calendar.createEvent({
    id: `meeting-${meeting.id}@moot`,
    start,
    end: new Date(start.getTime() + 2 * 3_600_000),
    summary: `${meeting.boardName}: ${meeting.title}`,
    location: meeting.venue || meeting.onlineLink,
    description: `Agenda and papers: ${url}${meeting.onlineLink ? `\nJoin online: ${meeting.onlineLink}` : ""}`,
    url,
  });
  return new Response(calendar.toString(), {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": `attachment; filename="meeting-${meeting.id}.ics"` },
  });
}
