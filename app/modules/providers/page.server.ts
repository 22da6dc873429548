/**
 * Reading arrangements: the arrangement page (KPI charts against target with the dashboards'
 * chart data, payments, ratings, actions, plans), the provider area, the "Delivered by" strand of
 * the golden thread, and the market position (contracts ending in the next 18 months).
 */
import { sql } from "kysely";
import { addMonths as addCalendarMonths, format } from "date-fns";
import type { Database } from "../../../db/client";
import { isRowId } from "../../lib/ids";
import { londonDay } from "../calendar/days";
import { isoDate, longDate } from "../evidence/dates";
import { meetsTarget, type ChartPoint } from "../evidence/chart";
import type { MeasureChartData } from "../evidence/components/LineChart";
import type { ThreadProvider } from "../evidence/thread-provider.server";
import { byOutcome, outcomeGroups } from "../evidence/thread-groups.server";
import type { Actor } from "../permissions/permissions";
import { ARRANGEMENT_KIND_LABELS } from "./schema";
import { listNodeOptions } from "../outcomes/outcomes.server";
import { accessTo, asDate, listArrangements, ownProviderIds } from "./providers.server";
import { latePeriods, openPeriods } from "./returns.server";
import { openReturnsWithFiles } from "./return-files.server";
import { arrangementExtras } from "./page-extras.server";

export interface KpiView {
  id: number;
  title: string;
  measure: { id: number; title: string } | null;
  definition: string;
  unit: string;
  target: number;
  minValue: number;
  maxValue: number;
  frequency: string;
  deductionRule: string;
  onTarget: boolean | null;
  latest: ChartPoint | null;
  chart: MeasureChartData;
}

