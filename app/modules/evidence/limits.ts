/** Limits on one indicator-value CSV import (shown on the import page, enforced by the module). */
export const MAX_CSV_BYTES = 1024 * 1024;
export const MAX_CSV_ROWS = 20_000;

/** How many row problems a refused CSV import lists (the count covers them all). */
export const MAX_PROBLEMS_SHOWN = 200;

/**
 * A CSV import refused for its rows (indicator values, provider returns): nothing is imported,
 * the problems in line order, the first MAX_PROBLEMS_SHOWN of them listed.
 */
export function rowProblemsFailure<P extends { line: number }>(problems: P[]) {
  problems.sort((x, y) => x.line - y.line);
  return {
    ok: false as const,
    errors: { file: `${problems.length} ${problems.length === 1 ? "row has a problem" : "rows have problems"}. Nothing was imported. Correct the file and import it again` },
    status: 400 as const,
    problems: problems.slice(0, MAX_PROBLEMS_SHOWN),
    problemCount: problems.length,
  };
}
