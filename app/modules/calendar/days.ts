/**
 * Calendar days as 'yyyy-MM-dd' strings, the one home for day arithmetic every feature shares:
 * the London day of an instant, working days (weekends and the bank holidays passed in), and
 * checking that a typed date is a real one. Pure functions; the bank holidays come from
 * `bank-holidays.server.ts`.
 */
import { addDays, format, isWeekend, parseISO } from "date-fns";

export type IsoDate = string;
export type Holidays = ReadonlySet<IsoDate>;

/** A Date from node-postgres (a `date` at local midnight, or a timestamp) as a calendar date. */
export function toIsoDate(value: Date | string): IsoDate {
  return typeof value === "string" ? value.slice(0, 10) : format(value, "yyyy-MM-dd");
}

const LONDON = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar day a moment falls on in England (statutory clocks run on local days). */
export function londonDay(moment: Date): IsoDate {
  return LONDON.format(moment);
}

export function isWorkingDay(day: IsoDate, holidays: Holidays): boolean {
  return !isWeekend(parseISO(day)) && !holidays.has(day);
}

export const addCalendarDays = (day: IsoDate, n: number): IsoDate => format(addDays(parseISO(day), n), "yyyy-MM-dd");

/** 'yyyy-MM-dd' naming a day that exists (not 2026-02-30). */
export function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}
