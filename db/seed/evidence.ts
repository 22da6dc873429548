/**
 * Demo data for evidence and outcomes: units, polarity, baselines and targets for every seeded
 * measure; five years of indicator values per locality (and council-wide) for the council plan's
 * measures; evidence of every type (some internal); a commissioning review at each stage.
 * Deterministic (no randomness) and idempotent (each part is skipped when already present).
 */
import type { Database } from "../client";
import type { CommissioningStage, EvidenceConfidence, EvidenceType, MeasurePolarity } from "../tables/evidence";
import type { SeedContext } from "./context";

const MEASURES: Record<string, { unit: string; polarity: MeasurePolarity; baseline: number; target: number; slope: number }> = {
  "Employment rate, people aged 16 to 64": { unit: "%", polarity: "higher_is_better", baseline: 73.1, target: 77, slope: 0.6 },
  "Median weekly pay of residents": { unit: "£", polarity: "higher_is_better", baseline: 560, target: 650, slope: 18 },
  "Households in fuel poverty": { unit: "%", polarity: "lower_is_better", baseline: 13.4, target: 10, slope: -0.4 },
  "Healthy life expectancy at birth": { unit: "years", polarity: "higher_is_better", baseline: 62.1, target: 64, slope: 0.2 },
  "Adults reporting high anxiety": { unit: "%", polarity: "lower_is_better", baseline: 23.5, target: 20, slope: 0.3 },
  "Residents who feel safe outside after dark": { unit: "%", polarity: "higher_is_better", baseline: 68, target: 75, slope: 0.9 },
  "Children with a good level of development at age 5": { unit: "%", polarity: "higher_is_better", baseline: 64.5, target: 70, slope: 0.7 },
  "Carbon dioxide emissions per resident": { unit: "tonnes", polarity: "lower_is_better", baseline: 5.6, target: 4, slope: -0.25 },
  "Household waste sent for reuse, recycling or composting": { unit: "%", polarity: "higher_is_better", baseline: 41, target: 50, slope: 1.1 },
  "Residents satisfied with the way the council runs things": { unit: "%", polarity: "higher_is_better", baseline: 58, target: 65, slope: -0.5 },
  "Council tax collected in year": { unit: "%", polarity: "higher_is_better", baseline: 96.2, target: 97.5, slope: 0.15 },
};

/** Each locality sits a fixed distance from the council-wide figure, and moves a little faster or slower. */
const LOCALITY_SHAPE: Record<string, { offset: number; pace: number }> = {
  northgate: { offset: 0.04, pace: 1.2 },
  riverside: { offset: -0.07, pace: 0.8 },
  eastmere: { offset: -0.02, pace: 1.0 },
  "hollin-valley": { offset: 0.05, pace: 0.6 },
};
export const SEED_YEARS = [2021, 2022, 2023, 2024, 2025];

const round = (v: number) => Math.round(v * 10) / 10;

interface SeedEvidence {
  title: string;
  type: EvidenceType;
  summary: string;
  source: [string, string];
  period: [string, string];
  locality: string | null;
  stage: CommissioningStage;
  confidence: EvidenceConfidence;
  visibility: "public" | "internal";
  outcomes: string[];
}

