/**
 * Provider returns: each month's KPI values, narrative and social value delivered, sent through
 * the provider area or as a CSV (atomic, every row checked first, like the indicator import).
 * A period is open for a return once the month has ended, while it is inside the arrangement and
 * until the contract manager has rated it (a rated period is closed).
 *
 * CSV columns (header row required, any order): period, kpi, value, unit
 *  - period: the month, 2026-03 (or 2026-03-01)
 *  - kpi: the KPI's number (shown on the arrangement page) or its exact title
 *  - value: a number within the KPI's possible range; unit: must match the KPI's unit
 */
import Papa from "papaparse";
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import { validate } from "../../lib/forms";
import { fail, ok, type FieldErrors, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { londonDay } from "../calendar/days";
import { isoDate, longDate } from "../evidence/dates";
import { MAX_CSV_BYTES, MAX_CSV_ROWS, rowProblemsFailure } from "../evidence/limits";
import { decide, decideAnywhere, type Actor } from "../permissions/permissions";
import { arrangementRow, arrangementTarget, providerTarget, type ArrangementRow } from "./providers.server";
import { kpiDue, monthLabel, monthOf, parseMonth } from "./periods";
import { returnSchema } from "./schema";
import { formatValue } from "../evidence/chart";

const COLUMNS = ["period", "kpi", "value", "unit"] as const;

/** May this actor send returns for this arrangement? Its provider's people, or its manager on their behalf. */
export function mayReport(actor: Actor, a: ArrangementRow) {
  const own = decide(actor, "provider.report", providerTarget(a.provider_id));
  if (own.ok) return own;
  const manage = decide(actor, "contracts.manage", arrangementTarget(a));
  return manage.ok ? manage : own;
}

const mayReportSomewhere = (actor: Actor) => decideAnywhere(actor, "provider.report").ok || decideAnywhere(actor, "contracts.manage").ok;

/** Why a return for this month cannot be taken, or null when the period is open. */
export function periodProblem(a: ArrangementRow, period: string, today: string, rated: boolean): string | null {
  const first = monthOf(isoDate(a.starts_on));
  const last = monthOf(isoDate(a.ends_on));
  if (period < first || period > last) return `${monthLabel(period)} is outside the arrangement, which runs from ${longDate(isoDate(a.starts_on))} to ${longDate(isoDate(a.ends_on))}`;
  if (period >= monthOf(today)) return `${monthLabel(period)} has not ended yet: send its return once the month is over`;
  if (rated) return `${monthLabel(period)} is closed: the contract manager has already rated it`;
  return null;
}

interface KpiRow {
  id: number;
  title: string;
  unit: string;
  min_value: number;
  max_value: number;
  frequency: "monthly" | "quarterly" | "annual";
}

const rangeText = (k: KpiRow) => `between ${formatValue(k.min_value)} and ${formatValue(k.max_value)}${k.unit === "%" ? "%" : ` ${k.unit}`}`;

function readNumber(text: string): number | null {
  const t = text.trim().replace(/,/g, "");
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

export async function isRated(db: Database, arrangementId: number, period: string) {
  return Boolean(await db.selectFrom("period_ratings").select("period").where("arrangement_id", "=", arrangementId).where("period", "=", sql<Date>`${period}::date`).executeTakeFirst());
}

/** Store one period's return, replacing an earlier one for the same (still open) period. */
async function storeReturn(
  trx: Database,
  actor: Actor,
  a: ArrangementRow,
  r: { period: string; narrative?: string; socialValueNarrative?: string; kpi: Map<number, number>; socialValue?: Map<number, number> },
): Promise<number> {
  const row = await trx
    .insertInto("provider_returns")
    .values({ arrangement_id: a.id, period: r.period, narrative: r.narrative ?? "", social_value_narrative: r.socialValueNarrative ?? "", submitted_by: actor.user?.id ?? null })
    .onConflict((oc) =>
      oc.columns(["arrangement_id", "period"]).doUpdateSet((eb) => ({
        narrative: r.narrative === undefined ? eb.ref("provider_returns.narrative") : r.narrative,
        social_value_narrative: r.socialValueNarrative === undefined ? eb.ref("provider_returns.social_value_narrative") : r.socialValueNarrative,
        submitted_by: actor.user?.id ?? null,
        submitted_at: new Date(),
      })),
    )
    .returning("id")
    .executeTakeFirstOrThrow();
  // A value is stored with the KPI's target now; a corrected value keeps the target of the one it replaces (in force when first sent).
  const earlier = new Map((await trx.deleteFrom("return_kpi_values").where("return_id", "=", row.id).where("kpi_id", "in", [...r.kpi.keys(), 0]).returning(["kpi_id", "target"]).execute()).map((e) => [e.kpi_id, e.target]));
  const current = r.kpi.size ? new Map((await trx.selectFrom("arrangement_kpis").select(["id", "target"]).where("id", "in", [...r.kpi.keys()]).execute()).map((k) => [k.id, k.target])) : new Map<number, number>();
  if (r.kpi.size) await trx.insertInto("return_kpi_values").values([...r.kpi].map(([kpi_id, value]) => ({ return_id: row.id, kpi_id, value, target: earlier.get(kpi_id) ?? current.get(kpi_id)! }))).execute();
  if (r.socialValue) {
    await trx.deleteFrom("return_social_values").where("return_id", "=", row.id).execute();
    if (r.socialValue.size) await trx.insertInto("return_social_values").values([...r.socialValue].map(([commitment_id, value]) => ({ return_id: row.id, commitment_id, value }))).execute();
  }
  return row.id;
}

/** A return from the provider area's form: fields kpi_<id> and sv_<id> hold the values. */
export async function submitReturn(db: Database, actor: Actor, input: unknown, options: { today?: string } = {}): Promise<Result<{ returnId: number; period: string }>> {
  if (!mayReportSomewhere(actor)) return fail(actor.user ? "You do not have permission to do this" : "Sign in to do this", 403);
  const raw = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  const pick = (prefix: string) => Object.fromEntries(Object.entries(raw).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), typeof v === "string" ? v : ""]));
  const parsed = validate(returnSchema, { ...raw, kpi: pick("kpi_"), socialValue: pick("sv_") });
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const today = options.today ?? londonDay(new Date());
  return db.transaction().execute(async (trx) => {
    const a = await arrangementRow(trx, v.arrangementId, true);
    if (!a) return fail("That arrangement does not exist", 404);
    const allowed = mayReport(actor, a);
    if (!allowed.ok) return fail(allowed.message, 403);
    const problem = periodProblem(a, v.period, today, await isRated(trx, a.id, v.period));
    if (problem) return fail({ period: problem });
    const [kpis, commitments] = await Promise.all([
      trx.selectFrom("arrangement_kpis").select(["id", "title", "unit", "min_value", "max_value", "frequency"]).where("arrangement_id", "=", a.id).orderBy("position").execute(),
      trx.selectFrom("social_value_commitments").select(["id", "measure"]).where("arrangement_id", "=", a.id).orderBy("id").execute(),
    ]);
    const errors: FieldErrors = {};
    const values = new Map<number, number>();
    for (const k of kpis) {
      const typed = (v.kpi[String(k.id)] ?? "").trim();
      if (!typed) {
        if (kpiDue(k.frequency, v.period)) errors[`kpi_${k.id}`] = `Enter a value for “${k.title}”`;
        continue;
      }
      const n = readNumber(typed);
      if (n === null) errors[`kpi_${k.id}`] = `The value for “${k.title}” must be a number, like 42 or 97.5`;
      else if (n < k.min_value || n > k.max_value) errors[`kpi_${k.id}`] = `The value for “${k.title}” must be ${rangeText(k)}`;
      else values.set(k.id, n);
    }
    const delivered = new Map<number, number>();
    for (const c of commitments) {
      const typed = (v.socialValue[String(c.id)] ?? "").trim();
      if (!typed) continue;
      const n = readNumber(typed);
      if (n === null || n < 0) errors[`sv_${c.id}`] = `What was delivered for “${c.measure}” must be a number of 0 or more`;
      else delivered.set(c.id, n);
    }
    for (const key of Object.keys(v.kpi)) if (!kpis.some((k) => String(k.id) === key)) errors[`kpi_${key}`] = "That KPI is not one of this arrangement’s";
    if (Object.keys(errors).length) return fail(errors);
    const returnId = await storeReturn(trx, actor, a, { period: v.period, narrative: v.narrative, socialValueNarrative: v.socialValueNarrative, kpi: values, socialValue: delivered });
    await audit(trx, actor, "return.submitted", `arrangement:${a.id}`, { period: v.period, values: values.size });
    return ok({ returnId, period: v.period });
  });
}

