/**
 * The one way a date typed into a GOV.UK date input (day, month, year, and a time where asked)
 * becomes a value: `dateInput({ label: "Closing date" })` is a zod schema for the field named like
 * the `<DateInput>` component (`closesOn.day`, `closesOn.month`, `closesOn.year`, `closesOn.time`),
 * which formInput() nests as { day, month, year, time }.
 *
 * Errors follow the GOV.UK date input pattern and say what is wrong with which part:
 * "Closing date must include a month", "Closing date must be a real date",
 * "Closing date must be after the opening date" (with `dateAfter`). A problem with one part is
 * reported on that part (`closesOn.month`), so only that field is highlighted; a problem with the
 * whole date on the field itself (`closesOn`). Both link to the first box of the date.
 *
 * Without a time the value is a calendar day 'yyyy-MM-dd'; with `time: true` it is the instant
 * that wall-clock time is in the UK (Europe/London). An ISO string ('2027-03-31',
 * '2027-03-31T18:30') is read too, so tests, seeds and JSON callers need not build parts.
 */
import { z } from "zod";
import { londonTime } from "./london-time";

type Part = "day" | "month" | "year";
export type DateParts = { day?: string; month?: string; year?: string; time?: string };

export interface DateInputOptions {
  /** What the date is, capitalised as it starts a sentence: "Closing date". */
  label: string;
  /** The message when nothing is entered (default "Enter the closing date"). */
  required?: string;
  /** Accept an empty date (the value is then null). */
  optional?: boolean;
  /** Ask for a time too; the value is then a Date (the instant in UK time). */
  time?: boolean;
  /** The time used when the time box is left empty (default: the time is required). */
  defaultTime?: string;
  /** Years outside this range are refused with a clear message (default 1900–2199). */
  minYear?: number;
  maxYear?: number;
}

/** A parsed time of day: "17:30", "5:30pm", "9am", "09.00", "midday", "midnight" → [hour, minute]. */
export function parseTimeOfDay(text: string): [number, number] | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, "");
  if (t === "midday" || t === "noon" || t === "12noon") return [12, 0];
  if (t === "midnight") return [0, 0];
  const m = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$/.exec(t);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  if (minute > 59) return null;
  if (m[3]) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (m[3] === "pm" ? 12 : 0);
  } else if (m[2] === undefined || hour > 23) {
    return null; // "17" alone is ambiguous; "25:00" is not a time
  }
  return [hour, minute];
}

const lower = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);

function partsOf(v: unknown): DateParts | "bad" {
  if (v === undefined || v === null || v === "") return {};
  if (typeof v === "string") {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?)?$/.exec(v.trim());
    return m ? { year: m[1], month: String(Number(m[2])), day: String(Number(m[3])), time: m[4] } : "bad";
  }
  if (typeof v === "object" && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const out: DateParts = {};
    for (const k of ["day", "month", "year", "time"] as const) {
      const x = o[k];
      if (x === undefined) continue;
      if (typeof x !== "string") return "bad";
      out[k] = x;
    }
    return out;
  }
  return "bad";
}