export const SEED_EVIDENCE: SeedEvidence[] = [
  { title: "Annual Population Survey: employment in Fenwold", type: "statistic", summary: "Employment rate for residents aged 16 to 64 by locality, with the national comparison.", source: ["Office for National Statistics", "https://www.nomisweb.co.uk/"], period: ["2025-01-01", "2025-12-31"], locality: null, stage: "analyse", confidence: "strong", visibility: "public", outcomes: ["Your money", "Employment rate, people aged 16 to 64"] },
  { title: "Joint strategic needs assessment: mental wellbeing", type: "needs_assessment", summary: "Anxiety and loneliness are highest among young adults in Riverside; demand for low-level support outstrips supply.", source: ["Fenwold Health and Wellbeing Board", "https://fenwold.example/jsna/mental-wellbeing"], period: ["2025-04-01", "2025-04-01"], locality: "riverside", stage: "analyse", confidence: "strong", visibility: "public", outcomes: ["Your health", "Good mental wellbeing"] },
  { title: "Waste collection contract performance, quarter 2", type: "performance_data", summary: "Missed bins per 100,000 collections and recycling contamination rates by round.", source: ["Fenwold District Council waste services", "https://fenwold.example/performance/waste-q2"], period: ["2025-07-01", "2025-09-30"], locality: null, stage: "do", confidence: "moderate", visibility: "public", outcomes: ["Your environment", "Clean streets and less waste"] },
  { title: "Listening events with older residents in Hollin Valley", type: "lived_experience", summary: "Older residents describe buses too infrequent to reach appointments, and the village hall as their lifeline.", source: ["Hollin Valley Community Partnership", "https://hollinvalley.example/listening-2025"], period: ["2025-05-12", "2025-06-20"], locality: "hollin-valley", stage: "analyse", confidence: "moderate", visibility: "public", outcomes: ["Later life", "Less loneliness and isolation"] },
  { title: "What works in reducing fuel poverty: evidence review", type: "research", summary: "Targeted retrofit and income maximisation advice have the strongest evidence; blanket grants the weakest.", source: ["University of Fenwold", "https://fenwold.example/research/fuel-poverty-review"], period: ["2024-09-01", "2024-09-01"], locality: null, stage: "plan", confidence: "strong", visibility: "public", outcomes: ["Your money", "Help with the cost of living"] },
  { title: "Riverside park consultation: what residents told us", type: "consultation_finding", summary: "412 responses: most want better lighting on the riverside path and more seating; a third feel unsafe after dark.", source: ["Fenwold District Council", "https://fenwold.example/consultations/riverside-park/results"], period: ["2025-03-01", "2025-04-30"], locality: "riverside", stage: "analyse", confidence: "moderate", visibility: "public", outcomes: ["Your life", "Safe and connected communities"] },
  { title: "Medium-term financial plan: community services budget", type: "financial", summary: "Draft savings options for community services, including unit costs by provider. Not yet published.", source: ["Fenwold District Council finance", "https://fenwold.example/internal/mtfp-2026"], period: ["2026-04-01", "2027-03-31"], locality: null, stage: "plan", confidence: "moderate", visibility: "internal", outcomes: ["A well-run council", "Financially sustainable"] },
  { title: "Equality impact assessment: day services redesign", type: "equality_impact_assessment", summary: "Assessment of how the day services options affect disabled and older residents and carers.", source: ["Fenwold District Council adult services", "https://fenwold.example/eia/day-services"], period: ["2025-08-01", "2025-08-01"], locality: null, stage: "plan", confidence: "strong", visibility: "public", outcomes: ["Later life", "Economy and independence"] },
  { title: "Provider quarterly return: home care hours delivered (commercial in confidence)", type: "performance_data", summary: "Hours commissioned against hours delivered by provider, with staffing vacancy rates.", source: ["Fenwold District Council commissioning", "https://fenwold.example/internal/home-care-returns"], period: ["2025-07-01", "2025-09-30"], locality: "northgate", stage: "review", confidence: "strong", visibility: "internal", outcomes: ["Later life", "Ageing well at home"] },
  { title: "Northgate community safety survey", type: "statistic", summary: "Share of residents who feel safe outside after dark, by ward.", source: ["Fenwold Community Safety Partnership", "https://fenwold.example/safety-survey-2025"], period: ["2025-02-01", "2025-03-31"], locality: "northgate", stage: "review", confidence: "moderate", visibility: "public", outcomes: ["Your life", "Residents who feel safe outside after dark"] },
];

