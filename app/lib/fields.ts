/**
 * zod field types every feature shares, so a row id, a list of ids and a web address are read the
 * same way in every form, query string and socket event.
 */
import { z } from "zod";
import { MAX_ROW_ID } from "./ids";

/**
 * A row id: a positive whole number up to PostgreSQL's integer maximum, written in plain digits
 * (a form's "12", a socket event's 12). "0x3", "1e3", "[16]", true, 3.5 and 99999999999 are not
 * ids — z.coerce.number would have read the first four as numbers.
 */
export const rowId = (message = "Choose one", noSuchRow = message) =>
  z.union([z.string(), z.number()], { error: message }).transform((value, ctx) => {
    const text = typeof value === "number" ? (Number.isSafeInteger(value) ? String(value) : "") : value.trim();
    if (!/^[1-9][0-9]*$/.test(text)) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    if (text.length > 10 || Number(text) > MAX_ROW_ID) {
      ctx.addIssue({ code: "custom", message: noSuchRow }); // well formed, but no row can have it
      return z.NEVER;
    }
    return Number(text);
  });

/** The most ids one list field may carry (checkboxes of outcomes, members, localities…). */
export const MAX_IDS = 200;

/** Zero or more row ids from repeated checkboxes (nothing, "", one value or many). */
export const rowIds = (message = "Choose from the list", max = MAX_IDS) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]),
    z.array(rowId(message)).max(max, `Choose at most ${max}`),
  );

/**
 * A web address people will follow: http or https only (never javascript:, data: or file:),
 * with a host. Returns it trimmed.
 */
export const httpUrl = (message = "Enter a web address starting https://", max = 2000) =>
  z
    .string({ error: message })
    .trim()
    .max(max, `Web addresses must be ${max} characters or fewer`)
    .refine(isHttpUrl, message);

export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value) || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}
