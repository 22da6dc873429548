/**
 * Forms in and errors out. Routes turn FormData into a plain (nested) object with
 * `formInput`; module functions validate that object — or a socket event's payload — with their
 * zod schema through `validate`, so forms, actions, socket events and tests share one schema.
 * Field names follow Conform's path syntax (`answers[0].text`), which is also what the
 * GOV.UK error summary links to.
 */
import { formatPaths } from "@conform-to/dom";
import { BAD_FIELD_NAME, checkEntries, parseFieldName, type PathSegment } from "./input-limits";
import type { z } from "zod";
import { FORM_ERROR, type FieldErrors, type FormFailure } from "./result";

/**
 * FormData → nested object (repeated names become arrays; `a[0].b` becomes { a: [{ b }] }).
 * One linear pass, held to the limits in input-limits.ts: a form over them (too many fields, a
 * name repeated too often, an index like `x[10000000]`, a prototype key, a NUL byte) is refused
 * as a whole with a 400 the error page explains, before any feature code runs.
 */
export function formInput(formData: FormData | URLSearchParams): Record<string, unknown> {
  const problem = checkEntries(formData.entries());
  if (problem) throw badInput(problem.message);
  const payload: Record<string, unknown> = {};
  for (const [name, value] of formData.entries()) {
    if (name === "__intent__" || name === "__state__") continue; // Conform's reserved names; Moot uses neither
    const path = parseFieldName(name);
    if (!path) throw badInput(BAD_FIELD_NAME);
    setPath(payload, path, value);
  }
  return payload;
}

/** Put one value at its path; a name seen again turns the slot into an array (pushed, not copied). */
function setPath(target: Record<string, unknown>, path: PathSegment[], value: unknown): void {
  let pointer = target as Record<PathSegment, unknown>;
  for (let i = 0; i < path.length - 1; i++) {
    const segment = path[i]!;
    let child = pointer[segment];
    if (!Array.isArray(child) && !isPlainObject(child)) {
      child = typeof path[i + 1] === "number" ? [] : {};
      pointer[segment] = child;
    }
    pointer = child as Record<PathSegment, unknown>;
  }
  const last = path[path.length - 1]!;
  const previous = pointer[last];
  if (previous === undefined) pointer[last] = value;
  else if (Array.isArray(previous)) previous.push(value);
  else pointer[last] = [previous, value];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** A 400 the error boundary shows with this message (a Response, so no server-only import is needed). */
export function badInput(message: string): Response {
  return new Response(JSON.stringify({ message }), { status: 400, headers: { "Content-Type": "application/json; charset=utf-8" } });
}

/** Form fields that must never be echoed back to the page. */
const NEVER_ECHO = /password/i;

/** What the person typed, flat by field name, so a page with errors shows it again. */
export function formValues(formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    if (NEVER_ECHO.test(key)) continue;
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return values;
}

export function issuesToErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const name = issue.path.length ? formatPaths(issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))) : FORM_ERROR;
    errors[name] ??= issue.message;
  }
  return errors;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors; status: 400 };

export function validate<S extends z.ZodType>(schema: S, input: unknown): Validated<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: issuesToErrors(parsed.error.issues), status: 400 };
}

/** Turn a module's failure into a form failure that keeps the person's input. */
export function withValues(errors: FieldErrors, formData: FormData): FormFailure {
  return { ok: false, errors, values: formValues(formData) };
}
