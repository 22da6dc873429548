/**
 * Money in commissioning: integer pence in the database, pounds on the page. Pure functions,
 * shared by forms (parse), pages (format) and the option comparison (totals).
 */

/** Largest sum a form accepts: £10 billion (well inside a bigint and a JS safe integer). */
export const MAX_PENCE = 1_000_000_000_000;

/**
 * "£1,250.50", "1250.5", "1250" → 125050 pence. Empty → null. Anything else (letters, three
 * decimal places, a negative unless allowed) → an error message.
 */
export function parsePounds(text: string, options: { allowNegative?: boolean } = {}): { ok: true; pence: number | null } | { ok: false; error: string } {
  const cleaned = text.trim().replace(/^£/, "").replace(/,/g, "").replace(/^-£/, "-").trim();
  if (cleaned === "") return { ok: true, pence: null };
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!m) return { ok: false, error: "must be an amount in pounds, like 12500 or 12,500.50" };
  if (m[1] && !options.allowNegative) return { ok: false, error: "must not be negative" };
  const pence = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  if (pence > MAX_PENCE) return { ok: false, error: "must be £10,000,000,000 or less" };
  return { ok: true, pence: m[1] ? -pence : pence };
}

const POUNDS = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", minimumFractionDigits: 0, maximumFractionDigits: 2 });

/** 125050 → "£1,250.50"; 1250000 → "£12,500"; null → "Not given". */
export function formatPounds(pence: number | null | undefined, empty = "Not given"): string {
  if (pence === null || pence === undefined) return empty;
  const whole = pence % 100 === 0;
  return whole ? POUNDS.format(pence / 100).replace(/\.00$/, "") : new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", minimumFractionDigits: 2 }).format(pence / 100);
}

/** Pence as the text a form field shows again ("1250.50"), "" for none. */
export function penceAsInput(pence: number | null | undefined): string {
  if (pence === null || pence === undefined) return "";
  const sign = pence < 0 ? "-" : "";
  const abs = Math.abs(pence);
  const p = abs % 100;
  return `${sign}${Math.floor(abs / 100)}${p ? `.${String(p).padStart(2, "0")}` : ""}`;
}

export interface OptionMoney {
  costPence: number | null;
  benefitPence: number | null;
  savingPence: number | null;
}

/** Net value of an option over the plan period: benefits plus savings less cost (null until costed). */
export function netPence(o: OptionMoney): number | null {
  if (o.costPence === null) return null;
  return (o.benefitPence ?? 0) + (o.savingPence ?? 0) - o.costPence;
}

/** Totals of a column over the options (null entries skipped; null if none has a value). */
export function totalPence(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length ? present.reduce((a, b) => a + b, 0) : null;
}

/** Cheapest costed option and the best net value, for the comparison table's notes. */
export function compareOptions<T extends OptionMoney & { option: string }>(options: T[]): { cheapest: string | null; bestNet: string | null } {
  const costed = options.filter((o) => o.costPence !== null);
  if (!costed.length) return { cheapest: null, bestNet: null };
  const cheapest = costed.reduce((a, b) => (b.costPence! < a.costPence! ? b : a));
  const bestNet = costed.reduce((a, b) => (netPence(b)! > netPence(a)! ? b : a));
  return { cheapest: cheapest.option, bestNet: bestNet.option };
}