export async function arrangementPage(db: Database, actor: Actor, id: number, options: { today?: string } = {}) {
  if (!isRowId(id)) return null;
  const today = options.today ?? londonDay(new Date());
  const a = await db
    .selectFrom("arrangements as a")
    .innerJoin("providers as p", "p.id", "a.provider_id")
    .leftJoin("localities as l", "l.id", "a.locality_id")
    .leftJoin("commissioning_reviews as r", "r.id", "a.review_id")
    .leftJoin("users as u", "u.id", "a.manager_user_id")
    .selectAll("a")
    .select(["p.name as provider_name", "p.kind as provider_kind", "l.name as locality_name", "r.service_area", "u.display_name as manager_name"])
    .where("a.id", "=", id)
    .executeTakeFirst();
  if (!a) return null;
  const access = accessTo(actor, a);
  const none = Promise.resolve([]);
  const [kpis, values, outcomes, commitments, delivered, ratings, payments, actions, plans, steps, late, returns, exitPlan, contingency, extras] = await Promise.all([
    db
      .selectFrom("arrangement_kpis as k")
      .leftJoin("outcome_nodes as n", "n.id", "k.measure_node_id")
      .selectAll("k")
      .select("n.title as measure_title")
      .where("k.arrangement_id", "=", id)
      .orderBy("k.position")
      .orderBy("k.id")
      .execute(),
    // One row per KPI with its series as JSON (dates as text): 20 rows to read, not 1,200.
    sql<{ kpi_id: number; points: ChartPoint[]; last_target: number }>`
      SELECT v.kpi_id, json_agg(json_build_object('period', to_char(r.period, 'YYYY-MM-DD'), 'value', v.value) ORDER BY r.period) AS points,
        (array_agg(v.target ORDER BY r.period DESC))[1] AS last_target
      FROM return_kpi_values v JOIN provider_returns r ON r.id = v.return_id
      WHERE r.arrangement_id = ${id}
      GROUP BY v.kpi_id`
      .execute(db)
      .then((r) => r.rows),
    db.selectFrom("arrangement_outcomes as o").innerJoin("outcome_nodes as n", "n.id", "o.outcome_node_id").select(["n.id", "n.title"]).where("o.arrangement_id", "=", id).orderBy("n.id").execute(),
    db.selectFrom("social_value_commitments").selectAll().where("arrangement_id", "=", id).orderBy("id").execute(),
    db
      .selectFrom("return_social_values as s")
      .innerJoin("provider_returns as r", "r.id", "s.return_id")
      .select(["s.commitment_id", (eb) => eb.fn.sum<number>("s.value").as("total")])
      .where("r.arrangement_id", "=", id)
      .groupBy("s.commitment_id")
      .execute(),
    access.internal ? db.selectFrom("period_ratings").selectAll().where("arrangement_id", "=", id).orderBy("period", "desc").execute() : none,
    access.commercial ? db.selectFrom("arrangement_payments").selectAll().where("arrangement_id", "=", id).orderBy("paid_on", "desc").orderBy("id", "desc").execute() : none,
    access.internal ? db.selectFrom("arrangement_actions").selectAll().where("arrangement_id", "=", id).orderBy("created_at", "desc").orderBy("id", "desc").execute() : none,
    access.internal ? db.selectFrom("improvement_plans").selectAll().where("arrangement_id", "=", id).orderBy("opened_on", "desc").execute() : none,
    access.internal
      ? db.selectFrom("improvement_plan_steps as s").innerJoin("improvement_plans as p", "p.id", "s.plan_id").select(["s.id", "s.plan_id", "s.step", "s.due_on", "s.done_on"]).where("p.arrangement_id", "=", id).orderBy("s.due_on").orderBy("s.id").execute()
      : none,
    access.internal ? latePeriods(db, [id], today) : Promise.resolve([]),
    access.internal
      ? db.selectFrom("provider_returns as r").leftJoin("users as u", "u.id", "r.submitted_by").select(["r.id", "r.period", "r.narrative", "r.social_value_narrative", "r.submitted_at", "u.display_name"]).where("r.arrangement_id", "=", id).orderBy("r.period", "desc").limit(12).execute()
      : none,
    access.internal ? db.selectFrom("exit_plans as e").innerJoin("evidence_items as i", "i.id", "e.equality_assessment_id").selectAll("e").select("i.title as eia_title").where("e.arrangement_id", "=", id).executeTakeFirst() : Promise.resolve(undefined),
    access.internal ? db.selectFrom("contingency_plans").selectAll().where("arrangement_id", "=", id).executeTakeFirst() : Promise.resolve(undefined),
    arrangementExtras(db, actor, id, access),
  ]);

  const byKpi = new Map(values.map((v) => [v.kpi_id, v.points]));
  // The latest value is judged against the target in force when it was sent (a later change of target does not re-judge it).
  const lastTarget = new Map(values.map((v) => [v.kpi_id, v.last_target]));
  const kpiViews: KpiView[] = kpis.map((k) => {
    const points = byKpi.get(k.id) ?? [];
    return {
      id: k.id,
      title: k.title,
      measure: k.measure_node_id ? { id: k.measure_node_id, title: k.measure_title ?? "" } : null,
      definition: k.definition,
      unit: k.unit,
      target: k.target,
      minValue: k.min_value,
      maxValue: k.max_value,
      frequency: k.frequency,
      deductionRule: k.deduction_rule,
      onTarget: meetsTarget(points, k.polarity, lastTarget.get(k.id) ?? k.target),
      latest: points[points.length - 1] ?? null,
      chart: { title: k.title, unit: k.unit, polarity: k.polarity, target: k.target, baseline: null, main: { label: a.provider_name, points } },
    };
  });
  const deliveredBy = new Map(delivered.map((d) => [d.commitment_id, Number(d.total)]));
  const paid = payments.reduce((n, p) => n + Number(p.amount_pence), 0);
  const deducted = ratings.reduce((n, r) => n + Number(r.deduction_pence), 0);
  const stepsByPlan = new Map<number, { id: number; step: string; dueOn: string; doneOn: string | null }[]>();
  for (const s of steps) {
    const list = stepsByPlan.get(s.plan_id) ?? [];
    list.push({ id: s.id, step: s.step, dueOn: isoDate(s.due_on), doneOn: s.done_on ? isoDate(s.done_on) : null });
    stepsByPlan.set(s.plan_id, list);
  }
  return {
    access,
    arrangement: {
      id: a.id,
      title: a.title,
      kind: a.kind,
      providerId: a.provider_id,
      providerName: a.provider_name,
      providerKind: a.provider_kind,
      localityName: a.locality_name,
      reviewId: a.review_id,
      serviceArea: a.service_area,
      reviewOption: a.review_option,
      managerName: a.manager_name,
      startsOn: isoDate(a.starts_on),
      endsOn: isoDate(a.ends_on),
      extensionOptions: a.extension_options,
      terminatedOn: a.terminated_on ? isoDate(a.terminated_on) : null,
      terminationReason: access.internal ? a.termination_reason : null,
      critical: a.critical,
      approvalRoute: a.approval_route,
      conditions: a.conditions,
      commercialConfidential: a.commercial_confidential,
      keyTerms: access.internal ? a.key_terms : null,
      commercial: access.commercial
        ? { valuePence: a.value_pence, paymentModel: a.payment_model, unitPricePence: a.unit_price_pence, unitName: a.unit_name, atRiskPercent: a.at_risk_percent, paymentTerms: a.payment_terms, paidPence: paid, deductedPence: deducted }
        : null,
    },
    outcomes,
    kpis: kpiViews,
    socialValue: commitments.map((c) => ({ id: c.id, theme: c.theme, outcome: c.outcome, measure: c.measure, unit: c.unit, target: c.target, delivered: deliveredBy.get(c.id) ?? 0 })),
    ratings: ratings.map((r) => ({ period: isoDate(r.period), rating: r.rating, notes: r.notes, deductionPence: access.commercial ? Number(r.deduction_pence) : null })),
    payments: payments.map((p) => ({ id: p.id, paidOn: isoDate(p.paid_on), amountPence: Number(p.amount_pence), note: p.note })),
    actions: actions.map((x) => ({ id: x.id, action: x.action, owner: x.owner, dueOn: x.due_on ? isoDate(x.due_on) : null, period: x.period ? isoDate(x.period) : null })),
    plans: plans.map((p) => ({ id: p.id, reason: p.reason, openedOn: isoDate(p.opened_on), closedOn: p.closed_on ? isoDate(p.closed_on) : null, steps: stepsByPlan.get(p.id) ?? [] })),
    late,
    returns: returns.map((r) => ({ id: r.id, period: isoDate(r.period), narrative: r.narrative, socialValueNarrative: r.social_value_narrative, submittedAt: r.submitted_at.toISOString(), submittedBy: r.display_name })),
    exitPlan: exitPlan
      ? { peopleAffected: exitPlan.people_affected, transition: exitPlan.transition, communication: exitPlan.communication, exitOn: isoDate(exitPlan.exit_on), equalityAssessment: { id: exitPlan.equality_assessment_id, title: exitPlan.eia_title }, evaluationDueOn: isoDate(exitPlan.evaluation_due_on) }
      : null,
    ...extras,
    contingencyPlan: contingency ? { failureSigns: contingency.failure_signs, immediateActions: contingency.immediate_actions, fallback: contingency.fallback } : null,
  };
}
export type ArrangementPage = NonNullable<Awaited<ReturnType<typeof arrangementPage>>>;

