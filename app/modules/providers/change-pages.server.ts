/** Reading for the manager's "change this arrangement" and "change a KPI" pages (null unless they manage it). */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import { isRowId } from "../../lib/ids";
import { isoDate } from "../evidence/dates";
import type { Actor } from "../permissions/permissions";
import { changeHistory } from "./changes.server";
import { accessTo } from "./providers.server";

export async function extensionOptionsOf(db: Database, arrangementId: number) {
  const rows = await db.selectFrom("arrangement_extension_options").selectAll().where("arrangement_id", "=", arrangementId).orderBy("id").execute();
  return rows.map((o) => ({ id: o.id, months: o.months, note: o.note, usedOn: o.used_on ? isoDate(o.used_on) : null, extendedTo: o.extended_to ? isoDate(o.extended_to) : null }));
}

export async function changePage(db: Database, actor: Actor, id: number) {
  if (!isRowId(id)) return null;
  const a = await db.selectFrom("arrangements").selectAll().where("id", "=", id).executeTakeFirst();
  if (!a || !accessTo(actor, a).manage) return null;
  const [paid, options, rated, history] = await Promise.all([
    db.selectFrom("arrangement_payments").select(sql<number>`coalesce(sum(amount_pence), 0)`.as("total")).where("arrangement_id", "=", id).executeTakeFirstOrThrow(),
    extensionOptionsOf(db, id),
    db.selectFrom("period_ratings").select(["period", "rating"]).where("arrangement_id", "=", id).orderBy("period", "desc").limit(36).execute(),
    changeHistory(db, id, { commercial: true }),
  ]);
  return {
    arrangement: {
      id: a.id,
      title: a.title,
      valuePence: a.value_pence,
      paidPence: Number(paid.total),
      paymentTerms: a.payment_terms,
      keyTerms: a.key_terms,
      startsOn: isoDate(a.starts_on),
      endsOn: isoDate(a.ends_on),
      terminatedOn: a.terminated_on ? isoDate(a.terminated_on) : null,
      terminationReason: a.termination_reason,
    },
    options,
    ratedPeriods: rated.map((r) => ({ period: isoDate(r.period), rating: r.rating })),
    history,
  };
}

export async function kpiEditPage(db: Database, actor: Actor, id: number, kpiId: number) {
  if (!isRowId(id) || !isRowId(kpiId)) return null;
  const a = await db.selectFrom("arrangements").selectAll().where("id", "=", id).executeTakeFirst();
  if (!a || !accessTo(actor, a).manage) return null;
  const k = await db.selectFrom("arrangement_kpis").selectAll().where("id", "=", kpiId).where("arrangement_id", "=", id).executeTakeFirst();
  if (!k) return null;
  return {
    arrangement: { id: a.id, title: a.title },
    kpi: { id: k.id, title: k.title, unit: k.unit, target: k.target, minValue: k.min_value, maxValue: k.max_value, frequency: k.frequency, deductionRule: k.deduction_rule },
    history: await changeHistory(db, id, { commercial: true, kpiId }),
  };
}
