import { describe, expect, it } from "vitest";
import { getEvidence, tagEvidence } from "../../app/modules/evidence/evidence.server";
import { EVIDENCE_COLUMNS, publicEvidenceRows, publicIndicatorRows, toCsv } from "../../app/modules/evidence/open-data.server";
import { VISITOR } from "../../app/modules/permissions/permissions";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });

describe("open data", () => {
  it("publishes public evidence only, and every indicator value", async () => {
    const rows = await publicEvidenceRows(t.db);
    const internal = await t.db.selectFrom("evidence_items").select("title").where("visibility", "=", "internal").execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const i of internal) expect(rows.map((r) => r.title)).not.toContain(i.title);
    const csv = toCsv(rows, EVIDENCE_COLUMNS);
    expect(csv.split("\n")[0]).toBe(EVIDENCE_COLUMNS.join(","));
    expect(csv).not.toMatch(/commercial in confidence/i);

    const values = await publicIndicatorRows(t.db);
    const count = Number((await t.db.selectFrom("indicator_values").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    expect(values).toHaveLength(count);
    expect(values[0]).toMatchObject({ unit: expect.any(String), period: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), value: expect.any(Number) });
    expect(values.some((v) => v.locality === "council-wide")).toBe(true);
  });
});

describe("retagging evidence", () => {
  it("replaces an item's outcome tags; only officers may", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const item = (await t.db.selectFrom("evidence_items").select("id").where("visibility", "=", "public").orderBy("id").executeTakeFirstOrThrow()).id;
    const nodes = await t.db.selectFrom("outcome_nodes").select("id").where("kind", "=", "outcome").orderBy("id").limit(2).execute();
    expect(await tagEvidence(t.db, officer, { evidenceId: item, outcomeNodeIds: nodes.map((n) => n.id) })).toEqual({ ok: true, value: null });
    expect((await getEvidence(t.db, VISITOR, item))!.outcomes.map((o) => o.id)).toEqual(nodes.map((n) => n.id));
    expect(await tagEvidence(t.db, officer, { evidenceId: item, outcomeNodeIds: [999999] })).toMatchObject({ ok: false, errors: { outcomeNodeIds: "Select outcomes from the list" } });
    expect(await tagEvidence(t.db, await newResident(t.db), { evidenceId: item, outcomeNodeIds: [] })).toMatchObject({ ok: false, status: 403 });
    expect((await getEvidence(t.db, VISITOR, item))!.outcomes).toHaveLength(2);
  });
});