/** The provider area: only the arrangements of the providers this person speaks for. */
export async function providerArea(db: Database, actor: Actor, options: { today?: string } = {}) {
  const providerIds = ownProviderIds(actor);
  const [providers, arrangements] = await Promise.all([
    providerIds.length ? db.selectFrom("providers").select(["id", "name"]).where("id", "in", providerIds).orderBy("name").execute() : Promise.resolve([]),
    listArrangements(db, { providerIds }),
  ]);
  const late = await latePeriods(db, arrangements.map((a) => a.id), options.today);
  return { providers, arrangements: arrangements.map((a) => ({ ...a, late: late.filter((l) => l.arrangementId === a.id).map((l) => l.period) })) };
}

/** The return form for one of the provider's own arrangements (404 for anyone else's). */
export async function returnForm(db: Database, actor: Actor, id: number, options: { today?: string } = {}) {
  if (!isRowId(id)) return null;
  const a = await db.selectFrom("arrangements").selectAll().where("id", "=", id).executeTakeFirst();
  if (!a) return null;
  const access = accessTo(actor, a);
  if (!access.own && !access.manage) return null;
  const [provider, kpis, commitments, periods, late, openReturns] = await Promise.all([
    db.selectFrom("providers").select("name").where("id", "=", a.provider_id).executeTakeFirstOrThrow(),
    db.selectFrom("arrangement_kpis").select(["id", "title", "unit", "min_value", "max_value", "frequency", "target"]).where("arrangement_id", "=", id).orderBy("position").orderBy("id").execute(),
    db.selectFrom("social_value_commitments").select(["id", "measure", "unit"]).where("arrangement_id", "=", id).orderBy("id").execute(),
    openPeriods(db, a, options.today),
    latePeriods(db, [id], options.today),
    openReturnsWithFiles(db, id),
  ]);
  return { arrangement: { id: a.id, title: a.title, providerName: provider.name }, kpis, commitments, periods, late: late.map((l) => l.period), openReturns };
}

