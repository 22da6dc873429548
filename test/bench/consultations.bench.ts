/** Consultations: time to load the results page data for a consultation with 10,000 responses. */
import { sql } from "kysely";
import { getResults } from "../../app/modules/consultations/analysis.server";
import { percentile, printTable, time, withBenchDatabase } from "./support";

const RESPONSES = 10_000;

await withBenchDatabase(async ({ db }) => {
  const consultation = await db.selectFrom("consultations").select("id").where("status", "=", "results_published").executeTakeFirstOrThrow();
  const id = consultation.id;
  // Copy the seeded closed consultation's questionnaire pattern: one choice question, one free-text question.
  const questions = await db.selectFrom("consultation_questions").select(["id", "kind"]).where("consultation_id", "=", id).orderBy("position").execute();
  const choice = questions.find((q) => q.kind === "single_choice")!;
  const text = questions.find((q) => q.kind === "free_text")!;
  const options = await db.selectFrom("consultation_question_options").select("id").where("question_id", "=", choice.id).orderBy("position").execute();
  const localities = await db.selectFrom("localities").select("id").execute();
  const started = performance.now();
  await sql`
    WITH people AS (
      INSERT INTO users (email, display_name, password_hash, home_locality_id)
      SELECT 'bench-' || g || '@bench.example', 'Bench Person ' || g, 'x', (${sql.val(localities.map((l) => l.id))}::int[])[1 + g % ${localities.length}]
      FROM generate_series(1, ${RESPONSES}) g
      RETURNING id, home_locality_id
    ), responses AS (
      INSERT INTO consultation_responses (consultation_id, user_id, locality_id, reference, status, consent, submitted_at)
      SELECT ${id}, p.id, p.home_locality_id, 'BENCH-' || p.id, 'submitted',
        (ARRAY['named', 'anonymous', 'not_published']::consultation_publish_consent[])[1 + p.id % 3], now()
      FROM people p
      RETURNING id
    ), choice AS (
      INSERT INTO consultation_answers (response_id, question_id, option_ids)
      SELECT r.id, ${choice.id}, ARRAY[(${sql.val(options.map((o) => o.id))}::int[])[1 + r.id % ${options.length}]] FROM responses r
    )
    INSERT INTO consultation_answers (response_id, question_id, text_value)
    SELECT r.id, ${text.id}, 'Response ' || r.id || ': the market should be on a day when people who work can come.' FROM responses r
  `.execute(db);
  await sql`ANALYZE`.execute(db);
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