interface SeedReview {
  serviceArea: string;
  locality: string | null;
  stage: CommissioningStage;
  needs: string;
  outcomes: string[];
  options: ("internal" | "external" | "partnership" | "co_production" | "influence" | "decommission")[];
  chosen: "internal" | "external" | "partnership" | "co_production" | "influence" | "decommission" | null;
  rationale: string;
  consultation: string;
  delivery: string;
  performance: string;
  reviewDate: string | null;
  risks: { risk: string; likelihood: "low" | "medium" | "high"; impact: "low" | "medium" | "high"; mitigation: string; owner: string }[];
  evidence: Partial<Record<CommissioningStage, string[]>>;
}

export const SEED_REVIEWS: SeedReview[] = [
  { serviceArea: "Low-level mental wellbeing support", locality: "riverside", stage: "analyse", needs: "Demand for low-level support has doubled since 2021; young adults in Riverside report the highest anxiety.", outcomes: [], options: [], chosen: null, rationale: "", consultation: "", delivery: "", performance: "", reviewDate: null, risks: [], evidence: { analyse: ["Joint strategic needs assessment: mental wellbeing"] } },
  { serviceArea: "Fuel poverty advice", locality: null, stage: "plan", needs: "One household in eight is in fuel poverty; advice reaches few private renters.", outcomes: ["Help with the cost of living", "Households in fuel poverty"], options: ["internal", "partnership", "co_production"], chosen: "partnership", rationale: "The research favours targeted advice; the advice charities reach private renters the council does not.", consultation: "", delivery: "", performance: "", reviewDate: null, risks: [{ risk: "Partner capacity falls short in winter", likelihood: "medium", impact: "high", mitigation: "Surge funding agreed in advance", owner: "Head of housing" }], evidence: { analyse: ["Annual Population Survey: employment in Fenwold"], plan: ["What works in reducing fuel poverty: evidence review"] } },
  { serviceArea: "Day services for older and disabled adults", locality: null, stage: "do", needs: "Attendance at the two council day centres has fallen; people want support closer to home.", outcomes: ["Later life", "Less loneliness and isolation"], options: ["internal", "external", "co_production", "decommission"], chosen: "co_production", rationale: "People who use the service and carers designed community hubs with us; decommissioning was rejected after consultation.", consultation: "https://fenwold.example/consultations/day-services", delivery: "Four community hubs run with the Hollin Valley Community Partnership and user-led groups, from April 2026.", performance: "", reviewDate: null, risks: [{ risk: "Transport to hubs is unreliable in rural areas", likelihood: "high", impact: "medium", mitigation: "Community transport grant", owner: "Commissioning manager, adults" }], evidence: { analyse: ["Listening events with older residents in Hollin Valley"], plan: ["Equality impact assessment: day services redesign", "Medium-term financial plan: community services budget"], do: ["Listening events with older residents in Hollin Valley"] } },
  { serviceArea: "Household waste and recycling collection", locality: null, stage: "review", needs: "Recycling has plateaued below the national rate; contamination is high in flats.", outcomes: ["Clean streets and less waste", "Household waste sent for reuse, recycling or composting"], options: ["internal", "external"], chosen: "external", rationale: "The market offered better vehicles and a guaranteed recycling rate.", consultation: "", delivery: "Seven-year contract with a waste company, with a recycling rate target and service credits.", performance: "Recycling is up five points since 2021 but still short of the 50% target; missed bins fell by a third.", reviewDate: "2026-09-30", risks: [{ risk: "Contractor misses the recycling target", likelihood: "medium", impact: "medium", mitigation: "Service credits and a joint improvement plan", owner: "Head of environment" }], evidence: { analyse: ["Waste collection contract performance, quarter 2"], plan: ["Waste collection contract performance, quarter 2"], do: ["Waste collection contract performance, quarter 2"], review: ["Waste collection contract performance, quarter 2"] } },
];

