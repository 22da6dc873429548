/** Route helpers for the challenges pages: a failed read becomes the error page. */
import { data } from "@remix-run/node";
import { FORM_ERROR, type Result } from "../../lib/result";

/** The value, or throw the failure (403/404/…) for the error boundary to show. */
export function orThrow<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw data({ message: result.errors[FORM_ERROR] ?? Object.values(result.errors)[0] }, { status: result.status ?? 400 });
}
