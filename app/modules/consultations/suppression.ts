/**
 * Small-number suppression for published counts, as the GSS/ONS guidance on disclosure control
 * of tables describes it:
 *
 * - primary: a count of 1 to threshold−1 is hidden (a 0 is shown: it says nothing about anyone);
 * - secondary: a table's rows and columns add up to totals that are shown (or known from
 *   elsewhere), so one hidden count in a row, a column or a total line could be worked out by
 *   subtraction. Each such line is an equation `parts = total`; in every equation with anything
 *   hidden, at least two things are hidden, and when the total is shown the hidden parts add up
 *   to at least the threshold (two hidden 1s in a total of 2 would otherwise both be known:
 *   zeros are shown, so every hidden part is at least 1). Further counts are hidden, smallest
 *   first, until every equation holds;
 * - when the grand total itself is under the threshold, everything is hidden.
 *
 * This protects against working a count out from its row, its column or the total, which is what
 * the guidance asks of published tables. (Combining several equations at once, as linear
 * programming does, is a stronger attack that one-way tables like Moot's cannot be open to: each
 * has only one equation.)
 */

export interface Equation {
  /** Indexes of the entries that add up to `total`. */
  parts: number[];
  /** Index of the entry holding their total. */
  total: number;
}

/**
 * Which entries to hide. `values` are all the published numbers (cells and totals); `grandTotal`
 * is the index of the one total that is always published (or known), unless it is itself small.
 */
export function suppress(values: number[], equations: Equation[], grandTotal: number, threshold: number): boolean[] {
  const hidden = values.map((v) => v > 0 && v < threshold);
  if (values[grandTotal] === 0) return hidden; // nobody: nothing to protect
  if (values[grandTotal]! < threshold) return values.map(() => true);
  hidden[grandTotal] = false;

  const pick = (candidates: number[]): number | undefined =>
    candidates.filter((i) => !hidden[i]).sort((a, b) => values[a]! - values[b]! || a - b)[0];

  for (let changed = true; changed; ) {
    changed = false;
    for (const { parts, total } of equations) {
      const hiddenParts = parts.filter((i) => hidden[i]);
      const hiddenCount = hiddenParts.length + (hidden[total] ? 1 : 0);
      if (hiddenCount === 0) continue;
      const hiddenSum = hiddenParts.reduce((s, i) => s + values[i]!, 0);
      const safe = hiddenCount >= 2 && (hidden[total] || hiddenSum >= threshold);
      if (safe) continue;
      // Hide the smallest shown count that is not zero; failing that the line's total (unless it
      // is the grand total); failing that a zero, so hidden parts may be 0 too.
      const next =
        pick(parts.filter((i) => values[i]! > 0)) ?? (total !== grandTotal && !hidden[total] ? total : undefined) ?? pick(parts);
      if (next === undefined) continue; // everything in this line is hidden already
      hidden[next] = true;
      changed = true;
    }
  }
  return hidden;
}

/** A one-way table (one count per answer) with its total: the hidden counts become null. */
export function suppressCounts(counts: number[], total: number, threshold: number): { counts: (number | null)[]; total: number | null } {
  const values = [...counts, total];
  const t = counts.length;
  const hidden = suppress(values, [{ parts: counts.map((_, i) => i), total: t }], t, threshold);
  return { counts: counts.map((c, i) => (hidden[i] ? null : c)), total: hidden[t] ? null : total };
}

/**
 * A two-way table with row totals, column totals and a grand total, all published: the hidden
 * entries become null. For cross-tabulations (e.g. age band by locality).
 */
export function suppressTable(
  cells: number[][],
  threshold: number,
): { cells: (number | null)[][]; rowTotals: (number | null)[]; columnTotals: (number | null)[]; total: number | null } {
  const rows = cells.length;
  const columns = cells[0]?.length ?? 0;
  const rowTotals = cells.map((r) => r.reduce((s, v) => s + v, 0));
  const columnTotals = Array.from({ length: columns }, (_, j) => cells.reduce((s, r) => s + r[j]!, 0));
  const total = rowTotals.reduce((s, v) => s + v, 0);
  // Entries: the cells row by row, then the row totals, the column totals and the grand total.
  const cell = (i: number, j: number) => i * columns + j;
  const rowTotal = (i: number) => rows * columns + i;
  const columnTotal = (j: number) => rows * columns + rows + j;
  const grand = rows * columns + rows + columns;
  const values = [...cells.flat(), ...rowTotals, ...columnTotals, total];
  const range = (n: number) => Array.from({ length: n }, (_, k) => k);
  const equations: Equation[] = [
    ...range(rows).map((i) => ({ parts: range(columns).map((j) => cell(i, j)), total: rowTotal(i) })),
    ...range(columns).map((j) => ({ parts: range(rows).map((i) => cell(i, j)), total: columnTotal(j) })),
    { parts: range(rows).map(rowTotal), total: grand },
    { parts: range(columns).map(columnTotal), total: grand },
  ];
  const hidden = suppress(values, equations, grand, threshold);
  const shown = (i: number) => (hidden[i] ? null : values[i]!);
  return {
    cells: range(rows).map((i) => range(columns).map((j) => shown(cell(i, j)))),
    rowTotals: range(rows).map((i) => shown(rowTotal(i))),
    columnTotals: range(columns).map((j) => shown(columnTotal(j))),
    total: shown(grand),
  };
}
