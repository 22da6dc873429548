/**
 * The one way dates and times are shown to people: GOV.UK style, in UK time.
 * "10 January 2027", "5:30pm", "9am", "midday", "5:30pm on 10 January 2027".
 * A calendar day ('yyyy-MM-dd', or a PostgreSQL `date`) is shown as that day; an instant is shown
 * as the day and time it is in Europe/London. Nothing here shows an ISO date.
 */
const ZONE = "Europe/London";
const DAY_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const londonDate = new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, day: "numeric", month: "long", year: "numeric" });
const londonClock = new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, hour: "numeric", minute: "2-digit", hourCycle: "h23" });

type DateLike = Date | string | null | undefined;

function instant(value: Date | string): Date {
  return typeof value === "string" ? new Date(value) : value;
}

/** "10 January 2027". A 'yyyy-MM-dd' string is that calendar day; anything else is an instant read in UK time. */
export function formatDate(value: DateLike, empty = "not set"): string {
  if (value === null || value === undefined || value === "") return empty;
  if (typeof value === "string") {
    const day = DAY_TEXT.exec(value);
    if (day) return `${Number(day[3])} ${MONTHS[Number(day[2]) - 1]} ${day[1]}`;
  }
  const d = instant(value);
  if (Number.isNaN(d.getTime())) return empty;
  return londonDate.format(d);
}

/** A PostgreSQL `date` (local midnight Date) or 'yyyy-MM-dd' as "10 January 2027", whatever the server's zone. */
export function formatDay(value: DateLike, empty = "not set"): string {
  if (value instanceof Date) return `${value.getDate()} ${MONTHS[value.getMonth()]} ${value.getFullYear()}`;
  return formatDate(value, empty);
}

/** "5:30pm", "9am", "midday", "midnight" in UK time. */
export function formatTime(value: Date | string): string {
  const [h, m] = londonClock.format(instant(value)).split(":").map(Number) as [number, number];
  if (m === 0 && h === 0) return "midnight";
  if (m === 0 && h === 12) return "midday";
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  return `${hour12}${m ? `:${String(m).padStart(2, "0")}` : ""}${h < 12 ? "am" : "pm"}`;
}

/** "5:30pm on 10 January 2027" in UK time. */
export function formatDateTime(value: DateLike, empty = "not set"): string {
  if (value === null || value === undefined || value === "") return empty;
  const d = instant(value);
  if (Number.isNaN(d.getTime())) return empty;
  return `${formatTime(d)} on ${formatDate(d)}`;
}

/** "10 January 2027 to 5 February 2027" for a period of days. */
export function formatPeriod(from: DateLike, to: DateLike): string {
  const a = formatDay(from);
  const b = formatDay(to);
  return a === b ? a : `${a} to ${b}`;
}
