/**
 * CSV and spreadsheet cells for people to open in a spreadsheet program (csv-stringify, and safeCell for XLSX). Spreadsheet programs run a cell that
 * starts with = + - @ (or a tab or carriage return) as a formula, so text cells that do are
 * prefixed with an apostrophe. Machine-readable open data does not use this (it keeps values as
 * published).
 */
import { stringify } from "csv-stringify/sync";

export type Cell = string | number;

export const safeCell = (v: Cell): Cell => (typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

export function spreadsheetCsv(header: string[], rows: Cell[][]): string {
  return stringify([header, ...rows.map((r) => r.map(safeCell))]);
}
