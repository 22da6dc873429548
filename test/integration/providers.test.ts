/** Providers, contracts and grants (issue 18): every rule, against the seeded demo data. */
import { describe, expect, it } from "vitest";
import { VISITOR } from "../../app/modules/permissions/permissions";
import { addKpi, addProviderPerson, createArrangement, createProvider } from "../../app/modules/providers/providers.server";
import { importReturns, latePeriods, submitReturn } from "../../app/modules/providers/returns.server";
import { openImprovementPlan, ratePeriod, recordPayment, saveExitPlan } from "../../app/modules/providers/management.server";
import { arrangementPage, endingSoon, providerArea, returnForm } from "../../app/modules/providers/page.server";
import { formatPounds, poundsToPence } from "../../app/modules/providers/money";
import { grantRole } from "../../app/modules/roles/roles.server";
import { outcomePage } from "../../app/modules/evidence/dashboard.server";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });
const TODAY = "2026-11-23"; // the seeded template's "now"

const arrangement = async (title: string) => t.db.selectFrom("arrangements").selectAll().where("title", "=", title).executeTakeFirstOrThrow();
const kpisOf = async (id: number) => t.db.selectFrom("arrangement_kpis").selectAll().where("arrangement_id", "=", id).orderBy("position").execute();
const count = async (table: "provider_returns" | "return_kpi_values" | "arrangement_payments" | "improvement_plans" | "period_ratings" | "arrangements") =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

describe("money", () => {
  it("reads pounds strictly into pence and shows pence as pounds", () => {
    expect(poundsToPence("12,500.50")).toBe(1_250_050);
    expect(poundsToPence("£3")).toBe(300);
    expect(poundsToPence("1,00")).toBeNull();
    expect(poundsToPence("1.234")).toBeNull();
    expect(poundsToPence("-5")).toBeNull();
    expect(formatPounds(360_000_000)).toBe("£3,600,000");
    expect(formatPounds(1_250_050)).toBe("£12,500.50");
  });
});

describe("seeded providers", () => {
  it("has three providers (in-house, a charity from a Right to Challenge, a company), contracts, a grant, two years of returns and one improvement plan", async () => {
    const providers = await t.db.selectFrom("providers").select(["name", "kind", "challenge_group_id"]).orderBy("name").execute();
    expect(providers.map((p) => p.kind).sort()).toEqual(["charity", "company", "in_house"]);
    expect(providers.find((p) => p.kind === "charity")!.challenge_group_id).not.toBeNull();
    const kinds = await t.db.selectFrom("arrangements").select("kind").execute();
    expect(kinds.map((k) => k.kind).sort()).toEqual(["contract", "contract", "grant", "in_house"]);
    const waste = await arrangement("Household waste and recycling collection");
    const returns = await t.db.selectFrom("provider_returns").select("id").where("arrangement_id", "=", waste.id).execute();
    expect(returns.length).toBeGreaterThanOrEqual(24);
    const plans = await t.db.selectFrom("improvement_plans").select(["arrangement_id"]).where("closed_on", "is", null).execute();
    expect(plans).toEqual([{ arrangement_id: waste.id }]);
  });
});

