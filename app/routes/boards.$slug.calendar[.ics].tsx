import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/http.server";
import { calendarResponse, meetingsCalendar } from "~/modules/syndication/calendar.server";

/** A board's public meetings as an iCalendar subscription (cancelled ones marked cancelled). */
export async function loader({ context, params, request }: LoaderFunctionArgs) {
  const file = await meetingsCalendar(context.db, { kind: "board", slug: params.slug ?? "" }, request.url);
  if (!file) notFound("There is no board at this address.");
  return calendarResponse(file);
}