export interface RowProblem {
  line: number;
  reason: string;
}
export type ReturnImportResult =
  | { ok: true; value: { rows: number; periods: string[] } }
  | { ok: false; errors: FieldErrors; status: 400 | 403 | 404; problems: RowProblem[]; problemCount: number };

const refuse = (message: string, status: 400 | 403 | 404 = 400): ReturnImportResult => ({ ok: false, errors: { file: message }, status, problems: [], problemCount: 0 });

/** Import KPI values for one arrangement from CSV: every row is checked, then all are stored or none. */
export async function importReturns(db: Database, actor: Actor, input: { arrangementId: number; csv: string; fileName?: string }, options: { today?: string } = {}): Promise<ReturnImportResult> {
  if (!mayReportSomewhere(actor)) return refuse(actor.user ? "You do not have permission to do this" : "Sign in to do this", 403);
  const today = options.today ?? londonDay(new Date());
  const a = await arrangementRow(db, input.arrangementId);
  if (!a) return refuse("That arrangement does not exist", 404);
  const allowed = mayReport(actor, a);
  if (!allowed.ok) return refuse(allowed.message, 403);
  if (!input.csv || !input.csv.trim()) return refuse("Select a CSV file with KPI values");
  if (Buffer.byteLength(input.csv, "utf8") > MAX_CSV_BYTES) return refuse(`The file must be smaller than ${MAX_CSV_BYTES / 1024 / 1024} MB. Split it into smaller files`);
  const parsed = Papa.parse<string[]>(input.csv.replace(/^\uFEFF/, ""), { skipEmptyLines: false });
  const rows = parsed.data;
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) return refuse(`The first row must name the columns period, kpi, value and unit. Missing: ${missing.join(", ")}`);
  const col = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof COLUMNS)[number], number>;
  const dataRows = rows.slice(1).map((cells, i) => ({ line: i + 2, cells })).filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (!dataRows.length) return refuse("The file has no rows of values under the header");
  if (dataRows.length > MAX_CSV_ROWS) return refuse(`The file has ${dataRows.length} rows; the most one import can take is ${MAX_CSV_ROWS}. Split it into smaller files`);

  const [kpis, rated] = await Promise.all([
    db.selectFrom("arrangement_kpis").select(["id", "title", "unit", "min_value", "max_value", "frequency"]).where("arrangement_id", "=", a.id).execute(),
    db.selectFrom("period_ratings").select("period").where("arrangement_id", "=", a.id).execute(),
  ]);
  const ratedPeriods = new Set(rated.map((r) => isoDate(r.period)));
  const kpiByKey = new Map<string, KpiRow>();
  for (const k of kpis) {
    kpiByKey.set(String(k.id), k);
    kpiByKey.set(k.title.trim().toLowerCase(), k);
  }
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  const byPeriod = new Map<string, { firstLine: number; values: Map<number, number> }>();
  for (const { line, cells } of dataRows) {
    const cell = (c: (typeof COLUMNS)[number]) => (cells[col[c]] ?? "").trim();
    const reasons: string[] = [];
    const kpi = kpiByKey.get(cell("kpi").toLowerCase());
    if (!cell("kpi")) reasons.push("the KPI is missing");
    else if (!kpi) reasons.push(`this arrangement has no KPI “${cell("kpi")}”`);
    const period = parseMonth(cell("period"));
    if (!period) reasons.push(cell("period") ? `“${cell("period")}” is not a month: use 2026-03` : "the period is missing");
    else {
      const problem = periodProblem(a, period, today, ratedPeriods.has(period));
      if (problem) reasons.push(problem);
    }
    const value = readNumber(cell("value"));
    if (!cell("value")) reasons.push("the value is missing");
    else if (value === null) reasons.push(`“${cell("value")}” is not a number`);
    else if (kpi && (value < kpi.min_value || value > kpi.max_value)) reasons.push(`${cell("value")} is out of range: “${kpi.title}” must be ${rangeText(kpi)}`);
    if (kpi && cell("unit") !== kpi.unit) reasons.push(`the unit is “${cell("unit")}” but “${kpi.title}” is measured in “${kpi.unit}”`);
    if (kpi && period) {
      const key = `${kpi.id}|${period}`;
      const earlier = seen.get(key);
      if (earlier) reasons.push(`it repeats the value for ${monthLabel(period)} already given on line ${earlier}`);
      else seen.set(key, line);
    }
    if (reasons.length) problems.push({ line, reason: reasons.join("; ") });
    else {
      const entry = byPeriod.get(period!) ?? { firstLine: line, values: new Map() };
      entry.values.set(kpi!.id, value!);
      byPeriod.set(period!, entry);
    }
  }
  if (!problems.length) {
    for (const [period, entry] of byPeriod) {
      const absent = kpis.filter((k) => kpiDue(k.frequency, period) && !entry.values.has(k.id));
      if (absent.length) problems.push({ line: entry.firstLine, reason: `the return for ${monthLabel(period)} has no value for ${absent.map((k) => `“${k.title}”`).join(", ")}` });
    }
  }
  if (problems.length) return rowProblemsFailure(problems);
  const stored = await db.transaction().execute(async (trx) => {
    const locked = (await arrangementRow(trx, a.id, true))!;
    const nowRated = await trx.selectFrom("period_ratings").select("period").where("arrangement_id", "=", a.id).execute();
    const closed = [...byPeriod.keys()].filter((p) => nowRated.some((r) => isoDate(r.period) === p));
    if (closed.length) return closed;
    for (const [period, entry] of [...byPeriod].sort(([x], [y]) => x.localeCompare(y))) await storeReturn(trx, actor, locked, { period, kpi: entry.values });
    await audit(trx, actor, "return.imported", `arrangement:${a.id}`, { rows: dataRows.length, periods: [...byPeriod.keys()], file: input.fileName ?? null });
    return null;
  });
  if (stored) return refuse(`${stored.map(monthLabel).join(", ")} ${stored.length === 1 ? "was" : "were"} rated while the file was being checked, so ${stored.length === 1 ? "it is" : "they are"} closed. Nothing was imported`, 400);
  return { ok: true, value: { rows: dataRows.length, periods: [...byPeriod.keys()].sort() } };
}

