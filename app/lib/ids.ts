/**
 * Whether a number can be a row id: a positive PostgreSQL `integer`. Anything else (0, negative,
 * fractional, or above 2^31 − 1, which PostgreSQL would refuse with an error) names no row, so
 * callers answer "not found" instead of sending it to the database.
 */
export const MAX_ROW_ID = 2_147_483_647;

export function isRowId(n: number): boolean {
  return Number.isInteger(n) && n > 0 && n <= MAX_ROW_ID;
}

/** A page number from a query string (`?page=3`): plain digits up to `max`, otherwise page 1. */
export function pageParam(value: string | null, max = 10_000): number {
  if (!value || !/^[1-9][0-9]{0,5}$/.test(value)) return 1;
  return Math.min(Number(value), max);
}