/** Everything for the contract managers' list: arrangements and the returns that are late. */
export async function contractsOverview(db: Database, actor: Actor, options: { today?: string } = {}) {
  const arrangements = await listArrangements(db);
  const access = accessTo(actor, { locality_id: null, provider_id: 0, commercial_confidential: true });
  const late = access.manage ? await latePeriods(db, "all", options.today) : [];
  const titles = new Map(arrangements.map((a) => [a.id, a]));
  return {
    canManage: access.manage,
    arrangements,
    late: late.map((l) => ({ ...l, title: titles.get(l.arrangementId)?.title ?? "", providerName: titles.get(l.arrangementId)?.providerName ?? "", mine: titles.get(l.arrangementId)?.managerUserId === actor.user?.id })),
  };
}

/** "Delivered by": the arrangements serving an outcome (or anything under it), in the locality or council-wide. */
export const arrangementThreadProvider: ThreadProvider = {
  kind: "arrangement",
  label: "Delivered by",
  async linkedTo(db, { outcomes, localityId }) {
    const rows = await db
      .selectFrom("arrangements as a")
      .innerJoin("providers as p", "p.id", "a.provider_id")
      .innerJoin(outcomeGroups(outcomes), (join) =>
        join.on((eb) =>
          eb.exists(eb.selectFrom("arrangement_outcomes as o").select("o.arrangement_id").whereRef("o.arrangement_id", "=", "a.id").where("o.outcome_node_id", "=", eb.fn.any("tq.node_ids"))),
        ),
      )
      .select(["tq.outcome_id", "a.id", "a.title", "a.kind", "a.starts_on", "a.ends_on", "p.name as provider_name"])
      .$if(localityId !== null, (q) => q.where((eb) => eb.or([eb("a.locality_id", "is", null), eb("a.locality_id", "=", localityId!)])))
      .orderBy("a.title")
      .orderBy("a.id")
      .execute();
    return byOutcome(outcomes, rows, (r) => ({
      kind: "arrangement",
      title: `${r.title}: ${r.provider_name}`,
      href: `/contracts/${r.id}`,
      detail: `${ARRANGEMENT_KIND_LABELS[r.kind]}, ${longDate(isoDate(r.starts_on))} to ${longDate(isoDate(r.ends_on))}`,
    }));
  },
};

