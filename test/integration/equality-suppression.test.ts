/**
 * Equality monitoring on the seeded consultation: no hidden count can be worked out from the
 * table's total and its other counts (GSS/ONS secondary suppression).
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { equalityAggregate, SUPPRESS_BELOW } from "../../app/modules/consultations/analysis.server";
import { EQUALITY_QUESTIONS, type EqualityField } from "../../app/modules/consultations/schema";
import { actorFor } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });

async function realCounts(consultationId: number, field: EqualityField): Promise<Map<string, number>> {
  const column = EQUALITY_QUESTIONS[field].column;
  const rows = await t.db
    .selectFrom("consultation_equality as e")
    .innerJoin("consultation_responses as r", "r.id", "e.response_id")
    .select([sql<string>`coalesce(${sql.ref(`e.${column}`)}, 'Not answered')`.as("answer"), (eb) => eb.fn.countAll<number>().as("n")])
    .where("e.consultation_id", "=", consultationId)
    .where("r.status", "=", "submitted")
    .groupBy(sql.ref(`e.${column}`))
    .execute();
  return new Map(rows.map((r) => [r.answer, Number(r.n)]));
}

describe("equality monitoring on the seeded data", () => {
  it("hides every small count, and enough others that none can be worked out from the total", async () => {
    const analyst = await actorFor(t.db, "analyst@moot.example");
    const seeded = await t.db.selectFrom("consultation_equality").select("consultation_id").distinct().execute();
    expect(seeded.length).toBeGreaterThan(0);
    let hiddenSeen = 0;
    for (const { consultation_id: id } of seeded) {
      const agg = await equalityAggregate(t.db, analyst, id);
      if (!agg.ok) throw new Error(JSON.stringify(agg.errors));
      const total = agg.value.respondents;
      for (const b of agg.value.breakdowns) {
        const real = await realCounts(id, b.field);
        const realTotal = [...real.values()].reduce((s, v) => s + v, 0);
        const hidden = b.rows.filter((r) => r.count === null).map((r) => real.get(r.answer) ?? 0);
        hiddenSeen += hidden.length;
        for (const r of b.rows) {
          if (r.count !== null) {
            expect(r.count, `${b.field} ${r.answer}`).toBe(real.get(r.answer) ?? 0);
            expect(r.count > 0 && r.count < SUPPRESS_BELOW, `${b.field} ${r.answer} is small and shown`).toBe(false);
          }
        }
        if (total === null) continue; // under 5 in all: every count is hidden
        expect(total).toBe(realTotal);
        // Not exactly one hidden (total − the others would give it), and the hidden ones add up to
        // at least 5 (otherwise, zeros being shown, they could be pinned down).
        expect(hidden.length === 0 || hidden.length >= 2, `${b.field}: ${JSON.stringify(b.rows)}`).toBe(true);
        if (hidden.length) expect(hidden.reduce((s, v) => s + v, 0)).toBeGreaterThanOrEqual(SUPPRESS_BELOW);
      }
    }
    expect(hiddenSeen).toBeGreaterThan(0); // the seeded data does exercise suppression
  });

  it("the seeded market-day consultation: 5 aged 35 to 44 and 2 aged 65 to 74 are both hidden", async () => {
    const analyst = await actorFor(t.db, "analyst@moot.example");
    const closed = await t.db.selectFrom("consultations").select("id").where("title", "=", "Northgate market day: moving to Saturdays").executeTakeFirstOrThrow();
    const agg = await equalityAggregate(t.db, analyst, closed.id);
    if (!agg.ok) throw new Error("agg");
    expect(agg.value.respondents).toBe(7);
    const age = agg.value.breakdowns.find((b) => b.field === "ageBand")!;
    expect(age.rows.filter((r) => r.count !== 0)).toEqual([
      { answer: "35 to 44", count: null },
      { answer: "65 to 74", count: null },
    ]);
    const disability = agg.value.breakdowns.find((b) => b.field === "disability")!;
    expect(disability.rows.find((r) => r.answer === "Prefer not to say")!.count).toBe(7);
  });
});