describe("provider people see only their own", () => {
  it("lists only the provider's own arrangements in its area", async () => {
    const greenline = await actorFor(t.db, "provider@moot.example");
    const area = await providerArea(t.db, greenline, { today: TODAY });
    expect(area.providers.map((p) => p.name)).toEqual(["Greenline Environmental Services Ltd"]);
    expect(area.arrangements.map((a) => a.title)).toEqual(["Household waste and recycling collection"]);
    const trust = await actorFor(t.db, "group@moot.example");
    expect((await providerArea(t.db, trust, { today: TODAY })).arrangements.map((a) => a.title).sort()).toEqual(["Day services for older and disabled adults", "Hollin Valley befriending grant"]);
    const resident = await actorFor(t.db, "resident@moot.example");
    expect((await providerArea(t.db, resident)).arrangements).toEqual([]);
  });

  it("gives another provider's people no return form, no returns or ratings, and no confidential terms", async () => {
    const trust = await actorFor(t.db, "group@moot.example");
    const waste = await arrangement("Household waste and recycling collection");
    expect(await returnForm(t.db, trust, waste.id, { today: TODAY })).toBeNull();
    const page = (await arrangementPage(t.db, trust, waste.id, { today: TODAY }))!;
    expect(page.access).toMatchObject({ own: false, manage: false, internal: false, commercial: false });
    expect(page.arrangement.commercial).toBeNull();
    expect(page.arrangement.keyTerms).toBeNull();
    expect(page.ratings).toEqual([]);
    expect(page.returns).toEqual([]);
    expect(page.plans).toEqual([]);
    expect(page.payments).toEqual([]);
    // …while the provider itself sees all of it
    const greenline = await actorFor(t.db, "provider@moot.example");
    const own = (await arrangementPage(t.db, greenline, waste.id, { today: TODAY }))!;
    expect(own.arrangement.commercial?.valuePence).toBe(360_000_000);
    expect(own.ratings.length).toBeGreaterThan(20);
    expect(own.plans).toHaveLength(1);
  });

  it("refuses a return from another provider's people and stores nothing", async () => {
    const greenline = await actorFor(t.db, "provider@moot.example");
    const day = await arrangement("Day services for older and disabled adults");
    const [k] = await kpisOf(day.id);
    const before = await count("provider_returns");
    expect(await submitReturn(t.db, greenline, { arrangementId: String(day.id), period: "2026-10", [`kpi_${k!.id}`]: "90" }, { today: TODAY })).toMatchObject({ ok: false, status: 403 });
    const csv = `period,kpi,value,unit\n2026-10,${k!.id},90,%\n`;
    expect(await importReturns(t.db, greenline, { arrangementId: day.id, csv }, { today: TODAY })).toMatchObject({ ok: false, status: 403 });
    expect(await submitReturn(t.db, VISITOR, { arrangementId: String(day.id), period: "2026-10" }, { today: TODAY })).toMatchObject({ ok: false, status: 403 });
    expect(await count("provider_returns")).toBe(before);
  });
});

