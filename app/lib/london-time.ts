/** Officers enter UK local times; the database stores instants. Europe/London, DST-aware. */
const ZONE = "Europe/London";

// Formatters are built once: constructing an Intl.DateTimeFormat costs far more than using one,
// and pages format dozens of dates per request.
const OFFSET_PARTS = new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
const WALL_CLOCK_PARTS = new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" });
const LONG_DATE = new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, day: "numeric", month: "long", year: "numeric" });
const CLOCK_12H = new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, hour: "numeric", minute: "2-digit", hourCycle: "h12" });

function offsetMinutes(instant: Date): number {
  const parts = OFFSET_PARTS.formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return Math.round((asUtc - Math.floor(instant.getTime() / 60000) * 60000) / 60000);
}

/** A London wall-clock time as an instant, or null if the date does not exist. */
export function londonTime(year: number, month: number, day: number, hour: number, minute: number): Date | null {
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(naive);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  let instant = naive - offsetMinutes(new Date(naive)) * 60000;
  instant = naive - offsetMinutes(new Date(instant)) * 60000;
  return new Date(instant);
}

/** The London wall-clock parts of an instant (to fill a date-time form). */
export function londonParts(instant: Date): { day: string; month: string; year: string; time: string } {
  const parts = WALL_CLOCK_PARTS.formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return { day: String(Number(get("day"))), month: String(Number(get("month"))), year: get("year"), time: `${get("hour")}:${get("minute")}` };
}

/** "9:00am on 12 January 2027" style, in London time. */
export function formatLondon(instant: Date | string | null): string {
  if (!instant) return "not set";
  const d = typeof instant === "string" ? new Date(instant) : instant;
  const date = LONG_DATE.format(d);
  const time = CLOCK_12H.format(d)
    .replace(" ", "")
    .replace(":00", "")
    .toLowerCase();
  return `${time} on ${date}`;
}

export function formatLondonDate(instant: Date | string | null): string {
  if (!instant) return "not set";
  const d = typeof instant === "string" ? new Date(instant) : instant;
  return LONG_DATE.format(d);
}
