/**
 * Changing an arrangement after it is let: its terms (never a value below what is already paid
 * or deducted), its extension options (each used once, the new end within it), an early end, its
 * KPIs, and reopening a rated period. Every change is audited and written to arrangement_changes,
 * the history the arrangement page shows.
 *
 * A KPI's target can change; returns already sent keep the target in force when their value was
 * first stored (return_kpi_values.target), so a new target never re-judges an old month.
 */
import { addMonths, format, parseISO } from "date-fns";
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import type { ChangeKind } from "../../../db/tables/contract-changes";
import { permittedInput } from "../permissions/guard";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { londonDay } from "../calendar/days";
import { formatValue } from "../evidence/chart";
import { isoDate, longDate } from "../evidence/dates";
import type { Actor } from "../permissions/permissions";
import { extendSchema, extensionOptionSchema, kpiEditSchema, reopenSchema, terminateSchema, termsSchema } from "./changes-schema";
import { formatPounds } from "./money";
import { monthLabel } from "./periods";
import { withArrangement, type ArrangementRow } from "./providers.server";
import { FREQUENCY_LABELS, RATING_LABELS } from "./schema";

async function recordChange(
  trx: Database,
  actor: Actor,
  arrangementId: number,
  change: { kind: ChangeKind; summary: string; reason?: string; details: Record<string, unknown>; commercial?: boolean },
) {
  await trx
    .insertInto("arrangement_changes")
    .values({ arrangement_id: arrangementId, kind: change.kind, summary: change.summary, reason: change.reason ?? "", details: JSON.stringify(change.details), commercial: change.commercial ?? false, changed_by: actor.user?.id ?? null })
    .execute();
  await audit(trx, actor, `arrangement.${change.kind}`, `arrangement:${arrangementId}`, { summary: change.summary, ...change.details });
}

const ended = (a: ArrangementRow) => (a.terminated_on ? `This arrangement was ended early on ${longDate(isoDate(a.terminated_on))}` : null);