describe("returns", () => {
  it("stores a return for an open period, replacing none and clearing the late flag", async () => {
    const greenline = await actorFor(t.db, "provider@moot.example");
    const waste = await arrangement("Household waste and recycling collection");
    const late = await latePeriods(t.db, [waste.id], TODAY);
    expect(late.map((l) => l.period)).toEqual(["2026-10-01"]);
    const [missed, recycling] = await kpisOf(waste.id);
    const result = await submitReturn(t.db, greenline, { arrangementId: String(waste.id), period: "2026-10", narrative: "New drivers started.", [`kpi_${missed!.id}`]: "61", [`kpi_${recycling!.id}`]: "48.5" }, { today: TODAY });
    expect(result).toMatchObject({ ok: true, value: { period: "2026-10-01" } });
    const stored = await t.db.selectFrom("return_kpi_values").select(["kpi_id", "value"]).where("return_id", "=", result.ok ? result.value.returnId : 0).orderBy("kpi_id").execute();
    expect(stored).toEqual([{ kpi_id: missed!.id, value: 61 }, { kpi_id: recycling!.id, value: 48.5 }]);
    expect(await latePeriods(t.db, [waste.id], TODAY)).toEqual([]);
  });

  it("refuses a KPI value out of range, a missing value, a closed (rated) period and a month not yet ended; nothing is stored", async () => {
    const greenline = await actorFor(t.db, "provider@moot.example");
    const waste = await arrangement("Household waste and recycling collection");
    const [missed, recycling] = await kpisOf(waste.id);
    const before = [await count("provider_returns"), await count("return_kpi_values")];
    const outOfRange = await submitReturn(t.db, greenline, { arrangementId: String(waste.id), period: "2026-10", [`kpi_${missed!.id}`]: "40", [`kpi_${recycling!.id}`]: "140" }, { today: TODAY });
    expect(outOfRange).toMatchObject({ ok: false, errors: { [`kpi_${recycling!.id}`]: "The value for “Household waste sent for reuse, recycling or composting” must be between 0 and 100%" } });
    const missing = await submitReturn(t.db, greenline, { arrangementId: String(waste.id), period: "2026-10", [`kpi_${missed!.id}`]: "40" }, { today: TODAY });
    expect(missing).toMatchObject({ ok: false, errors: { [`kpi_${recycling!.id}`]: "Enter a value for “Household waste sent for reuse, recycling or composting”" } });
    const closed = await submitReturn(t.db, greenline, { arrangementId: String(waste.id), period: "2026-08", [`kpi_${missed!.id}`]: "40", [`kpi_${recycling!.id}`]: "50" }, { today: TODAY });
    expect(closed).toMatchObject({ ok: false, errors: { period: "August 2026 is closed: the contract manager has already rated it" } });
    const future = await submitReturn(t.db, greenline, { arrangementId: String(waste.id), period: "2026-11", [`kpi_${missed!.id}`]: "40", [`kpi_${recycling!.id}`]: "50" }, { today: TODAY });
    expect(future).toMatchObject({ ok: false, errors: { period: "November 2026 has not ended yet: send its return once the month is over" } });
    const badMonth = await submitReturn(t.db, greenline, { arrangementId: String(waste.id), period: "2026-13" }, { today: TODAY });
    expect(badMonth).toMatchObject({ ok: false, errors: { period: "The period must be a month, like 2026-03" } });
    expect([await count("provider_returns"), await count("return_kpi_values")]).toEqual(before);
  });

  it("imports a CSV atomically: one bad row stores nothing and lists each problem with its line", async () => {
    const trust = await actorFor(t.db, "group@moot.example");
    const grant = await arrangement("Hollin Valley befriending grant");
    const [k] = await kpisOf(grant.id);
    const before = [await count("provider_returns"), await count("return_kpi_values")];
    const bad = `period,kpi,value,unit\n2026-10,${k!.id},41,people\n2026-09,${k!.title},900,people\n2026-08,${k!.id},40,people\n2026-10,nonsense,4,people\n`;
    const refused = await importReturns(t.db, trust, { arrangementId: grant.id, csv: bad }, { today: TODAY });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.errors.file).toBe("3 rows have problems. Nothing was imported. Correct the file and import it again");
      expect(refused.problems.map((p) => p.line)).toEqual([3, 4, 5]);
      expect(refused.problems[0]!.reason).toMatch(/900 is out of range: “Older people befriended in the month” must be between 0 and 500 people/);
      expect(refused.problems[1]!.reason).toMatch(/August 2026 is closed/);
      expect(refused.problems[2]!.reason).toMatch(/no KPI “nonsense”/);
    }
    expect([await count("provider_returns"), await count("return_kpi_values")]).toEqual(before);
    const good = await importReturns(t.db, trust, { arrangementId: grant.id, csv: `period,kpi,value,unit\n2026-10,${k!.id},41,people\n` }, { today: TODAY });
    expect(good).toEqual({ ok: true, value: { rows: 1, periods: ["2026-10-01"] } });
    expect(await count("provider_returns")).toBe(before[0]! + 1);
  });

  it("refuses a CSV without the columns or with a period that is missing a due KPI", async () => {
    const trust = await actorFor(t.db, "group@moot.example");
    const day = await arrangement("Day services for older and disabled adults");
    const [attendance] = await kpisOf(day.id);
    expect(await importReturns(t.db, trust, { arrangementId: day.id, csv: "month,value\n2026-10,3\n" }, { today: TODAY })).toMatchObject({ ok: false, errors: { file: "The first row must name the columns period, kpi, value and unit. Missing: period, kpi, unit" } });
    // September is a quarter end: the quarterly KPI is due too — but September already has a return and is not rated, so it is replaced; leave out the quarterly one
    const r = await importReturns(t.db, trust, { arrangementId: day.id, csv: `period,kpi,value,unit\n2026-09,${attendance!.id},88,%\n` }, { today: TODAY });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.reason).toBe("the return for September 2026 has no value for “People who have as much social contact as they would like”");
  });
});

