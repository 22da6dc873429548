/**
 * The officer analysis reads all its aggregates in one statement (readAggregates): it must give
 * exactly what the seven separate statements it replaced gave (kept here as the reference), on
 * the seeded consultations and on one with hundreds of generated responses across localities.
 */
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { readAggregates } from "../../app/modules/consultations/analysis.server";
import type { Database } from "../../db/client";
import { addBenchResponses } from "../bench/support";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });

/** The seven statements as they were before (app/modules/consultations/analysis.server.ts, round 3). */
async function sevenStatements(db: Database, consultationId: number) {
  const submitted = sql`r.consultation_id = ${consultationId} AND r.status = 'submitted'`;
  const [answered, options, scale, ranks, numbers, localities, total] = await Promise.all([
    sql`SELECT a.question_id, coalesce(r.locality_id, 0) AS locality_id, count(*)::int AS n
      FROM consultation_answers a JOIN consultation_responses r ON r.id = a.response_id WHERE ${submitted} GROUP BY 1, 2`.execute(db),
    sql`SELECT a.question_id, o.option_id, coalesce(r.locality_id, 0) AS locality_id, count(*)::int AS n
      FROM consultation_answers a JOIN consultation_responses r ON r.id = a.response_id
      JOIN consultation_questions q ON q.id = a.question_id AND q.kind IN ('single_choice', 'multiple_choice')
      CROSS JOIN LATERAL unnest(a.option_ids) AS o(option_id) WHERE ${submitted} GROUP BY 1, 2, 3`.execute(db),
    sql`SELECT a.question_id, a.number_value::int AS value, coalesce(r.locality_id, 0) AS locality_id, count(*)::int AS n
      FROM consultation_answers a JOIN consultation_responses r ON r.id = a.response_id
      JOIN consultation_questions q ON q.id = a.question_id AND q.kind = 'agree_scale' WHERE ${submitted} GROUP BY 1, 2, 3`.execute(db),
    sql`SELECT a.question_id, o.option_id, avg(o.ord)::float AS mean_rank, count(*) FILTER (WHERE o.ord = 1)::int AS firsts
      FROM consultation_answers a JOIN consultation_responses r ON r.id = a.response_id
      JOIN consultation_questions q ON q.id = a.question_id AND q.kind = 'ranking'
      CROSS JOIN LATERAL unnest(a.option_ids) WITH ORDINALITY AS o(option_id, ord) WHERE ${submitted} GROUP BY 1, 2`.execute(db),
    sql`SELECT a.question_id, avg(a.number_value)::float AS mean, min(a.number_value)::float AS min, max(a.number_value)::float AS max
      FROM consultation_answers a JOIN consultation_responses r ON r.id = a.response_id
      JOIN consultation_questions q ON q.id = a.question_id AND q.kind = 'number' WHERE ${submitted} GROUP BY 1`.execute(db),
    sql`SELECT coalesce(l.id, 0) AS id, coalesce(l.name, 'Not known') AS name, count(*)::int AS n
      FROM consultation_responses r LEFT JOIN localities l ON l.id = r.locality_id WHERE ${submitted} GROUP BY 1, 2 ORDER BY 2`.execute(db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM consultation_responses r WHERE ${submitted}`.execute(db),
  ]);
  return { answered: answered.rows, options: options.rows, scale: scale.rows, ranks: ranks.rows, numbers: numbers.rows, localities: localities.rows, total: total.rows[0]?.n ?? 0 };
}

const unordered = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();

async function expectSame(consultationId: number) {
  const [one, seven] = await Promise.all([readAggregates(t.db, consultationId), sevenStatements(t.db, consultationId)]);
  for (const key of ["answered", "options", "scale", "ranks", "numbers"] as const) expect(unordered(one[key]), key).toEqual(unordered(seven[key]));
  expect(one.localities).toEqual(seven.localities); // in name order
  expect(one.total).toBe(seven.total);
  return one;
}

let big: number;
beforeAll(async () => {
  big = (await t.db.selectFrom("consultations").select("id").where("status", "=", "results_published").executeTakeFirstOrThrow()).id;
  await addBenchResponses(t.db, big, 400);
  // Questions of the other kinds the analysis aggregates, answered by every submitted response.
  const section = await t.db.selectFrom("consultation_sections").select("id").where("consultation_id", "=", big).orderBy("position").executeTakeFirstOrThrow();
  const added = await t.db
    .insertInto("consultation_questions")
    .values((["agree_scale", "number", "ranking"] as const).map((kind, i) => ({ consultation_id: big, section_id: section.id, position: 100 + i, kind, prompt: `A ${kind} question` })))
    .returning(["id", "kind"])
    .execute();
  const ranking = added.find((q) => q.kind === "ranking")!;
  const options = await t.db.insertInto("consultation_question_options").values(["A", "B", "C"].map((label, position) => ({ question_id: ranking.id, position, label }))).returning("id").execute();
  const responses = await t.db.selectFrom("consultation_responses").select("id").where("consultation_id", "=", big).where("status", "=", "submitted").orderBy("id").execute();
  await t.db
    .insertInto("consultation_answers")
    .values(
      responses.flatMap((r, i) => [
        { response_id: r.id, question_id: added[0]!.id, number_value: String((i % 5) + 1) },
        { response_id: r.id, question_id: added[1]!.id, number_value: String((i * 7) % 23) + ".5" },
        { response_id: r.id, question_id: ranking.id, option_ids: i % 2 ? options.map((o) => o.id) : options.map((o) => o.id).reverse() },
      ]),
    )
    .execute();
});

describe("the analysis aggregates in one statement", () => {
  it("equal the seven statements on every seeded consultation", async () => {
    const consultations = await t.db.selectFrom("consultations").select("id").execute();
    const seen = new Set<string>();
    for (const { id } of consultations) {
      const one = await expectSame(id);
      for (const key of ["answered", "options", "scale", "ranks", "numbers"] as const) if (one[key].length) seen.add(key);
    }
    console.log(`aggregates with rows in the seed: ${[...seen].join(", ")}`);
    expect(seen.has("answered") && seen.has("options")).toBe(true);
    expect(await expectSame(999_999)).toMatchObject({ total: 0, answered: [], localities: [] });
  });

  it("equal them on a consultation with hundreds of responses across localities, of every question kind", async () => {
    const one = await expectSame(big);
    expect(one.total).toBeGreaterThanOrEqual(400);
    expect(one.localities.length).toBeGreaterThan(1);
    for (const key of ["answered", "options", "scale", "ranks", "numbers"] as const) expect(one[key].length, `${key} has rows`).toBeGreaterThan(0);
  });
});
