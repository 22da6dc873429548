/**
 * Evidence: time to render a locality dashboard with 20 measures × 5 years × 4 localities
 * (plus council-wide for comparison): load the data, then build every measure's SVG chart and
 * data table (React server rendering, as the page does).
 */
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { localityDashboard } from "../../app/modules/evidence/dashboard.server";
import { LineChart } from "../../app/modules/evidence/components/LineChart";
import { VISITOR } from "../../app/modules/permissions/permissions";
import { percentile, printTable, time, withBenchDatabase } from "./support";

const MEASURES = 20;
const YEARS = [2021, 2022, 2023, 2024, 2025];

await withBenchDatabase(async ({ db }) => {
  // Only the benchmark framework is current: 4 outcomes × 5 measures, each with a full series.
  await db.updateTable("outcome_nodes").set({ retired_at: new Date() }).execute();
  const framework = await db.insertInto("outcome_frameworks").values({ slug: "bench", name: "Bench outcomes", description: "", source: "" }).returning("id").executeTakeFirstOrThrow();
  const localities = await db.selectFrom("localities").select(["id", "name"]).orderBy("id").execute();
  const values = [];
  for (let o = 0; o < MEASURES / 5; o++) {
    const outcome = await db.insertInto("outcome_nodes").values({ framework_id: framework.id, parent_id: null, kind: "outcome", title: `Bench outcome ${o + 1}`, description: "", position: o }).returning("id").executeTakeFirstOrThrow();
    const priority = await db.insertInto("outcome_nodes").values({ framework_id: framework.id, parent_id: outcome.id, kind: "priority", title: `Bench priority ${o + 1}`, description: "", position: 0 }).returning("id").executeTakeFirstOrThrow();
    for (let m = 0; m < 5; m++) {
      const measure = await db.insertInto("outcome_nodes").values({ framework_id: framework.id, parent_id: priority.id, kind: "measure", title: `Bench measure ${o * 5 + m + 1}`, description: "", position: m }).returning("id").executeTakeFirstOrThrow();
      await db.insertInto("outcome_measures").values({ node_id: measure.id, unit: "%", polarity: m % 2 ? "lower_is_better" : "higher_is_better", baseline: 50, target: 60 }).execute();
      for (const [y, year] of YEARS.entries()) {
        values.push({ measure_node_id: measure.id, locality_id: null, period: `${year}-01-01`, value: 50 + y + m });
        for (const [i, l] of localities.entries()) values.push({ measure_node_id: measure.id, locality_id: l.id, period: `${year}-01-01`, value: 48 + y * (1 + i / 10) + m });
      }
    }
  }
  await db.insertInto("indicator_values").values(values).execute();
  const locality = localities[0]!;

  const load = () => localityDashboard(db, VISITOR, locality);
  const dashboard = await load();
  const measures = dashboard.frameworks.flatMap((f) => f.outcomes.flatMap((o) => o.measures));
  if (measures.length !== MEASURES || measures.some((m) => m.chart.main.points.length !== YEARS.length)) throw new Error(`expected ${MEASURES} measures with ${YEARS.length} values each`);
  const render = (d: Awaited<ReturnType<typeof load>>) =>
    renderToString(createElement("div", null, ...d.frameworks.flatMap((f) => f.outcomes.flatMap((o) => o.measures.map((m) => createElement(LineChart, { key: m.id, data: m.chart, headingLevel: 4 }))))));
  const html = render(dashboard);

  const rows = [];
  for (const [name, fn] of [
    ["load dashboard data (20 measures, 4 localities + council-wide)", load],
    ["build 20 SVG charts + data tables", async () => render(dashboard)],
    ["load + build (whole dashboard)", async () => render(await load())],
  ] as const) {
    const samples = await time(fn, 50, 5);
    rows.push({ operation: name, "p50 ms": percentile(samples, 50).toFixed(2), "p95 ms": percentile(samples, 95).toFixed(2), "p99 ms": percentile(samples, 99).toFixed(2) });
  }
  printTable(`Locality dashboard: ${MEASURES} measures × ${YEARS.length} years × ${localities.length} localities (${values.length} values, ${Math.round(html.length / 1024)} KB of chart HTML; 50 runs each)`, rows);
});