describe("the contract manager", () => {
  it("rates a period “concerns” (closing it), refuses deductions over the value, and opens one improvement plan at a time", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const day = await arrangement("Day services for older and disabled adults");
    expect(await ratePeriod(t.db, officer, { arrangementId: String(day.id), period: "2026-09", rating: "concerns", notes: "Attendance below target", deduction: "" }, { today: TODAY })).toEqual({ ok: true, value: null });
    const trust = await actorFor(t.db, "group@moot.example");
    const [attendance] = await kpisOf(day.id);
    expect(await submitReturn(t.db, trust, { arrangementId: String(day.id), period: "2026-09", [`kpi_${attendance!.id}`]: "90" }, { today: TODAY })).toMatchObject({ ok: false, errors: { period: expect.stringMatching(/closed/) } });
    expect(await ratePeriod(t.db, officer, { arrangementId: String(day.id), period: "2026-10", rating: "failing", deduction: "900,000" }, { today: TODAY })).toMatchObject({ ok: false, errors: { deduction: "Deductions would come to £900,000, more than the value of £840,000" } });
    expect(await ratePeriod(t.db, officer, { arrangementId: String(day.id), period: "2026-11", rating: "on_track" }, { today: TODAY })).toMatchObject({ ok: false, errors: { period: "November 2026 has not ended yet" } });
    expect(await ratePeriod(t.db, officer, { arrangementId: String(day.id), period: "2026-10", rating: "sideways" }, { today: TODAY })).toMatchObject({ ok: false, errors: { rating: "Select on track, concerns or failing" } });

    const plans = await count("improvement_plans");
    const noSteps = await openImprovementPlan(t.db, officer, { arrangementId: String(day.id), reason: "Attendance", openedOn: "2026-11-23", steps: [{ step: "", dueOn: "" }] });
    expect(noSteps).toMatchObject({ ok: false, errors: { steps: "Add at least one step with its due date" } });
    const early = await openImprovementPlan(t.db, officer, { arrangementId: String(day.id), reason: "Attendance", openedOn: "2026-11-23", steps: [{ step: "Call every absent person", dueOn: "2026-11-01" }] });
    expect(early).toMatchObject({ ok: false, errors: { "steps[0].dueOn": "A step cannot be due before the plan opens" } });
    const opened = await openImprovementPlan(t.db, officer, { arrangementId: String(day.id), reason: "Attendance below target", openedOn: "2026-11-23", steps: [{ step: "Call every absent person", dueOn: "2026-12-15" }, { step: "Review transport", dueOn: "2027-01-31" }] });
    expect(opened.ok).toBe(true);
    expect(await openImprovementPlan(t.db, officer, { arrangementId: String(day.id), reason: "Again", openedOn: "2026-11-23", steps: [{ step: "x", dueOn: "2026-12-01" }] })).toMatchObject({ ok: false, status: 409 });
    expect(await count("improvement_plans")).toBe(plans + 1);
    const page = (await arrangementPage(t.db, officer, day.id, { today: TODAY }))!;
    expect(page.ratings[0]).toMatchObject({ period: "2026-09-01", rating: "concerns" });
    expect(page.plans[0]!.steps.map((s) => s.step)).toEqual(["Call every absent person", "Review transport"]);
  });

  it("records payments but never over the contract value", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const grant = await arrangement("Hollin Valley befriending grant"); // £60,000, paid in full by the seed's four instalments
    const before = await count("arrangement_payments");
    const over = await recordPayment(t.db, officer, { arrangementId: String(grant.id), paidOn: "2026-11-20", amount: "0.01" });
    expect(over).toMatchObject({ ok: false, errors: { amount: "This payment would take payments to £60,000.01, over the value of £60,000. At most £0 is left to pay" } });
    expect(await recordPayment(t.db, officer, { arrangementId: String(grant.id), paidOn: "2026-11-20", amount: "ten pounds" })).toMatchObject({ ok: false, errors: { amount: "The amount must be an amount in pounds, like 12500 or 12,500.50" } });
    expect(await count("arrangement_payments")).toBe(before);
    const day = await arrangement("Day services for older and disabled adults");
    expect((await recordPayment(t.db, officer, { arrangementId: String(day.id), paidOn: "2026-11-20", amount: "1,000.50" })).ok).toBe(true);
    const last = await t.db.selectFrom("arrangement_payments").select("amount_pence").where("arrangement_id", "=", day.id).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(last.amount_pence).toBe(100_050);
  });

  it("is the only one who may manage: providers, residents and visitors are refused", async () => {
    const greenline = await actorFor(t.db, "provider@moot.example");
    const resident = await newResident(t.db);
    const waste = await arrangement("Household waste and recycling collection");
    for (const actor of [greenline, resident, VISITOR]) {
      expect(await ratePeriod(t.db, actor, { arrangementId: String(waste.id), period: "2026-10", rating: "on_track" }, { today: TODAY })).toMatchObject({ ok: false, status: 403 });
      expect(await recordPayment(t.db, actor, { arrangementId: String(waste.id), paidOn: "2026-11-20", amount: "5" })).toMatchObject({ ok: false, status: 403 });
    }
  });

  it("sets up a provider, its people and an arrangement from a review's option, checking the terms", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const created = await createProvider(t.db, officer, { name: "Riverside Minds CIC", kind: "mutual_or_social_enterprise", registration: "CIC 123" });
    expect(created.ok).toBe(true);
    const providerId = created.ok ? created.value.providerId : 0;
    expect(await createProvider(t.db, officer, { name: "Riverside Minds CIC", kind: "company" })).toMatchObject({ ok: false, status: 409 });
    const person = await newResident(t.db, "Provider Person");
    expect((await addProviderPerson(t.db, officer, { providerId: String(providerId), email: person.user!.email })).ok).toBe(true);
    expect((await actorFor(t.db, person.user!.email)).grants).toContainEqual({ role: "provider", scope: "provider", localityId: null, boardId: null, providerId });

    const review = await t.db.selectFrom("commissioning_reviews").select("id").where("service_area", "=", "Fuel poverty advice").executeTakeFirstOrThrow();
    const base = { title: "Fuel poverty outreach", kind: "contract", providerId: String(providerId), reviewId: String(review.id), value: "120,000", paymentModel: "fixed", startsOn: "2027-04-01", endsOn: "2029-03-31" };
    const before = await count("arrangements");
    expect(await createArrangement(t.db, officer, { ...base, reviewOption: "decommission" })).toMatchObject({ ok: false, errors: { reviewOption: "Select an option that review considered" } });
    expect(await createArrangement(t.db, officer, { ...base, paymentModel: "per_unit" })).toMatchObject({ ok: false, errors: { unitPrice: "Enter the price per unit" } });
    expect(await createArrangement(t.db, officer, { ...base, paymentModel: "payment_by_results", atRiskPercent: "150" })).toMatchObject({ ok: false, errors: { atRiskPercent: "The share at risk must be between 1% and 100%" } });
    expect(await createArrangement(t.db, officer, { ...base, kind: "grant" })).toMatchObject({ ok: false, errors: { approvalRoute: "Select how the grant was approved" } });
    expect(await createArrangement(t.db, officer, { ...base, endsOn: "2026-01-01" })).toMatchObject({ ok: false, errors: { endsOn: "The end date must be on or after the start date" } });
    expect(await createArrangement(t.db, officer, { ...base, kind: "in_house" })).toMatchObject({ ok: false, errors: { kind: "An in-house service agreement must be with an in-house team" } });
    expect(await count("arrangements")).toBe(before);
    const made = await createArrangement(t.db, officer, { ...base, reviewOption: "partnership", outcomeNodeIds: [] });
    expect(made.ok).toBe(true);
    const id = made.ok ? made.value.arrangementId : 0;
    expect(await addKpi(t.db, officer, { arrangementId: String(id), title: "Homes visited", unit: "homes", polarity: "higher_is_better", target: "500", minValue: "0", maxValue: "100", frequency: "monthly" })).toMatchObject({
      ok: false,
      errors: { target: "The target must be between the lowest and highest possible values", definition: "Link the KPI to an outcome measure, or define it" },
    });
    expect((await addKpi(t.db, officer, { arrangementId: String(id), title: "Homes visited", definition: "Homes given a visit", unit: "homes", polarity: "higher_is_better", target: "50", minValue: "0", maxValue: "100", frequency: "monthly" })).ok).toBe(true);
  });

  it("needs an equality impact assessment for an exit plan", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const day = await arrangement("Day services for older and disabled adults");
    const other = await t.db.selectFrom("evidence_items").select("id").where("type", "<>", "equality_impact_assessment").executeTakeFirstOrThrow();
    const eia = await t.db.selectFrom("evidence_items").select("id").where("type", "=", "equality_impact_assessment").executeTakeFirstOrThrow();
    const input = { arrangementId: String(day.id), peopleAffected: "120 people", transition: "Move to community hubs", communication: "Letters and meetings", exitOn: "2027-10-31", evaluationDueOn: "2028-04-30" };
    expect(await saveExitPlan(t.db, officer, { ...input, equalityAssessmentId: String(other.id) })).toMatchObject({ ok: false, errors: { equalityAssessmentId: "Select an equality impact assessment from the evidence library" } });
    expect(await saveExitPlan(t.db, officer, { ...input, equalityAssessmentId: String(eia.id) })).toEqual({ ok: true, value: null });
  });
});

