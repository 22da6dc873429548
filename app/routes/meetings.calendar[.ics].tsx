import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarResponse, meetingsCalendar } from "~/modules/syndication/calendar.server";

/** Every board's public meetings, council-wide, as one iCalendar subscription. */
export async function loader({ context, request }: LoaderFunctionArgs) {
  const file = await meetingsCalendar(context.db, { kind: "council" }, request.url);
  return calendarResponse(file!);
}