const andList = (parts: string[]) => (parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`);

/**
 * Check parts and return either the calendar day and time or the problem (message and the part it
 * belongs to, if only one). Exported for tests and for callers that check without zod.
 */
export function readDateParts(
  input: DateParts,
  o: DateInputOptions,
): { ok: true; iso: string; hour: number; minute: number } | { ok: false; message: string; part?: Part | "time" } | { ok: true; empty: true } {
  const day = (input.day ?? "").trim();
  const month = (input.month ?? "").trim();
  const year = (input.year ?? "").trim();
  const time = (input.time ?? "").trim();
  const label = o.label;
  if (!day && !month && !year && (!o.time || !time)) {
    return o.optional ? { ok: true, empty: true } : { ok: false, message: o.required ?? `Enter the ${lower(label)}` };
  }
  const missing = ([["day", day], ["month", month], ["year", year]] as const).filter(([, v]) => !v).map(([p]) => p);
  if (missing.length) {
    return { ok: false, message: `${label} must include a ${andList(missing)}`, part: missing.length === 1 ? missing[0] : undefined };
  }
  if (!/^\d{1,2}$/.test(day) || Number(day) < 1 || Number(day) > 31) return { ok: false, message: `${label} must be a real date`, part: "day" };
  if (!/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12) return { ok: false, message: `${label} must be a real date`, part: "month" };
  if (!/^\d+$/.test(year)) return { ok: false, message: `${label} must be a real date`, part: "year" };
  if (year.length !== 4) return { ok: false, message: `${label} year must include 4 numbers, like 2027`, part: "year" };
  const minYear = o.minYear ?? 1900;
  const maxYear = o.maxYear ?? 2199;
  if (Number(year) < minYear || Number(year) > maxYear) {
    return { ok: false, message: `${label} must be between ${minYear} and ${maxYear}`, part: "year" };
  }
  const iso = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  const check = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== iso) return { ok: false, message: `${label} must be a real date` };
  if (!o.time) return { ok: true, iso, hour: 0, minute: 0 };
  const clock = time || o.defaultTime;
  if (!clock) return { ok: false, message: `${label} must include a time`, part: "time" };
  const hm = parseTimeOfDay(clock);
  if (!hm) return { ok: false, message: `${label} must include a real time, like 09:30 or 5:30pm`, part: "time" };
  return { ok: true, iso, hour: hm[0], minute: hm[1] };
}

/** zod schema for a GOV.UK date input: 'yyyy-MM-dd' (or a Date with `time`), null when optional and empty. */
export function dateInput(o: DateInputOptions & { time: true; optional: true }): z.ZodType<Date | null, unknown>;
export function dateInput(o: DateInputOptions & { time: true; optional?: false }): z.ZodType<Date, unknown>;
export function dateInput(o: DateInputOptions & { time?: false; optional: true }): z.ZodType<string | null, unknown>;
export function dateInput(o: DateInputOptions & { time?: false; optional?: false }): z.ZodType<string, unknown>;
export function dateInput(o: DateInputOptions): z.ZodType<unknown, unknown> {
  return z.unknown().optional().transform((v, ctx) => {
    // An instant with its zone ("2027-03-01T18:30:00.000Z", from toISOString()) is taken as it is.
    if (o.time && typeof v === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v.trim())) {
      const at = new Date(v.trim());
      if (!Number.isNaN(at.getTime())) return at;
    }
    const parts = partsOf(v);
    if (parts === "bad") {
      ctx.addIssue({ code: "custom", message: `${o.label} must be a real date` });
      return z.NEVER;
    }
    const read = readDateParts(parts, o);
    if (!read.ok) {
      ctx.addIssue({ code: "custom", message: read.message, path: read.part ? [read.part] : [] });
      return z.NEVER;
    }
    if ("empty" in read) return null;
    if (!o.time) return read.iso;
    const [y, m, d] = read.iso.split("-").map(Number) as [number, number, number];
    const at = londonTime(y, m, d, read.hour, read.minute);
    if (!at) {
      ctx.addIssue({ code: "custom", message: `${o.label} must be a real date` });
      return z.NEVER;
    }
    return at;
  });
}

/**
 * In a superRefine: report `later` on its field unless it comes after `earlier`
 * ("Closing date must be after the opening date"). Either may be missing (nothing to compare).
 * `orSame` allows the same day (a period of one day).
 */
export function dateAfter(
  ctx: z.RefinementCtx,
  later: string | Date | null | undefined,
  earlier: string | Date | null | undefined,
  path: (string | number)[],
  message: string,
  orSame = false,
): void {
  if (!later || !earlier) return;
  const a = later instanceof Date ? later.getTime() : later;
  const b = earlier instanceof Date ? earlier.getTime() : earlier;
  if (a > b || (orSame && a === b)) return;
  ctx.addIssue({ code: "custom", path, message });
}