describe("the golden thread and the market", () => {
  it("shows “Delivered by” on an outcome's page", async () => {
    const node = await t.db.selectFrom("outcome_nodes").select("id").where("title", "=", "Less loneliness and isolation").executeTakeFirstOrThrow();
    const page = (await outcomePage(t.db, VISITOR, node.id, null))!;
    const delivered = page.thread.find((s) => s.label === "Delivered by")!;
    expect(delivered.items.map((i) => i.title).sort()).toEqual(["Day services for older and disabled adults: Eastmere Community Trust", "Hollin Valley befriending grant: Eastmere Community Trust"]);
  });

  it("lists contracts ending in the next 18 months, without confidential values", async () => {
    const { rows } = await endingSoon(t.db, { today: TODAY });
    const titles = rows.map((r) => r.title);
    expect(titles).toContain("Household waste and recycling collection");
    expect(titles).not.toContain("Fuel poverty advice"); // ends in 2 years
    expect(rows.find((r) => r.title === "Household waste and recycling collection")!.value_gbp).toBeNull();
    expect(rows.find((r) => r.title === "Hollin Valley befriending grant")!.value_gbp).toBe(60_000);
  });

  it("keeps the provider role off the admin roles page (it is given from the provider's page)", async () => {
    const admin = await actorFor(t.db, "admin@moot.example");
    expect(await grantRole(t.db, admin, { email: "resident@moot.example", role: "provider", scope: "council" })).toMatchObject({ ok: false, errors: { role: expect.stringMatching(/provider’s page/) } });
  });
});
