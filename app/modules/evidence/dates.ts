/** PostgreSQL `date` columns arrive as local-midnight Dates; pages and files want 'YYYY-MM-DD'. */
import { format } from "date-fns";

export const isoDate = (d: Date | string): string => (typeof d === "string" ? d.slice(0, 10) : format(d, "yyyy-MM-dd"));

export function longDate(d: string): string {
  return format(new Date(`${d}T00:00:00`), "d MMMM yyyy");
}

export function periodText(start: string, end: string): string {
  return start === end ? longDate(start) : `${longDate(start)} to ${longDate(end)}`;
}
