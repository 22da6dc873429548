/** Consultations: time to load the results page data for a consultation with 10,000 responses. */
import { getResults } from "../../app/modules/consultations/analysis.server";
import { addBenchResponses, percentile, printTable, time, withBenchDatabase } from "./support";

const RESPONSES = 10_000;

await withBenchDatabase(async ({ db }) => {
  const consultation = await db.selectFrom("consultations").select("id").where("status", "=", "results_published").executeTakeFirstOrThrow();
  const id = consultation.id;
  const started = performance.now();
  await addBenchResponses(db, id, RESPONSES);
  console.log(`Inserted ${RESPONSES} responses in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const rows = [];
  for (const [name, fn] of [
    ["results page, first page of published responses", () => getResults(db, id, { page: 1 })],
    ["results page, page 100 of published responses", () => getResults(db, id, { page: 100 })],
  ] as const) {
    const samples = await time(fn, 30, 3);
    rows.push({ operation: name, "p50 ms": percentile(samples, 50).toFixed(1), "p95 ms": percentile(samples, 95).toFixed(1), "max ms": samples.at(-1)!.toFixed(1) });
  }
  const check = await getResults(db, id);
  if (!check.ok || check.value.total < RESPONSES) throw new Error("results did not count the bench responses");
  printTable(`Consultation results page data with ${check.value.total} responses (30 runs each)`, rows);
});
