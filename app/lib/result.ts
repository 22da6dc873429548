/**
 * The one result shape every module operation returns, used by routes and socket handlers alike.
 * Expected failures are values; unexpected ones are thrown.
 */

/** Field name → the message to show beside it. The key FORM_ERROR holds errors about the whole form. */
export type FieldErrors = Record<string, string>;
export const FORM_ERROR = "_form";

import type { Effect } from "./effects";

/**
 * A success may carry `effects`: what must happen once its transaction has committed
 * (broadcasts, identity refreshes). A failure never does: its transaction was rolled back.
 * Callers pass the whole result to `settle()` (effects.server.ts).
 */
export type Result<T> =
  | { ok: true; value: T; effects?: readonly Effect[] }
  | { ok: false; errors: FieldErrors; status?: 400 | 403 | 404 | 409 | 429 };

export const ok = <T>(value: T, effects?: readonly Effect[]): Result<T> => (effects?.length ? { ok: true, value, effects } : { ok: true, value });

export function fail(errors: FieldErrors | string, status: 400 | 403 | 404 | 409 | 429 = 400): { ok: false; errors: FieldErrors; status: 400 | 403 | 404 | 409 | 429 } {
  return { ok: false, errors: typeof errors === "string" ? { [FORM_ERROR]: errors } : errors, status };
}

/** A form error to show the person, with their input so nothing they typed is lost. */
export interface FormFailure {
  ok: false;
  errors: FieldErrors;
  values: Record<string, string | string[]>;
}
