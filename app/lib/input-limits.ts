/**
 * What any submitted input (form fields, query strings, socket event payloads) may look like
 * before a feature's zod schema sees it. One place, so every way in is held to the same limits:
 *
 * - size: how many fields, how often one name repeats, how large an array index in a field name
 *   (`options[10000000]` would otherwise make a ten-million-slot array), how deep a name nests;
 * - text: no NUL or other control characters (PostgreSQL refuses NUL in text, so they would
 *   surface as a 500), and no unpaired UTF-16 surrogates (only reachable through JSON, e.g. socket
 *   events; PostgreSQL refuses them too).
 *
 * Anything over these limits is not something a person filled in, so it is refused as a whole
 * with one clear message rather than trimmed.
 */

/** More fields than any form in Moot has (the longest, a consultation's questions, has a few hundred). */
export const MAX_FIELDS = 2000;
/** How many values one field name may carry (checkbox lists, repeated hidden fields). */
export const MAX_REPEATS = 500;
/** The largest array index a field name may use (`partners[999].name`). */
export const MAX_INDEX = 999;
/** How many `.`/`[]` segments a field name may have. */
export const MAX_DEPTH = 8;
/** How long a field name may be. */
export const MAX_NAME_LENGTH = 200;

export const TOO_MANY_FIELDS = "The form has more fields than this service accepts. Go back, reload the page and try again. Nothing was saved.";
export const BAD_FIELD_NAME = "The form contains a field this service does not recognise. Go back, reload the page and try again. Nothing was saved.";
export const BAD_CHARACTERS =
  "What you entered contains an invisible control character this service cannot store (it can come from copying and pasting). Remove it and try again. Nothing was saved.";

/** A C0 control other than tab, line feed and carriage return, or DEL. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a piece of text can be stored as it is (no NUL/control characters, no lone surrogates). */
export function isStorableText(value: string): boolean {
  return !CONTROL.test(value) && !LONE_SURROGATE.test(value);
}

export type PathSegment = string | number;

/** Property names that must never become keys of a parsed object. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * A field name in Conform's path syntax (`answers[0].text`) as segments, or null when it is not a
 * name any Moot form uses: bad syntax, an index above MAX_INDEX, too deep, too long, or a
 * prototype key.
 */
export function parseFieldName(name: string): PathSegment[] | null {
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) return null;
  const segments: PathSegment[] = [];
  const token = /([^.[\]]+)|\[(\d{1,4})\]/y;
  let at = 0;
  while (at < name.length) {
    if (segments.length > 0 && name[at] === ".") at += 1;
    token.lastIndex = at;
    const match = token.exec(name);
    if (!match) return null;
    if (match[1] !== undefined) {
      if (FORBIDDEN_KEYS.has(match[1])) return null;
      segments.push(match[1]);
    } else {
      if (segments.length === 0) return null;
      const index = Number(match[2]);
      if (index > MAX_INDEX) return null;
      segments.push(index);
    }
    if (segments.length > MAX_DEPTH) return null;
    at = token.lastIndex;
  }
  return segments;
}

export type EntriesProblem = { message: string; field?: string } | null;

/**
 * Check a form's entries in one linear pass: field count, repeats per name, field names, and
 * the text of every name and value. Null when all is well.
 */
export function checkEntries(entries: Iterable<[string, unknown]>): EntriesProblem {
  const repeats = new Map<string, number>();
  let count = 0;
  for (const [name, value] of entries) {
    count += 1;
    if (count > MAX_FIELDS) return { message: TOO_MANY_FIELDS };
    const seen = (repeats.get(name) ?? 0) + 1;
    if (seen > MAX_REPEATS) return { message: TOO_MANY_FIELDS, field: name };
    repeats.set(name, seen);
    if (!isStorableText(name)) return { message: BAD_CHARACTERS };
    if (typeof value === "string" && !isStorableText(value)) return { message: BAD_CHARACTERS, field: name };
  }
  return null;
}

/**
 * Check any value that arrived as JSON (a socket event's payload): text as `isStorableText`,
 * no prototype keys, and bounded size and depth. Null when all is well.
 */
export function checkPayload(value: unknown): EntriesProblem {
  let nodes = 0;
  const visit = (v: unknown, depth: number): EntriesProblem => {
    nodes += 1;
    if (nodes > MAX_FIELDS || depth > MAX_DEPTH) return { message: TOO_MANY_FIELDS };
    if (typeof v === "string") return isStorableText(v) ? null : { message: BAD_CHARACTERS };
    if (Array.isArray(v)) {
      if (v.length > MAX_REPEATS) return { message: TOO_MANY_FIELDS };
      for (const item of v) {
        const problem = visit(item, depth + 1);
        if (problem) return problem;
      }
      return null;
    }
    if (v !== null && typeof v === "object") {
      for (const key of Object.keys(v)) {
        if (FORBIDDEN_KEYS.has(key) || !isStorableText(key)) return { message: BAD_FIELD_NAME };
        const problem = visit((v as Record<string, unknown>)[key], depth + 1);
        if (problem) return problem;
      }
    }
    return null;
  };
  return visit(value, 0);
}

/**
 * Text made from other text (a feed's title from a meeting's board and title) cut to fit its
 * column: at most `max` characters (PostgreSQL counts code points, so a surrogate pair is never
 * split), ending in "…" when cut. Derived values must never fail where their source was accepted.
 */
export function clipText(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("").trimEnd()}…`;
}