/** Contracts ending in the next 18 months, grouped by service area, for the market position statement and open data. */
export async function endingSoon(db: Database, options: { today?: string } = {}) {
  const today = options.today ?? londonDay(new Date());
  const until = format(addCalendarMonths(new Date(`${today}T00:00:00`), 18), "yyyy-MM-dd");
  const rows = await db
    .selectFrom("arrangements as a")
    .innerJoin("providers as p", "p.id", "a.provider_id")
    .leftJoin("commissioning_reviews as r", "r.id", "a.review_id")
    .leftJoin("localities as l", "l.id", "a.locality_id")
    .select(["a.id", "a.title", "a.kind", "a.starts_on", "a.ends_on", "a.extension_options", "a.value_pence", "a.commercial_confidential", "p.name as provider_name", "r.service_area", "r.id as review_id", "r.stage", "r.chosen_option", "l.name as locality_name"])
    .where("a.ends_on", ">=", asDate(today))
    .where("a.ends_on", "<=", asDate(until))
    .orderBy(sql`coalesce(r.service_area, a.title)`)
    .orderBy("a.ends_on")
    .execute();
  return {
    today,
    until,
    rows: rows.map((r) => ({
      id: r.id,
      service_area: r.service_area ?? r.title,
      title: r.title,
      kind: r.kind,
      provider: r.provider_name,
      locality: r.locality_name ?? "council-wide",
      starts_on: isoDate(r.starts_on),
      ends_on: isoDate(r.ends_on),
      extension_options: r.extension_options,
      value_gbp: r.commercial_confidential ? null : r.value_pence / 100,
      review_id: r.review_id,
      review_stage: r.stage,
      intended_option: r.chosen_option,
      url: `/contracts/${r.id}`,
    })),
  };
}
export const ENDING_COLUMNS = ["id", "service_area", "title", "kind", "provider", "locality", "starts_on", "ends_on", "extension_options", "value_gbp", "review_id", "review_stage", "intended_option", "url"];

/** Choices for the "record an arrangement" form: providers, reviews with the options they considered, localities, outcomes. */
export async function arrangementChoices(db: Database) {
  const [providers, reviews, options, localities, outcomes] = await Promise.all([
    db.selectFrom("providers").select(["id", "name", "kind"]).orderBy("name").execute(),
    db.selectFrom("commissioning_reviews").select(["id", "service_area", "chosen_option"]).orderBy("service_area").execute(),
    db.selectFrom("commissioning_review_options").select(["review_id", "option"]).execute(),
    db.selectFrom("localities").select(["id", "name"]).orderBy("name").execute(),
    listNodeOptions(db),
  ]);
  return {
    providers,
    reviews: reviews.map((r) => ({ id: r.id, serviceArea: r.service_area, chosenOption: r.chosen_option, options: options.filter((o) => o.review_id === r.id).map((o) => o.option) })),
    localities,
    outcomes: outcomes.filter((o) => o.kind !== "measure").map((o) => ({ id: o.id, label: o.label })),
    measures: outcomes.filter((o) => o.kind === "measure").map((o) => ({ id: o.id, label: o.label })),
  };
}

/** The set-up page: the arrangement (only for its managers), measures to link KPIs to, and equality impact assessments for an exit plan. */
export async function setupChoices(db: Database, actor: Actor, id: number) {
  if (!isRowId(id)) return null;
  const a = await db.selectFrom("arrangements").selectAll().where("id", "=", id).executeTakeFirst();
  if (!a || !accessTo(actor, a).manage) return null;
  const [measures, eias] = await Promise.all([
    listNodeOptions(db),
    db.selectFrom("evidence_items").select(["id", "title"]).where("type", "=", "equality_impact_assessment").orderBy("title").execute(),
  ]);
  return { arrangement: { id: a.id, title: a.title, critical: a.critical }, measures: measures.filter((m) => m.kind === "measure").map((m) => ({ id: m.id, label: m.label })), eias };
}
