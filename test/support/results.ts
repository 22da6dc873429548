import type { Result } from "../../app/lib/result";

/** The value of a result the test expects to succeed; otherwise fail with its errors. */
export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result.value;
}
