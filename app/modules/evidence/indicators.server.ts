/**
 * Indicator values: a time series per measure per locality (locality null = council-wide), and
 * the CSV import that validates every row and imports all of them or none.
 *
 * CSV columns (header row required, any order): measure, locality, period, value, unit
 *  - measure: the measure's number (as shown on the admin page) or its exact title
 *  - locality: a locality's name or slug, or "council-wide" (or blank)
 *  - period: 2025, 2025-03 or 2025-03-31 (stored as the first day of the year/month, or the day)
 *  - value: a number; unit: must match the measure's unit
 */
import Papa from "papaparse";
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import type { FieldErrors } from "../../lib/result";

import { audit } from "../audit/audit.server";
import { decide, type Actor } from "../permissions/permissions";
import { isoDate } from "./dates";
import { isRealDate } from "./schema";

import { MAX_CSV_BYTES, MAX_CSV_ROWS, rowProblemsFailure } from "./limits";

export { MAX_CSV_BYTES, MAX_CSV_ROWS };
/** Show at most this many row problems; the count says how many there were. */
const COLUMNS = ["measure", "locality", "period", "value", "unit"] as const;

export interface RowProblem {
  line: number;
  reason: string;
}

export type ImportResult =
  | { ok: true; value: { imported: number } }
  | { ok: false; errors: FieldErrors; status: 400 | 403; problems: RowProblem[]; problemCount: number };

const refuse = (message: string, status: 400 | 403 = 400): ImportResult => ({ ok: false, errors: { file: message }, status, problems: [], problemCount: 0 });

/** 2025 → 2025-01-01, 2025-03 → 2025-03-01, 2025-03-31 stays; anything else is null. */
export function parsePeriod(text: string): string | null {
  const t = text.trim();
  if (/^\d{4}$/.test(t)) return `${t}-01-01`;
  if (/^\d{4}-\d{2}$/.test(t)) return isRealDate(`${t}-01`) ? `${t}-01` : null;
  return isRealDate(t) ? t : null;
}

const COUNCIL_WIDE = new Set(["", "council-wide", "council wide", "councilwide", "all"]);

export async function importIndicatorValues(db: Database, actor: Actor, input: { csv: string; fileName?: string }): Promise<ImportResult> {
  const allowed = decide(actor, "evidence.manage");
  if (!allowed.ok) return refuse(allowed.message, 403);
  if (!input.csv || !input.csv.trim()) return refuse("Select a CSV file with indicator values");
  if (Buffer.byteLength(input.csv, "utf8") > MAX_CSV_BYTES) return refuse(`The file must be smaller than ${MAX_CSV_BYTES / 1024 / 1024} MB. Split it into smaller files`);

  const parsed = Papa.parse<string[]>(input.csv.replace(/^\uFEFF/, ""), { skipEmptyLines: false });
  const rows = parsed.data;
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) return refuse(`The first row must name the columns measure, locality, period, value and unit. Missing: ${missing.join(", ")}`);
  const col = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof COLUMNS)[number], number>;
  const dataRows = rows.slice(1).map((cells, i) => ({ line: i + 2, cells })).filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (!dataRows.length) return refuse("The file has no rows of values under the header");
  if (dataRows.length > MAX_CSV_ROWS) return refuse(`The file has ${dataRows.length} rows; the most one import can take is ${MAX_CSV_ROWS}. Split it into smaller files`);

  const [measures, localities] = await Promise.all([
    db
      .selectFrom("outcome_nodes as n")
      .innerJoin("outcome_measures as m", "m.node_id", "n.id")
      .select(["n.id", "n.title", "n.retired_at", "m.unit"])
      .where("n.kind", "=", "measure")
      .execute(),
    db.selectFrom("localities").select(["id", "slug", "name"]).execute(),
  ]);
  const measureByKey = new Map<string, (typeof measures)[number]>();
  for (const m of measures) {
    measureByKey.set(String(m.id), m);
    measureByKey.set(m.title.trim().toLowerCase(), m);
  }
  const localityByKey = new Map<string, number>();
  for (const l of localities) {
    localityByKey.set(l.slug, l.id);
    localityByKey.set(l.name.toLowerCase(), l.id);
  }

  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  const values: { measure_node_id: number; locality_id: number | null; period: string; value: number; line: number }[] = [];
  for (const { line, cells } of dataRows) {
    const cell = (c: (typeof COLUMNS)[number]) => (cells[col[c]] ?? "").trim();
    const reasons: string[] = [];
    const measure = measureByKey.get(cell("measure").toLowerCase());
    if (!cell("measure")) reasons.push("the measure is missing");
    else if (!measure) reasons.push(`there is no measure “${cell("measure")}”`);
    else if (measure.retired_at) reasons.push(`the measure “${measure.title}” has been retired`);
    const localityText = cell("locality").toLowerCase();
    const localityId = COUNCIL_WIDE.has(localityText) ? null : localityByKey.get(localityText);
    if (localityId === undefined) reasons.push(`there is no locality “${cell("locality")}”`);
    const period = parsePeriod(cell("period"));
    if (!period) reasons.push(cell("period") ? `“${cell("period")}” is not a date: use 2025, 2025-03 or 2025-03-31` : "the period is missing");
    const valueText = cell("value").replace(/,/g, "");
    const value = Number(valueText);
    if (!valueText) reasons.push("the value is missing");
    else if (!Number.isFinite(value)) reasons.push(`“${cell("value")}” is not a number`);
    if (measure && cell("unit") !== measure.unit) reasons.push(`the unit is “${cell("unit")}” but “${measure.title}” is measured in “${measure.unit}”`);
    if (measure && localityId !== undefined && period) {
      const key = `${measure.id}|${localityId ?? 0}|${period}`;
      const earlier = seen.get(key);
      if (earlier) reasons.push(`it repeats the period ${period} for this measure and locality already given on line ${earlier}`);
      else seen.set(key, line);
    }
    if (reasons.length) problems.push({ line, reason: reasons.join("; ") });
    else values.push({ measure_node_id: measure!.id, locality_id: localityId!, period: period!, value, line });
  }

  if (values.length) {
    // Periods already held in the database are duplicates too.
    const existing = await sql<{ measure_node_id: number; locality_id: number | null; period: Date }>`
      SELECT v.measure_node_id, v.locality_id, v.period FROM indicator_values v
      JOIN (SELECT * FROM unnest(${values.map((v) => v.measure_node_id)}::int[], ${values.map((v) => v.locality_id ?? 0)}::int[], ${values.map((v) => v.period)}::date[]) AS x(m, l, p)) x
        ON v.measure_node_id = x.m AND coalesce(v.locality_id, 0) = x.l AND v.period = x.p`.execute(db);
    const held = new Set(existing.rows.map((r) => `${r.measure_node_id}|${r.locality_id ?? 0}|${isoDate(r.period)}`));
    for (const v of values) {
      if (held.has(`${v.measure_node_id}|${v.locality_id ?? 0}|${v.period}`)) {
        problems.push({ line: v.line, reason: `a value for the period ${v.period} for this measure and locality is already held` });
      }
    }
  }

  if (problems.length) return rowProblemsFailure(problems);

  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < values.length; i += 1000) {
      await trx
        .insertInto("indicator_values")
        .values(values.slice(i, i + 1000).map(({ line: _line, ...v }) => ({ ...v, imported_by: actor.user?.id ?? null })))
        .execute();
    }
    await audit(trx, actor, "indicator_values.imported", "indicator_values", { rows: values.length, file: input.fileName ?? null });
  });
  return { ok: true, value: { imported: values.length } };
}

