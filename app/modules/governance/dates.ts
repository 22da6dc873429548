/**
 * The date rules of governance, as pure functions over calendar days ('yyyy-MM-dd'), with unit
 * tests (test/unit/governance-dates.test.ts):
 * - "clear days": whole days between two events, leaving out the day of the first (publication,
 *   notice) and the day of the second (the meeting or the decision). Notice given on 1 March of a
 *   decision on 30 March is 28 clear days.
 * - "working days": Monday to Friday, leaving out the bank holidays passed in (the council's one
 *   table, `bankHolidaySet` in app/modules/calendar).
 * Instants are turned into days in England's time (`londonDay`), so summer time never moves a day.
 */
import { differenceInCalendarDays, parseISO } from "date-fns";
import { addCalendarDays, isWorkingDay, londonDay, type Holidays, type IsoDate } from "../calendar/days";

export { londonDay, type Holidays, type IsoDate };

/** Calendar days strictly between two days (neither end counts); 0 when they are the same or adjacent, negative never. */
export function clearDaysBetween(from: IsoDate, to: IsoDate): number {
  return Math.max(0, differenceInCalendarDays(parseISO(to), parseISO(from)) - 1);
}

/** The last day notice can be given for something on `day` with `clearDays` clear days. */
export function latestNoticeDay(day: IsoDate, clearDays: number): IsoDate {
  return addCalendarDays(day, -(clearDays + 1));
}

/** Working days strictly between two days (neither end counts). */
export function clearWorkingDaysBetween(from: IsoDate, to: IsoDate, holidays: Holidays): number {
  let count = 0;
  for (let day = addCalendarDays(from, 1); day < to; day = addCalendarDays(day, 1)) if (isWorkingDay(day, holidays)) count++;
  return count;
}

/** The `n`th working day after `day` (n ≥ 1); the day itself never counts. */
export function addWorkingDays(day: IsoDate, n: number, holidays: Holidays): IsoDate {
  let counted = 0;
  let d = day;
  while (counted < n) {
    d = addCalendarDays(d, 1);
    if (isWorkingDay(d, holidays)) counted++;
  }
  return d;
}

// ---------------------------------------------------------------------------------------------
// Call-in: a published decision may be called in within five working days of its publication.

export const CALL_IN_WORKING_DAYS = 5;

/** The last day a decision published on `publishedOn` may be called in: the fifth working day after it. */
export function callInLastDay(publishedOn: IsoDate, holidays: Holidays, workingDays = CALL_IN_WORKING_DAYS): IsoDate {
  return addWorkingDays(publishedOn, workingDays, holidays);
}

/** May a call-in be made on `today`? From the day of publication to the end of the last day. */
export function isWithinCallInPeriod(publishedOn: IsoDate, today: IsoDate, holidays: Holidays, workingDays = CALL_IN_WORKING_DAYS): boolean {
  return today >= publishedOn && today <= callInLastDay(publishedOn, holidays, workingDays);
}
