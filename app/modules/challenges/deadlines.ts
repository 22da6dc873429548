/**
 * The statutory clock, as pure date arithmetic on calendar dates ('yyyy-MM-dd').
 * Working days skip Saturdays, Sundays and the bank holidays passed in (England and Wales,
 * loaded from the council's one bank_holidays table, which admins keep on /admin/bank-holidays).
 */
import { addDays, addMonths, differenceInCalendarDays, format, parseISO } from "date-fns";
import { addCalendarDays, isWorkingDay, londonDay, toIsoDate, type Holidays, type IsoDate } from "../calendar/days";

export { addCalendarDays, isWorkingDay, londonDay, toIsoDate, type Holidays, type IsoDate };

const iso = (d: Date): IsoDate => format(d, "yyyy-MM-dd");

/** The date `n` working days after `day` (the day itself does not count). */
export function addWorkingDays(day: IsoDate, n: number, holidays: Holidays): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError("working days must be a whole number, 0 or more");
  let date = parseISO(day);
  let left = n;
  while (left > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(iso(date), holidays)) left -= 1;
  }
  return iso(date);
}

export const daysBetween = (from: IsoDate, to: IsoDate): number => differenceInCalendarDays(parseISO(to), parseISO(from));

/** Acknowledge within the council's configured number of working days of receipt. */
export function acknowledgementDue(receivedOn: IsoDate, workingDays: number, holidays: Holidays): IsoDate {
  return addWorkingDays(receivedOn, workingDays, holidays);
}

/** The group must be told, within 30 days of receipt, the date by which the council will decide. */
export function decisionDateNoticeDue(receivedOn: IsoDate, days = 30): IsoDate {
  return addCalendarDays(receivedOn, days);
}

/** The procurement exercise must start between the service's minimum and maximum periods after acceptance. */
export function procurementWindow(acceptedOn: IsoDate, minMonths: number, maxMonths: number): { opensOn: IsoDate; closesOn: IsoDate } {
  if (maxMonths < minMonths) throw new RangeError("the maximum period is shorter than the minimum");
  const accepted = parseISO(acceptedOn);
  return { opensOn: iso(addMonths(accepted, minMonths)), closesOn: iso(addMonths(accepted, maxMonths)) };
}

/** Is a service open for expressions of interest on `day`? Excluded services never are. */
export function isServiceOpen(
  service: { excludedReason: string | null; anyTime: boolean; windows: readonly { opensOn: IsoDate; closesOn: IsoDate }[] },
  day: IsoDate,
): boolean {
  if (service.excludedReason !== null) return false;
  if (service.anyTime) return true;
  return service.windows.some((w) => w.opensOn <= day && day <= w.closesOn);
}

export type ClockState = "due" | "overdue" | "lapsing" | "lapsed";

export interface ClockItem {
  what: "acknowledge" | "notify_decision_date" | "decide" | "start_procurement";
  dueOn: IsoDate;
  state: ClockState;
  /** Days from today to the due date (negative when past). */
  daysLeft: number;
}

export interface ClockInput {
  status: string;
  receivedOn: IsoDate | null;
  decisionDueOn: IsoDate | null;
  procurementOpensOn: IsoDate | null;
  procurementClosesOn: IsoDate | null;
}

export interface ClockSettings {
  acknowledgeWorkingDays: number;
  decisionDateNoticeDays: number;
  warnDaysBeforeLapse: number;
}

const DECIDING = new Set(["decision_date_notified", "under_consideration", "modification_proposed", "modification_agreed", "modification_declined"]);
const AWAITING_PROCUREMENT = new Set(["accepted", "accepted_with_modification", "procurement_pending"]);

/** What the council owes on one EOI today, if anything. */
export function clockFor(eoi: ClockInput, settings: ClockSettings, holidays: Holidays, today: IsoDate): ClockItem | null {
  const item = (what: ClockItem["what"], dueOn: IsoDate): ClockItem => {
    const daysLeft = daysBetween(today, dueOn);
    return { what, dueOn, daysLeft, state: daysLeft < 0 ? "overdue" : "due" };
  };
  if (!eoi.receivedOn) return null;
  if (eoi.status === "submitted") return item("acknowledge", acknowledgementDue(eoi.receivedOn, settings.acknowledgeWorkingDays, holidays));
  if (eoi.status === "acknowledged") return item("notify_decision_date", decisionDateNoticeDue(eoi.receivedOn, settings.decisionDateNoticeDays));
  if (DECIDING.has(eoi.status) && eoi.decisionDueOn) return item("decide", eoi.decisionDueOn);
  if (AWAITING_PROCUREMENT.has(eoi.status) && eoi.procurementClosesOn) {
    const daysLeft = daysBetween(today, eoi.procurementClosesOn);
    const state: ClockState = daysLeft < 0 ? "lapsed" : daysLeft <= settings.warnDaysBeforeLapse ? "lapsing" : "due";
    return { what: "start_procurement", dueOn: eoi.procurementClosesOn, daysLeft, state };
  }
  return null;
}
