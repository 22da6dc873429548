/**
 * Forms in and errors out. Routes turn FormData into a plain (nested) object with
 * `formInput`; module functions validate that object — or a socket event's payload — with their
 * zod schema through `validate`, so forms, actions, socket events and tests share one schema.
 * Field names follow Conform's path syntax (`answers[0].text`), which is also what the
 * GOV.UK error summary links to.
 */
import { formatPaths, parse } from "@conform-to/dom";
import type { z } from "zod";
import { FORM_ERROR, type FieldErrors, type FormFailure } from "./result";

/** FormData → nested object (repeated names become arrays; `a[0].b` becomes { a: [{ b }] }). */
export function formInput(formData: FormData | URLSearchParams): Record<string, unknown> {
  const submission = parse(formData, { resolve: (payload) => ({ value: payload }) });
  return submission.payload as Record<string, unknown>;
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
