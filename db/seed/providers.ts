/**
 * Demo data for providers, contracts and grants (issue 18): three providers (an in-house team, a
 * charity whose Right to Challenge led to its contract, a company), their contracts, a grant and
 * an in-house service agreement, each with two years of monthly returns; the company's waste
 * contract is under an improvement plan. Deterministic and idempotent (skipped once providers exist).
 */
import { format } from "date-fns";
import type { Database } from "../client";
import type { SeedContext } from "./context";
import { addMonths, monthOf } from "../../app/modules/providers/periods";

export const PROVIDER_ACCOUNTS = [
  { email: "provider@moot.example", displayName: "Dan Whitfield", provider: "Greenline Environmental Services Ltd", purpose: "a provider (a company delivering the waste contract)" },
  { email: "group@moot.example", displayName: "Gareth Lewis", provider: "Eastmere Community Trust", purpose: "also speaks for the Eastmere Community Trust as a provider" },
];

export async function seedProviders(db: Database, { passwordHash, now }: SeedContext): Promise<void> {
  if (await db.selectFrom("providers").select("id").executeTakeFirst()) return;
  const thisMonth = monthOf(format(now, "yyyy-MM-dd"));
  const user = async (email: string) => (await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst())?.id ?? null;
  const node = async (title: string) => (await db.selectFrom("outcome_nodes").select("id").where("title", "=", title).orderBy("id").executeTakeFirstOrThrow()).id;
  const review = async (serviceArea: string) => (await db.selectFrom("commissioning_reviews").select("id").where("service_area", "=", serviceArea).executeTakeFirst())?.id ?? null;
  const officer = await user("officer@moot.example");
  const trustGroup = await db.selectFrom("challenge_groups").select("id").where("name", "=", "Eastmere Community Trust").executeTakeFirst();

  const provider = async (name: string, kind: "company" | "charity" | "in_house", registration: string, description: string, groupId: number | null = null) =>
    (await db.insertInto("providers").values({ name, kind, registration, description, challenge_group_id: groupId, created_by: officer }).returning("id").executeTakeFirstOrThrow()).id;
  const inHouse = await provider("Fenwold Council Energy Advice Team", "in_house", "", "The council’s own energy and income advice officers.");
  const trust = await provider("Eastmere Community Trust", "charity", "Charity 1187654", "A local charity whose Right to Challenge expression of interest led to the procurement of day services, which it won.", trustGroup?.id ?? null);
  const greenline = await provider("Greenline Environmental Services Ltd", "company", "Company 09876543", "Collects household waste and recycling across the district.");

  await db.insertInto("users").values({ email: PROVIDER_ACCOUNTS[0]!.email, display_name: PROVIDER_ACCOUNTS[0]!.displayName, password_hash: passwordHash, home_locality_id: null }).onConflict((oc) => oc.column("email").doNothing()).execute();
  for (const [email, providerId] of [["provider@moot.example", greenline], ["group@moot.example", trust]] as const) {
    const id = await user(email);
    if (id) await db.insertInto("role_grants").values({ user_id: id, role: "provider", scope: "provider", provider_id: providerId, granted_by: officer }).onConflict((oc) => oc.doNothing()).execute();
  }

  interface SeedKpi {
    title: string;
    measure?: string;
    definition?: string;
    unit: string;
    polarity: "higher_is_better" | "lower_is_better";
    target: number;
    min: number;
    max: number;
    frequency?: "monthly" | "quarterly";
    deduction?: string;
    /** value in month i (0 = the first month of returns) */
    value: (i: number) => number;
  }
  const arrangement = async (a: {
    title: string;
    kind: "contract" | "grant" | "in_house";
    providerId: number;
    review?: string;
    option?: "internal" | "external" | "co_production" | "partnership";
    startMonthsAgo: number;
    months: number;
    valuePence: number;
    paymentModel?: "fixed" | "payment_by_results";
    atRisk?: number;
    paymentTerms: string;
    keyTerms: string;
    extension?: string;
    /** The extension options as data (months each), which a contract manager can use. */
    extensionMonths?: number[];
    confidential?: boolean;
    critical?: boolean;
    approval?: "grant_panel";
    conditions?: string;
    outcomes: string[];
    kpis: SeedKpi[];
    social?: { theme: "jobs" | "social" | "environment"; outcome: string; measure: string; unit: string; target: number; monthly: number }[];
    rating: (i: number) => "on_track" | "concerns" | "failing";
  }) => {
    const start = addMonths(thisMonth, -a.startMonthsAgo);
    const endMonth = addMonths(start, a.months);
    const endsOn = format(new Date(new Date(`${endMonth}T00:00:00`).getTime() - 86_400_000), "yyyy-MM-dd");
    const reviewId = a.review ? await review(a.review) : null;
    const row = await db
      .insertInto("arrangements")
      .values({
        title: a.title,
        kind: a.kind,
        provider_id: a.providerId,
        review_id: reviewId,
        review_option: reviewId ? (a.option ?? null) : null,
        manager_user_id: officer,
        value_pence: a.valuePence,
        payment_model: a.paymentModel ?? "fixed",
        at_risk_percent: a.paymentModel === "payment_by_results" ? (a.atRisk ?? 10) : null,
        payment_terms: a.paymentTerms,
        starts_on: start,
        ends_on: endsOn,
        extension_options: a.extension ?? "",
        key_terms: a.keyTerms,
        commercial_confidential: a.confidential ?? false,
        critical: a.critical ?? false,
        approval_route: a.approval ?? null,
        conditions: a.conditions ?? "",
        created_by: officer,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (a.extensionMonths?.length) await db.insertInto("arrangement_extension_options").values(a.extensionMonths.map((months) => ({ arrangement_id: row.id, months, note: `${months} months` }))).execute();
    for (const t of a.outcomes) await db.insertInto("arrangement_outcomes").values({ arrangement_id: row.id, outcome_node_id: await node(t) }).execute();
    const kpiIds: number[] = [];
    for (const [position, k] of a.kpis.entries()) {
      const kpi = await db
        .insertInto("arrangement_kpis")
        .values({ arrangement_id: row.id, title: k.title, measure_node_id: k.measure ? await node(k.measure) : null, definition: k.definition ?? "", unit: k.unit, polarity: k.polarity, target: k.target, min_value: k.min, max_value: k.max, frequency: k.frequency ?? "monthly", deduction_rule: k.deduction ?? "", position })
        .returning("id")
        .executeTakeFirstOrThrow();
      kpiIds.push(kpi.id);
    }
    const socialIds: number[] = [];
    for (const s of a.social ?? []) socialIds.push((await db.insertInto("social_value_commitments").values({ arrangement_id: row.id, theme: s.theme, outcome: s.outcome, measure: s.measure, unit: s.unit, target: s.target }).returning("id").executeTakeFirstOrThrow()).id);

    // Returns for every month but the last one that ended (left open: it is the one a provider sends next); ratings for all but the last two.
    const firstReturn = start;
    const months: string[] = [];
    for (let p = firstReturn; p < addMonths(thisMonth, -1); p = addMonths(p, 1)) months.push(p);
    for (const [i, period] of months.entries()) {
      const ret = await db
        .insertInto("provider_returns")
        .values({ arrangement_id: row.id, period, narrative: `Delivery in ${format(new Date(`${period}T00:00:00`), "MMMM yyyy")} as planned${a.rating(i) === "on_track" ? "." : "; staffing gaps affected some rounds."}`, submitted_by: officer })
        .returning("id")
        .executeTakeFirstOrThrow();
      const values = a.kpis.map((k, j) => ({ return_id: ret.id, kpi_id: kpiIds[j]!, target: k.target, value: Math.round(Math.min(k.max, Math.max(k.min, k.value(i))) * 10) / 10 })).filter((_, j) => (a.kpis[j]!.frequency ?? "monthly") === "monthly" || Number(period.slice(5, 7)) % 3 === 0);
      if (values.length) await db.insertInto("return_kpi_values").values(values).execute();
      if (socialIds.length) await db.insertInto("return_social_values").values((a.social ?? []).map((s, j) => ({ return_id: ret.id, commitment_id: socialIds[j]!, value: s.monthly }))).execute();
      if (i < months.length - 1) {
        const rating = a.rating(i);
        await db.insertInto("period_ratings").values({ arrangement_id: row.id, period, rating, notes: rating === "on_track" ? "" : "Below target; discussed at the monthly contract meeting.", deduction_pence: rating === "failing" ? 200_000 : 0, rated_by: officer }).execute();
      }
    }
    const payments = a.kind === "grant" ? [0, 6, 12, 18].filter((m) => m < months.length) : months.map((_, i) => i);
    const each = a.kind === "grant" ? Math.floor(a.valuePence / 4) : Math.floor(a.valuePence / a.months);
    if (payments.length) await db.insertInto("arrangement_payments").values(payments.map((i) => ({ arrangement_id: row.id, paid_on: format(new Date(`${addMonths(months[i]!, 1)}T00:00:00`).getTime() + 14 * 86_400_000, "yyyy-MM-dd"), amount_pence: each, note: a.kind === "grant" ? "Grant instalment" : "Monthly payment", recorded_by: officer }))).execute();
    return { id: row.id, months };
  };

  const waste = await arrangement({
    title: "Household waste and recycling collection",
    kind: "contract",
    providerId: greenline,
    review: "Household waste and recycling collection",
    option: "external",
    startMonthsAgo: 26,
    months: 36,
    valuePence: 360_000_000,
    paymentTerms: "Monthly in arrears against an invoice, within 30 days; performance deductions taken from the next payment.",
    keyTerms: "Three years with the option to extend by up to two more. Fixed monthly price. Deductions when missed bins exceed 80 per 100,000 collections. Termination for persistent failure after an improvement plan.",
    extension: "Up to 24 months, in periods of 12 months",
    extensionMonths: [12, 12],
    confidential: true,
    critical: true,
    outcomes: ["Clean streets and less waste"],
    kpis: [
      { title: "Missed bins per 100,000 collections", definition: "Collections reported missed and confirmed, per 100,000 scheduled collections in the month.", unit: "per 100,000", polarity: "lower_is_better", target: 50, min: 0, max: 100_000, deduction: "£500 for each missed bin per 100,000 over 80 in a month", value: (i) => (i < 16 ? 38 + (i % 4) * 3 : 45 + (i - 15) * 6) },
      { title: "Household waste sent for reuse, recycling or composting", measure: "Household waste sent for reuse, recycling or composting", unit: "%", polarity: "higher_is_better", target: 50, min: 0, max: 100, value: (i) => 44 + i * 0.2 },
    ],
    social: [{ theme: "environment", outcome: "Carbon emissions are reduced", measure: "Collection vehicles running on electricity or biofuel", unit: "vehicles", target: 12, monthly: 0.5 }],
    rating: (i) => (i < 17 ? "on_track" : i === 19 ? "failing" : "concerns"),
  });
  const plan = await db.insertInto("improvement_plans").values({ arrangement_id: waste.id, reason: "Missed bins have been above target for six months and a period was rated failing.", opened_on: waste.months[19]!.replace(/-01$/, "-20"), created_by: officer }).returning(["id", "opened_on"]).executeTakeFirstOrThrow();
  await db.insertInto("improvement_plan_steps").values([
    { plan_id: plan.id, step: "Recruit six drivers and loaders to fill vacancies", due_on: addMonths(waste.months[19]!, 2), done_on: addMonths(waste.months[19]!, 2) },
    { plan_id: plan.id, step: "Re-plan the Riverside rounds to cut late finishes", due_on: addMonths(waste.months[19]!, 4) },
    { plan_id: plan.id, step: "Missed bins back under 50 per 100,000 for three months running", due_on: addMonths(waste.months[19]!, 7) },
  ]).execute();
  await db.insertInto("arrangement_actions").values({ arrangement_id: waste.id, period: waste.months[19]!, action: "Weekly missed-bin report to the contract manager until back on target", owner: "Greenline operations manager", due_on: addMonths(waste.months[19]!, 1), created_by: officer }).execute();
  await db.insertInto("contingency_plans").values({ arrangement_id: waste.id, failure_signs: "Missed bins above 150 per 100,000 for two months, or the provider’s credit rating falls below the contract threshold.", immediate_actions: "Daily performance calls; step-in rights under clause 42; prioritise food waste and assisted collections.", fallback: "Neighbouring council’s in-house fleet under the mutual aid agreement while the service is re-procured.", updated_by: officer }).execute();

  await arrangement({
    title: "Day services for older and disabled adults",
    kind: "contract",
    providerId: trust,
    review: "Day services for older and disabled adults",
    option: "co_production",
    startMonthsAgo: 25,
    months: 36,
    valuePence: 84_000_000,
    paymentModel: "payment_by_results",
    atRisk: 10,
    paymentTerms: "Quarterly in advance; 10% of each year’s price is paid at year end according to the social contact results.",
    keyTerms: "Three years, co-produced with people who use the service. 10% of the price depends on results for social contact.",
    extension: "One extension of 12 months",
    extensionMonths: [12],
    outcomes: ["Less loneliness and isolation"],
    kpis: [
      { title: "Attendance against planned sessions", definition: "Sessions attended as a share of sessions planned in people’s support plans.", unit: "%", polarity: "higher_is_better", target: 90, min: 0, max: 100, value: (i) => 86 + (i % 5) },
      { title: "People who have as much social contact as they would like", measure: "Adult social care users who have as much social contact as they would like", unit: "%", polarity: "higher_is_better", target: 60, min: 0, max: 100, frequency: "quarterly", value: (i) => 52 + i * 0.4 },
    ],
    social: [{ theme: "jobs", outcome: "More local people in work", measure: "Local people employed on the contract", unit: "people", target: 12, monthly: 1 }],
    rating: () => "on_track",
  });

  await arrangement({
    title: "Hollin Valley befriending grant",
    kind: "grant",
    providerId: trust,
    startMonthsAgo: 24,
    months: 27,
    valuePence: 6_000_000,
    approval: "grant_panel",
    conditions: "Volunteers DBS-checked; quarterly narrative report; unspent funds returned.",
    paymentTerms: "Four instalments, six months apart.",
    keyTerms: "A grant approved by the grant panel for befriending older people in Hollin Valley.",
    outcomes: ["Less loneliness and isolation"],
    kpis: [{ title: "Older people befriended in the month", definition: "People aged 65 or over with at least two befriending contacts in the month.", unit: "people", polarity: "higher_is_better", target: 40, min: 0, max: 500, value: (i) => 30 + Math.min(i, 14) }],
    rating: () => "on_track",
  });

  await arrangement({
    title: "Fuel poverty advice",
    kind: "in_house",
    providerId: inHouse,
    review: "Fuel poverty advice",
    option: "internal",
    startMonthsAgo: 24,
    months: 48,
    valuePence: 45_000_000,
    paymentTerms: "Internal budget, reported monthly.",
    keyTerms: "The council’s own team, held to the same specification and KPIs as an external provider.",
    outcomes: ["Help with the cost of living"],
    kpis: [{ title: "Households given energy and income advice", definition: "Households given a full advice session (not a leaflet or signposting) in the month.", unit: "households", polarity: "higher_is_better", target: 120, min: 0, max: 2000, value: (i) => 100 + i * 1.5 }],
    rating: (i) => (i % 7 === 3 ? "concerns" : "on_track"),
  });
}