export interface SeriesPoint {
  period: string;
  value: number;
}

/** Values per measure for the given localities (null = council-wide), oldest first. Key: `${measureId}|${localityId ?? "council"}`. */
export async function seriesFor(db: Database, measureIds: number[], localityIds: (number | null)[]): Promise<Map<string, SeriesPoint[]>> {
  const out = new Map<string, SeriesPoint[]>();
  if (!measureIds.length) return out;
  const ids = localityIds.filter((l): l is number => l !== null);
  const rows = await db
    .selectFrom("indicator_values")
    .select(["measure_node_id", "locality_id", "period", "value"])
    .where("measure_node_id", "in", measureIds)
    .where((eb) => {
      const parts = [];
      if (localityIds.includes(null)) parts.push(eb("locality_id", "is", null));
      if (ids.length) parts.push(eb("locality_id", "in", ids));
      return eb.or(parts);
    })
    .orderBy("period")
    .execute();
  for (const r of rows) {
    const key = seriesKey(r.measure_node_id, r.locality_id);
    const list = out.get(key) ?? [];
    list.push({ period: isoDate(r.period), value: r.value });
    out.set(key, list);
  }
  return out;
}

export const seriesKey = (measureId: number, localityId: number | null) => `${measureId}|${localityId ?? "council"}`;

/** All public indicator values (they are all public) for open data. */
export async function allIndicatorValues(db: Database) {
  const rows = await db
    .selectFrom("indicator_values as v")
    .innerJoin("outcome_nodes as n", "n.id", "v.measure_node_id")
    .innerJoin("outcome_measures as m", "m.node_id", "n.id")
    .leftJoin("localities as l", "l.id", "v.locality_id")
    .select(["n.id as measure_id", "n.title as measure", "m.unit", "l.slug as locality", "v.period", "v.value"])
    .orderBy("n.id")
    .orderBy("l.slug")
    .orderBy("v.period")
    .execute();
  return rows.map((r) => ({ measure_id: r.measure_id, measure: r.measure, unit: r.unit, locality: r.locality ?? "council-wide", period: isoDate(r.period), value: r.value }));
}