export async function seedEvidence(db: Database, _context: SeedContext): Promise<void> {
  const nodes = await db.selectFrom("outcome_nodes").select(["id", "title", "kind"]).execute();
  const nodeId = (title: string) => {
    const n = nodes.find((x) => x.title === title);
    if (!n) throw new Error(`Seed: no outcome node titled “${title}”`);
    return n.id;
  };
  const localities = new Map((await db.selectFrom("localities").select(["id", "slug"]).execute()).map((l) => [l.slug, l.id]));
  const officer = await db.selectFrom("users").select("id").where("email", "=", "officer@moot.example").executeTakeFirst();

  // Every measure gets a unit and polarity; the council plan's get real-looking baselines and targets.
  for (const n of nodes.filter((x) => x.kind === "measure")) {
    const m = MEASURES[n.title];
    await db
      .insertInto("outcome_measures")
      .values({ node_id: n.id, unit: m?.unit ?? "%", polarity: m?.polarity ?? "higher_is_better", baseline: m?.baseline ?? null, target: m?.target ?? null })
      .onConflict((oc) => oc.column("node_id").doNothing())
      .execute();
  }

  const hasValues = await db.selectFrom("indicator_values").select("id").executeTakeFirst();
  if (!hasValues) {
    const rows = [];
    for (const [title, m] of Object.entries(MEASURES)) {
      const id = nodeId(title);
      for (const [y, year] of SEED_YEARS.entries()) {
        const council = m.baseline + m.slope * y;
        rows.push({ measure_node_id: id, locality_id: null, period: `${year}-01-01`, value: round(council) });
        for (const [slug, shape] of Object.entries(LOCALITY_SHAPE)) {
          const value = council * (1 + shape.offset) + m.slope * y * (shape.pace - 1);
          rows.push({ measure_node_id: id, locality_id: localities.get(slug)!, period: `${year}-01-01`, value: round(value) });
        }
      }
    }
    await db.insertInto("indicator_values").values(rows).execute();
  }

  const hasEvidence = await db.selectFrom("evidence_items").select("id").executeTakeFirst();
  if (hasEvidence) return;
  const evidenceIds = new Map<string, number>();
  for (const e of SEED_EVIDENCE) {
    const row = await db
      .insertInto("evidence_items")
      .values({
        title: e.title,
        type: e.type,
        summary: e.summary,
        source_organisation: e.source[0],
        source_url: e.source[1],
        period_start: e.period[0],
        period_end: e.period[1],
        locality_id: e.locality ? localities.get(e.locality)! : null,
        stage: e.stage,
        confidence: e.confidence,
        visibility: e.visibility,
        created_by: officer?.id ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    evidenceIds.set(e.title, row.id);
    await db.insertInto("evidence_item_outcomes").values(e.outcomes.map((t) => ({ evidence_item_id: row.id, outcome_node_id: nodeId(t) }))).execute();
  }

  for (const r of SEED_REVIEWS) {
    const row = await db
      .insertInto("commissioning_reviews")
      .values({
        service_area: r.serviceArea,
        locality_id: r.locality ? localities.get(r.locality)! : null,
        stage: r.stage,
        needs_summary: r.needs,
        chosen_option: r.chosen,
        rationale: r.rationale,
        decommission_consultation: r.consultation,
        delivery_arrangement: r.delivery,
        performance_summary: r.performance,
        review_date: r.reviewDate,
        created_by: officer?.id ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (r.options.length) await db.insertInto("commissioning_review_options").values(r.options.map((option) => ({ review_id: row.id, option }))).execute();
    if (r.outcomes.length) {
      await db.insertInto("outcome_links").values(r.outcomes.map((t) => ({ citing_kind: "commissioning_review" as const, citing_id: row.id, outcome_node_id: nodeId(t) }))).execute();
    }
    if (r.risks.length) await db.insertInto("commissioning_review_risks").values(r.risks.map((k) => ({ review_id: row.id, ...k }))).execute();
    for (const [stage, titles] of Object.entries(r.evidence)) {
      await db
        .insertInto("evidence_citations")
        .values(titles.map((t) => ({ citing_kind: "commissioning_review" as const, citing_id: row.id, evidence_item_id: evidenceIds.get(t)!, context: stage })))
        .execute();
    }
  }
}
