import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, rowIdParam } from "~/lib/http.server";
import { calendarResponse, meetingsCalendar } from "~/modules/syndication/calendar.server";

/** The meeting as an iCalendar file, for residents' and members' calendars. */
export async function loader({ context, params, request }: LoaderFunctionArgs) {
  const file = await meetingsCalendar(context.db, { kind: "meeting", meetingId: rowIdParam(params.id) }, request.url);
  if (!file) notFound("There is no published meeting at this address.");
  return calendarResponse(file, { download: true });
}
