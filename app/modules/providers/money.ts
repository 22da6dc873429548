/**
 * Money is stored as whole pence (bigint) and shown in pounds. Reading a person's "£12,500.50"
 * is strict: digits with optional thousands commas and at most two decimal places.
 */
import { z } from "zod";

/** The most one amount may be: £1 billion (well inside JavaScript's exact integers). */
export const MAX_PENCE = 100_000_000_000;

export function poundsToPence(text: string): number | null {
  const t = text.trim().replace(/^£/, "").trim();
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(t)) return null;
  const [whole, fraction = ""] = t.replace(/,/g, "").split(".");
  const pence = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return Number.isSafeInteger(pence) ? pence : null;
}

/** 1234550 → "£12,345.50"; whole pounds drop the pence ("£12,345"). */
export function formatPounds(pence: number): string {
  const pounds = pence / 100;
  return `£${pounds.toLocaleString("en-GB", { minimumFractionDigits: pence % 100 === 0 ? 0 : 2, maximumFractionDigits: 2 })}`;
}

/** A form field in pounds, read into pence. */
export const poundsField = (label: string, options: { allowZero?: boolean } = {}) =>
  z.string({ error: `Enter ${label}` }).transform((value, ctx) => {
    if (!value.trim()) {
      ctx.addIssue({ code: "custom", message: `Enter ${label}` });
      return z.NEVER;
    }
    const pence = poundsToPence(value);
    if (pence === null) {
      ctx.addIssue({ code: "custom", message: `${label[0]!.toUpperCase()}${label.slice(1)} must be an amount in pounds, like 12500 or 12,500.50` });
      return z.NEVER;
    }
    if (pence === 0 && !options.allowZero) {
      ctx.addIssue({ code: "custom", message: `${label[0]!.toUpperCase()}${label.slice(1)} must be more than £0` });
      return z.NEVER;
    }
    if (pence > MAX_PENCE) {
      ctx.addIssue({ code: "custom", message: `${label[0]!.toUpperCase()}${label.slice(1)} must be £1,000,000,000 or less` });
      return z.NEVER;
    }
    return pence;
  });
