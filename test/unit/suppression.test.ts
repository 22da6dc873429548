/**
 * Secondary suppression of small counts (GSS/ONS): a hidden count can never be worked out from
 * its row, its column or the total.
 */
import { describe, expect, it } from "vitest";
import { suppressCounts, suppressTable } from "../../app/modules/consultations/suppression";

const T = 5;

/**
 * Can any hidden number be worked out from a single line (a row, a column or the totals)? A line
 * gives it away if it hides exactly one number, or if its total is shown and its hidden counts
 * are all forced (zeros are shown, so hidden counts are at least 1: n hidden adding up to n are
 * all 1s). We ask more, as the rule does: the hidden counts of a line add up to at least T.
 */
function leaks(lines: { parts: (number | null)[]; real: number[]; total: number | null; realTotal: number }[]): string[] {
  const found: string[] = [];
  lines.forEach((line, k) => {
    const hiddenParts = line.parts.flatMap((p, i) => (p === null ? [line.real[i]!] : []));
    const hidden = hiddenParts.length + (line.total === null ? 1 : 0);
    if (hidden === 1) found.push(`line ${k}: one number hidden`);
    if (hidden >= 2 && line.total !== null && hiddenParts.reduce((s, v) => s + v, 0) < T) found.push(`line ${k}: hidden counts add up to under ${T}`);
    line.parts.forEach((p, i) => {
      if (p !== null && p !== line.real[i]) found.push(`line ${k}: a shown number changed`);
      if (p !== null && p > 0 && p < T) found.push(`line ${k}: a small number is shown`);
    });
  });
  return found;
}

function oneWay(counts: number[]) {
  const total = counts.reduce((s, v) => s + v, 0);
  const shown = suppressCounts(counts, total, T);
  return { shown, leaks: total === 0 || total >= T ? leaks([{ parts: shown.counts, real: counts, total: shown.total, realTotal: total }]) : [] };
}

function twoWay(cells: number[][]) {
  const shown = suppressTable(cells, T);
  const rowTotals = cells.map((r) => r.reduce((s, v) => s + v, 0));
  const columnTotals = cells[0]!.map((_, j) => cells.reduce((s, r) => s + r[j]!, 0));
  const total = rowTotals.reduce((s, v) => s + v, 0);
  const lines = [
    ...cells.map((r, i) => ({ parts: shown.cells[i]!, real: r, total: shown.rowTotals[i]!, realTotal: rowTotals[i]! })),
    ...columnTotals.map((ct, j) => ({ parts: shown.cells.map((r) => r[j]!), real: cells.map((r) => r[j]!), total: shown.columnTotals[j]!, realTotal: ct })),
    { parts: shown.rowTotals, real: rowTotals, total: shown.total, realTotal: total },
    { parts: shown.columnTotals, real: columnTotals, total: shown.total, realTotal: total },
  ];
  return { shown, leaks: total === 0 || total >= T ? leaks(lines) : [] };
}

describe("one-way tables (one count per answer, and the total)", () => {
  it("hides one more count when a single small count is hidden, the smallest other", () => {
    expect(oneWay([10, 3, 7]).shown).toEqual({ counts: [10, null, null], total: 20 });
  });

  it("hides more when two small counts would still give each other away", () => {
    // 1 and 1 hidden in a total of 12 with 10 shown: both must be 1.
    expect(oneWay([1, 1, 10]).shown).toEqual({ counts: [null, null, null], total: 12 });
    // 3 and 4 hidden add up to 7: either could be 1 to 6.
    expect(oneWay([3, 4, 10, 20]).shown).toEqual({ counts: [null, null, 10, 20], total: 37 });
  });

  it("shows zeros and never picks one to hide while a count is left", () => {
    expect(oneWay([0, 3, 9, 0]).shown).toEqual({ counts: [0, null, null, 0], total: 12 });
  });

  it("hides everything, the total too, when fewer than 5 answered", () => {
    expect(oneWay([2, 1, 0]).shown).toEqual({ counts: [null, null, null], total: null });
    expect(oneWay([0, 0, 4]).shown).toEqual({ counts: [null, null, null], total: null });
  });

  it("hides nothing without small counts, or when nobody answered", () => {
    expect(oneWay([5, 6, 0, 7]).shown).toEqual({ counts: [5, 6, 0, 7], total: 18 });
    expect(oneWay([0, 0]).shown).toEqual({ counts: [0, 0], total: 0 });
  });

  it("breaks ties by order, and the result never leaks", () => {
    expect(oneWay([3, 5, 5]).shown).toEqual({ counts: [null, null, 5], total: 13 });
    expect(oneWay([3, 5, 5]).leaks).toEqual([]);
  });
});

describe("two-way tables (with row, column and grand totals)", () => {
  it("a single small cell: hides a partner in its row and in its column, and one that closes the loop", () => {
    const { shown, leaks: found } = twoWay([
      [10, 3, 8],
      [6, 7, 9],
    ]);
    expect(found).toEqual([]);
    expect(shown.cells[0]![1]).toBeNull();
    expect(shown.cells.flat().filter((c) => c === null).length).toBeGreaterThanOrEqual(4);
    expect(shown.total).toBe(43);
  });

  it("a small row total is hidden, and so is another row total, so the grand total does not give it away", () => {
    const { shown, leaks: found } = twoWay([
      [1, 1, 0],
      [10, 10, 10],
    ]);
    expect(found).toEqual([]);
    expect(shown.rowTotals).toEqual([null, null]);
    expect(shown.total).toBe(32);
  });

  it("under 5 in all hides everything", () => {
    const { shown } = twoWay([
      [1, 0],
      [2, 1],
    ]);
    expect(shown).toEqual({ cells: [[null, null], [null, null]], rowTotals: [null, null], columnTotals: [null, null], total: null });
  });
});

describe("never leaks, whatever the counts", () => {
  // A small deterministic generator: the same tables every run.
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const count = () => (random() < 0.3 ? 0 : random() < 0.6 ? 1 + Math.floor(random() * 4) : Math.floor(random() * 30));

  it("in 500 one-way tables", () => {
    for (let k = 0; k < 500; k++) {
      const counts = Array.from({ length: 2 + Math.floor(random() * 9) }, count);
      expect(oneWay(counts).leaks, JSON.stringify(counts)).toEqual([]);
    }
  });

  it("in 300 two-way tables", () => {
    for (let k = 0; k < 300; k++) {
      const rows = 2 + Math.floor(random() * 4);
      const columns = 2 + Math.floor(random() * 4);
      const cells = Array.from({ length: rows }, () => Array.from({ length: columns }, count));
      expect(twoWay(cells).leaks, JSON.stringify(cells)).toEqual([]);
    }
  });
});
