/** PostgreSQL `date` columns arrive as local-midnight Dates; pages and files want 'YYYY-MM-DD'. */
import { format } from "date-fns";

export { toIsoDate as isoDate } from "../calendar/days";

export function longDate(d: string): string {
  return format(new Date(`${d}T00:00:00`), "d MMMM yyyy");
}

export function periodText(start: string, end: string): string {
  return start === end ? longDate(start) : `${longDate(start)} to ${longDate(end)}`;
}
