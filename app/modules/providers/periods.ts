/** Monthly reporting periods, written 'YYYY-MM-01' (stored) and shown "March 2026". */
import { format } from "date-fns";
import type { KpiFrequency } from "../../../db/tables/providers";

/** 2026-03, 2026-03-01 → '2026-03-01'; anything else null. */
export function parseMonth(text: string): string | null {
  const m = /^(\d{4})-(\d{2})(?:-01)?$/.exec(text.trim());
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return `${m[1]}-${m[2]}-01`;
}

export const monthLabel = (period: string) => format(new Date(`${period.slice(0, 7)}-01T00:00:00`), "MMMM yyyy");

/** First day of the month of an ISO date. */
export const monthOf = (isoDate: string) => `${isoDate.slice(0, 7)}-01`;

export function addMonths(period: string, n: number): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  return `${year}-${String(month + 1).padStart(2, "0")}-01`;
}

/** Is a KPI of this frequency due in this month? Quarterly: at each financial quarter's end; annual: March. */
export function kpiDue(frequency: KpiFrequency, period: string): boolean {
  const month = Number(period.slice(5, 7));
  if (frequency === "monthly") return true;
  if (frequency === "quarterly") return month % 3 === 0;
  return month === 3;
}