/**
 * Months whose return is overdue: ended, inside the arrangement, past the due date (month end +
 * the arrangement's return_due_days) and with no return. One query over every arrangement given.
 */
export async function latePeriods(db: Database, arrangementIds: number[] | "all", today: string = londonDay(new Date())): Promise<{ arrangementId: number; period: string; dueOn: string }[]> {
  if (arrangementIds !== "all" && !arrangementIds.length) return [];
  const ids = arrangementIds === "all" ? null : arrangementIds;
  const { rows } = await sql<{ arrangement_id: number; period: Date; due_on: Date }>`
    SELECT a.id AS arrangement_id, p::date AS period, (p + interval '1 month' + a.return_due_days * interval '1 day')::date AS due_on
    FROM arrangements a
    CROSS JOIN LATERAL generate_series(date_trunc('month', a.starts_on), least(date_trunc('month', a.ends_on), date_trunc('month', ${today}::date) - interval '1 month'), interval '1 month') AS p
    WHERE (${ids}::int[] IS NULL OR a.id = ANY(${ids}::int[]))
      AND (p + interval '1 month' + a.return_due_days * interval '1 day')::date < ${today}::date
      AND EXISTS (SELECT 1 FROM arrangement_kpis k WHERE k.arrangement_id = a.id)
      AND NOT EXISTS (SELECT 1 FROM provider_returns r WHERE r.arrangement_id = a.id AND r.period = p::date)
      AND NOT EXISTS (SELECT 1 FROM period_ratings pr WHERE pr.arrangement_id = a.id AND pr.period = p::date)
    ORDER BY a.id, p`.execute(db);
  return rows.map((r) => ({ arrangementId: r.arrangement_id, period: isoDate(r.period), dueOn: isoDate(r.due_on) }));
}

/** Months a return can be sent for now (ended, inside the arrangement, not rated), newest first, at most 24. */
export async function openPeriods(db: Database, a: ArrangementRow, today: string = londonDay(new Date())): Promise<string[]> {
  const rated = new Set((await db.selectFrom("period_ratings").select("period").where("arrangement_id", "=", a.id).execute()).map((r) => isoDate(r.period)));
  const out: string[] = [];
  const first = monthOf(isoDate(a.starts_on));
  let p = monthOf(today);
  for (let i = 0; i < 120 && out.length < 24; i++) {
    const y = Number(p.slice(0, 4));
    const m = Number(p.slice(5, 7));
    p = m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, "0")}-01`;
    if (p < first) break;
    if (!periodProblem(a, p, today, rated.has(p))) out.push(p);
  }
  return out;
}