async function sumOf(trx: Database, table: "arrangement_payments" | "period_ratings", column: "amount_pence" | "deduction_pence", arrangementId: number): Promise<number> {
  const row = await trx
    .selectFrom(table)
    .select(sql<number>`coalesce(sum(${sql.ref(column)}), 0)`.as("total"))
    .where("arrangement_id", "=", arrangementId)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/** Edit the value, payment terms and key-terms summary. The value never goes below what is paid or deducted. */
export async function editTerms(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = permittedInput(actor, "contracts.manage", termsSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return withArrangement(db, actor, v.arrangementId, { lock: true }, async (trx, a) => {
    const [paid, deducted] = await Promise.all([sumOf(trx, "arrangement_payments", "amount_pence", a.id), sumOf(trx, "period_ratings", "deduction_pence", a.id)]);
    if (v.value < paid) return fail({ value: `The value cannot be less than the ${formatPounds(paid)} already paid` });
    if (v.value < deducted) return fail({ value: `The value cannot be less than the ${formatPounds(deducted)} already deducted` });
    const before = { valuePence: a.value_pence, paymentTerms: a.payment_terms, keyTerms: a.key_terms };
    const after = { valuePence: v.value, paymentTerms: v.paymentTerms, keyTerms: v.keyTerms };
    const changed = [
      before.valuePence !== after.valuePence && `value ${formatPounds(before.valuePence)} to ${formatPounds(after.valuePence)}`,
      before.paymentTerms !== after.paymentTerms && "payment terms",
      before.keyTerms !== after.keyTerms && "key terms summary",
    ].filter((x): x is string => Boolean(x));
    if (!changed.length) return fail("Nothing has changed: change the value, the payment terms or the key terms summary");
    await trx.updateTable("arrangements").set({ value_pence: v.value, payment_terms: v.paymentTerms, key_terms: v.keyTerms }).where("id", "=", a.id).execute();
    const commercial = before.valuePence !== after.valuePence || before.paymentTerms !== after.paymentTerms;
    await recordChange(trx, actor, a.id, { kind: "terms_edited", summary: `Terms changed: ${changed.join("; ")}`, reason: v.reason, details: { before, after }, commercial });
    return ok(null);
  });
}

export async function addExtensionOption(db: Database, actor: Actor, input: unknown): Promise<Result<{ optionId: number }>> {
  const parsed = permittedInput(actor, "contracts.manage", extensionOptionSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return withArrangement(db, actor, v.arrangementId, { lock: true }, async (trx, a) => {
    const over = ended(a);
    if (over) return fail(over, 409);
    const row = await trx.insertInto("arrangement_extension_options").values({ arrangement_id: a.id, months: v.months, note: v.note }).returning("id").executeTakeFirstOrThrow();
    await recordChange(trx, actor, a.id, { kind: "extension_option_added", summary: `Extension option recorded: up to ${v.months} months${v.note ? ` (${v.note})` : ""}`, details: { optionId: row.id, months: v.months } });
    return ok({ optionId: row.id });
  });
}

/** Extend using one recorded option: the new end is after the current end and within the option; the option is used up. */
export async function extendArrangement(db: Database, actor: Actor, input: unknown, options: { today?: string } = {}): Promise<Result<{ endsOn: string }>> {
  const parsed = permittedInput(actor, "contracts.manage", extendSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const today = options.today ?? londonDay(new Date());
  return withArrangement(db, actor, v.arrangementId, { lock: true }, async (trx, a) => {
    const over = ended(a);
    if (over) return fail(over, 409);
    const option = await trx.selectFrom("arrangement_extension_options").selectAll().where("id", "=", v.optionId).where("arrangement_id", "=", a.id).executeTakeFirst();
    if (!option) return fail({ optionId: "Select one of this arrangement’s extension options" });
    if (option.used_on) return fail({ optionId: `That extension option was used on ${longDate(isoDate(option.used_on))}: select another` });
    const currentEnd = isoDate(a.ends_on);
    const limit = format(addMonths(parseISO(currentEnd), option.months), "yyyy-MM-dd");
    if (v.endsOn <= currentEnd) return fail({ endsOn: `The new end date must be after the current end, ${longDate(currentEnd)}` });
    if (v.endsOn > limit) return fail({ endsOn: `The new end date must be on or before ${longDate(limit)}: this option extends by at most ${option.months} months` });
    await trx.updateTable("arrangements").set({ ends_on: v.endsOn }).where("id", "=", a.id).execute();
    await trx.updateTable("arrangement_extension_options").set({ used_on: today, extended_to: v.endsOn }).where("id", "=", option.id).execute();
    await recordChange(trx, actor, a.id, {
      kind: "extended",
      summary: `Extended from ${longDate(currentEnd)} to ${longDate(v.endsOn)}, using the option of up to ${option.months} months`,
      reason: v.reason,
      details: { before: { endsOn: currentEnd }, after: { endsOn: v.endsOn }, optionId: option.id },
    });
    return ok({ endsOn: v.endsOn });
  });
}

/** End early: the date is inside the term and before the current end, and no return covers a later month. */
export async function terminateArrangement(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = permittedInput(actor, "contracts.manage", terminateSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return withArrangement(db, actor, v.arrangementId, { lock: true }, async (trx, a) => {
    const over = ended(a);
    if (over) return fail(over, 409);
    const [startsOn, endsOn] = [isoDate(a.starts_on), isoDate(a.ends_on)];
    if (v.terminatedOn < startsOn) return fail({ terminatedOn: `The date it ends cannot be before it started, on ${longDate(startsOn)}` });
    if (v.terminatedOn >= endsOn) return fail({ terminatedOn: `To end early, the date must be before the current end, ${longDate(endsOn)}` });
    const later = await trx.selectFrom("provider_returns").select("period").where("arrangement_id", "=", a.id).where("period", ">", sql<Date>`${v.terminatedOn}::date`).orderBy("period").executeTakeFirst();
    if (later) return fail({ terminatedOn: `A return has been sent for ${monthLabel(isoDate(later.period))}, after that date: choose a later date` });
    await trx.updateTable("arrangements").set({ ends_on: v.terminatedOn, terminated_on: v.terminatedOn, termination_reason: v.reason }).where("id", "=", a.id).execute();
    await recordChange(trx, actor, a.id, {
      kind: "terminated",
      summary: `Ended early on ${longDate(v.terminatedOn)} (it was to run to ${longDate(endsOn)})`,
      reason: v.reason,
      details: { before: { endsOn }, after: { endsOn: v.terminatedOn } },
    });
    return ok(null);
  });
}

/** Change a KPI's target, frequency or deduction rule (the range and the unit stay: they define what was reported). */
export async function editKpi(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = permittedInput(actor, "contracts.manage", kpiEditSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return withArrangement(db, actor, v.arrangementId, { lock: true }, async (trx, a) => {
    const k = await trx.selectFrom("arrangement_kpis").selectAll().where("id", "=", v.kpiId).where("arrangement_id", "=", a.id).executeTakeFirst();
    if (!k) return fail("That KPI is not one of this arrangement’s", 404);
    if (v.target < k.min_value || v.target > k.max_value) return fail({ target: `The target must be between ${formatValue(k.min_value)} and ${formatValue(k.max_value)}` });
    const changed = [
      k.target !== v.target && `target ${formatValue(k.target)} to ${formatValue(v.target)}`,
      k.frequency !== v.frequency && `reported ${FREQUENCY_LABELS[k.frequency].toLowerCase()} to ${FREQUENCY_LABELS[v.frequency].toLowerCase()}`,
      k.deduction_rule !== v.deductionRule && "deduction rule",
    ].filter((x): x is string => Boolean(x));
    if (!changed.length) return fail("Nothing has changed: change the target, the frequency or the deduction rule");
    await trx.updateTable("arrangement_kpis").set({ target: v.target, frequency: v.frequency, deduction_rule: v.deductionRule }).where("id", "=", k.id).execute();
    await recordChange(trx, actor, a.id, {
      kind: "kpi_edited",
      summary: `KPI ${k.id} “${k.title}”: ${changed.join("; ")}`,
      reason: v.reason,
      details: { kpiId: k.id, before: { target: k.target, frequency: k.frequency, deductionRule: k.deduction_rule }, after: { target: v.target, frequency: v.frequency, deductionRule: v.deductionRule } },
    });
    return ok(null);
  });
}

/** Reopen a rated period so the provider can correct its return: the rating (and its deduction) is cleared, kept in the history. */
export async function reopenPeriod(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = permittedInput(actor, "contracts.manage", reopenSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return withArrangement(db, actor, v.arrangementId, { lock: true }, async (trx, a) => {
    const rating = await trx.selectFrom("period_ratings").selectAll().where("arrangement_id", "=", a.id).where("period", "=", sql<Date>`${v.period}::date`).executeTakeFirst();
    if (!rating) return fail({ period: `${monthLabel(v.period)} has not been rated, so it is already open` });
    await trx.deleteFrom("period_ratings").where("arrangement_id", "=", a.id).where("period", "=", sql<Date>`${v.period}::date`).execute();
    await recordChange(trx, actor, a.id, {
      kind: "period_reopened",
      summary: `${monthLabel(v.period)} reopened for the provider to correct its return (it had been rated ${RATING_LABELS[rating.rating]})`,
      reason: v.reason,
      details: { period: v.period, before: { rating: rating.rating, notes: rating.notes, deductionPence: Number(rating.deduction_pence), ratedBy: rating.rated_by, ratedAt: rating.rated_at.toISOString() } },
      commercial: Number(rating.deduction_pence) > 0,
    });
    return ok(null);
  });
}

export interface ChangeEntry {
  id: number;
  kind: ChangeKind;
  summary: string;
  reason: string;
  changedAt: string;
  changedBy: string | null;
}

/** The history of an arrangement, newest first; changes that show money only where the commercial terms may be seen. */
export async function changeHistory(db: Database, arrangementId: number, options: { commercial: boolean; kpiId?: number }): Promise<ChangeEntry[]> {
  const rows = await db
    .selectFrom("arrangement_changes as c")
    .leftJoin("users as u", "u.id", "c.changed_by")
    .select(["c.id", "c.kind", "c.summary", "c.reason", "c.changed_at", "u.display_name"])
    .where("c.arrangement_id", "=", arrangementId)
    .$if(!options.commercial, (q) => q.where("c.commercial", "=", false))
    .$if(options.kpiId !== undefined, (q) => q.where("c.kind", "=", "kpi_edited").where(sql<boolean>`(c.details->>'kpiId')::int = ${options.kpiId}`))
    .orderBy("c.changed_at", "desc")
    .orderBy("c.id", "desc")
    .limit(100)
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, summary: r.summary, reason: r.reason, changedAt: r.changed_at.toISOString(), changedBy: r.display_name }));
}
