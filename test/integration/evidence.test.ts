import { describe, expect, it } from "vitest";
import { VISITOR } from "../../app/modules/permissions/permissions";
import { addNode, deleteNode, moveNode, retireNode, setMeasure, editNode } from "../../app/modules/outcomes/framework.server";
import { listFrameworkTrees } from "../../app/modules/outcomes/outcomes.server";
import { addConsultationFinding, citedEvidence, cite, createEvidence, evidenceForOutcomes, getEvidence, searchEvidence } from "../../app/modules/evidence/evidence.server";
import { importIndicatorValues, MAX_CSV_BYTES } from "../../app/modules/evidence/indicators.server";
import { localityDashboard, outcomePage } from "../../app/modules/evidence/dashboard.server";
import { THREAD_PROVIDERS, threadFor, type ThreadProvider } from "../../app/modules/evidence/thread.server";
import { byOutcome, outcomeGroups } from "../../app/modules/evidence/thread-groups.server";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { evidenceInput } from "../support/evidence";

const t = useTestDatabase({ seeded: true });

const node = async (title: string) => (await t.db.selectFrom("outcome_nodes").select("id").where("title", "=", title).executeTakeFirstOrThrow()).id;
const locality = async (slug: string) => (await t.db.selectFrom("localities").select(["id", "name"]).where("slug", "=", slug).executeTakeFirstOrThrow());
const count = async (table: "indicator_values" | "evidence_items") => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

describe("outcome framework editing", () => {
  it("adds, renames, reorders and sets a measure's unit, polarity, baseline and target", async () => {
    const admin = await actorFor(t.db, "admin@moot.example");
    const framework = (await t.db.selectFrom("outcome_frameworks").select("id").where("slug", "=", "council-plan").executeTakeFirstOrThrow()).id;
    const outcome = await addNode(t.db, admin, { frameworkId: String(framework), title: "Your transport" });
    expect(outcome.ok).toBe(true);
    const outcomeId = outcome.ok ? outcome.value.nodeId : 0;
    const priority = await addNode(t.db, admin, { frameworkId: String(framework), parentId: String(outcomeId), title: "Buses that run" });
    const priorityId = priority.ok ? priority.value.nodeId : 0;
    const measure = await addNode(t.db, admin, { frameworkId: String(framework), parentId: String(priorityId), title: "Bus journeys per head" });
    expect(measure.ok).toBe(true);
    const measureId = measure.ok ? measure.value.nodeId : 0;
    expect(await addNode(t.db, admin, { frameworkId: String(framework), parentId: String(measureId), title: "Too deep" })).toMatchObject({ ok: false, errors: { _form: "A measure cannot have anything under it" } });
    expect(await setMeasure(t.db, admin, { nodeId: String(measureId), unit: "journeys", polarity: "higher_is_better", baseline: "31.5", target: "40" })).toEqual({ ok: true, value: null });
    expect(await setMeasure(t.db, admin, { nodeId: String(measureId), unit: "", polarity: "sideways", baseline: "lots", target: "" })).toMatchObject({
      ok: false,
      errors: { unit: "Enter the unit, like % or £ or people", polarity: "Select whether higher or lower is better", baseline: "Baseline must be a number, like 42.5" },
    });
    const m = await t.db.selectFrom("outcome_measures").selectAll().where("node_id", "=", measureId).executeTakeFirstOrThrow();
    expect(m).toMatchObject({ unit: "journeys", polarity: "higher_is_better", baseline: 31.5, target: 40 });

    expect((await editNode(t.db, admin, { nodeId: String(outcomeId), title: "Getting around", description: "" })).ok).toBe(true);
    expect((await moveNode(t.db, admin, { nodeId: String(outcomeId), direction: "up" })).ok).toBe(true);
    const tree = (await listFrameworkTrees(t.db)).find((f) => f.id === framework)!;
    expect(tree.outcomes.map((o) => o.title).slice(-2)).toEqual(["Getting around", "Your council"]);
  });

  it("refuses people who are not admins", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    expect(await addNode(t.db, officer, { frameworkId: "1", title: "Sneaky" })).toMatchObject({ ok: false, status: 403 });
  });

  it("retires a node in use and refuses to delete it with a clear message; deletes an unused leaf", async () => {
    const admin = await actorFor(t.db, "admin@moot.example");
    const id = await node("Your health");
    const refused = await deleteNode(t.db, admin, { nodeId: String(id) });
    expect(refused).toMatchObject({ ok: false, status: 409 });
    expect(refused.ok ? "" : refused.errors._form).toMatch(/“Your health” is in use \(.*evidence tag.*\), so it cannot be deleted\. Retire it instead/);
    expect(await t.db.selectFrom("outcome_nodes").select("id").where("id", "=", id).executeTakeFirst()).toBeDefined();

    expect(await retireNode(t.db, admin, { nodeId: String(id) })).toEqual({ ok: true, value: null });
    const retired = await t.db.selectFrom("outcome_nodes").select(["title", "retired_at"]).where("id", "=", await node("Adults reporting high anxiety")).executeTakeFirstOrThrow();
    expect(retired.retired_at).not.toBeNull(); // everything under it retires too
    expect((await listFrameworkTrees(t.db)).flatMap((f) => f.outcomes.map((o) => o.title))).not.toContain("Your health");
    // A retired node is no longer offered for new tags, and imports refuse its measures.
    const officer = await actorFor(t.db, "officer@moot.example");
    expect(await createEvidence(t.db, officer, evidenceInput({ outcomeNodeIds: [String(id)] }))).toMatchObject({ ok: false, errors: { outcomeNodeIds: expect.stringMatching(/retired/) } });
    expect((await retireNode(t.db, admin, { nodeId: String(id) }, { reinstate: true })).ok).toBe(true);

    const unused = await node("Spending within budget");
    expect(await deleteNode(t.db, admin, { nodeId: String(unused) })).toEqual({ ok: true, value: null });
    expect(await t.db.selectFrom("outcome_nodes").select("id").where("id", "=", unused).executeTakeFirst()).toBeUndefined();
  });

  it("treats a node cited by another feature as in use", async () => {
    const admin = await actorFor(t.db, "admin@moot.example");
    const id = await node("Median weekly pay of residents");
    await t.db.deleteFrom("indicator_values").where("measure_node_id", "=", id).execute();
    expect((await cite(t.db, { citingKind: "board_decision", citingId: 999, outcomeNodeIds: [id] })).ok).toBe(true);
    const refused = await deleteNode(t.db, admin, { nodeId: String(id) });
    expect(refused.ok ? "" : refused.errors._form).toMatch(/1 link from consultations, decisions, challenges or reviews/);
  });
});

describe("evidence library", () => {
  it("adds evidence tagged to two outcomes and finds it by full-text search and filters", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const riverside = await locality("riverside");
    const a = await node("Your money");
    const b = await node("Your life");
    const created = await createEvidence(t.db, officer, evidenceInput({ title: "Cycling to work in Riverside", localityId: String(riverside.id), outcomeNodeIds: [String(a), String(b)], type: "lived_experience" }));
    expect(created.ok).toBe(true);
    const id = created.ok ? created.value.evidenceId : 0;
    const item = await getEvidence(t.db, VISITOR, id);
    expect(item?.outcomes.map((o) => o.id).sort()).toEqual([a, b].sort());
    expect(item?.localityName).toBe("Riverside");

    const search = async (filter: Record<string, string>) => (await searchEvidence(t.db, VISITOR, filter)).items.map((i) => i.id);
    expect(await search({ q: "cycle riverside" })).toContain(id); // stemming: cycle ~ cycling
    expect(await search({ q: "cycle", type: "research" })).not.toContain(id);
    expect(await search({ outcome: String(a) })).toContain(id);
    expect(await search({ outcome: String(await node("Your environment")) })).not.toContain(id);
    expect(await search({ locality: String(riverside.id) })).toContain(id);
    expect(await search({ locality: "council" })).not.toContain(id);
    expect(await search({ stage: "analyse", from: "2024-06-01", to: "2025-06-01", source: "test univ" })).toContain(id);
    expect(await search({ from: "2025-02-01" })).not.toContain(id);
  });

  it("refuses evidence without a source and stores nothing", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const before = await count("evidence_items");
    const result = await createEvidence(t.db, officer, evidenceInput({ sourceOrganisation: " ", sourceUrl: "" }));
    expect(result).toMatchObject({ ok: false, errors: { sourceOrganisation: "Enter the organisation the evidence comes from", sourceUrl: "Enter a link to the source" } });
    expect(await createEvidence(t.db, officer, evidenceInput({ sourceUrl: "not a link" }))).toMatchObject({ ok: false, errors: { sourceUrl: "Enter a link to the source starting with https://" } });
    expect(await createEvidence(t.db, officer, evidenceInput({ periodStart: "2025-02-30" }))).toMatchObject({ ok: false, errors: { periodStart: expect.stringMatching(/real date/) } });
    expect(await count("evidence_items")).toBe(before);
  });

  it("residents and visitors cannot add evidence", async () => {
    expect(await createEvidence(t.db, await newResident(t.db), evidenceInput())).toMatchObject({ ok: false, status: 403 });
    expect(await createEvidence(t.db, VISITOR, evidenceInput())).toMatchObject({ ok: false, status: 403 });
  });

  it("never shows internal evidence to visitors or residents, anywhere", async () => {
    const internal = await t.db.selectFrom("evidence_items").select(["id", "title"]).where("visibility", "=", "internal").execute();
    expect(internal.length).toBeGreaterThan(0);
    const resident = await newResident(t.db);
    const officer = await actorFor(t.db, "officer@moot.example");
    const member = await actorFor(t.db, "member@moot.example");
    for (const actor of [VISITOR, resident]) {
      for (const e of internal) expect(await getEvidence(t.db, actor, e.id)).toBeNull();
      const all = (await searchEvidence(t.db, actor, {})).items;
      expect(all.some((i) => i.visibility === "internal")).toBe(false);
      expect((await searchEvidence(t.db, actor, { q: "commercial confidence" })).items).toEqual([]);
      const later = await outcomePage(t.db, actor, await node("Later life"), null);
      expect(later!.evidence.some((e) => e.visibility === "internal")).toBe(false);
      const review = await t.db.selectFrom("commissioning_reviews").select("id").where("service_area", "=", "Day services for older and disabled adults").executeTakeFirstOrThrow();
      expect((await citedEvidence(t.db, actor, "commissioning_review", review.id, "plan")).map((e) => e.title)).toEqual(["Equality impact assessment: day services redesign"]);
    }
    for (const actor of [officer, member]) {
      for (const e of internal) expect((await getEvidence(t.db, actor, e.id))?.title).toBe(e.title);
    }
  });
});

describe("indicator value import", () => {
  const header = "measure,locality,period,value,unit\n";

  it("imports every row of a good file", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const before = await count("indicator_values");
    const csv = header + "Employment rate, people aged 16 to 64".replace(/.*/, '"$&"') + ",Northgate,2026,78.2,%\n" + `${await node("Households in fuel poverty")},council-wide,2026-01,11.9,%\n`;
    expect(await importIndicatorValues(t.db, officer, { csv })).toEqual({ ok: true, value: { imported: 2 } });
    expect(await count("indicator_values")).toBe(before + 2);
  });

  it("reports every bad row with its line and reason, and imports nothing", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const before = await count("indicator_values");
    const csv =
      header +
      `"Council tax collected in year",Riverside,2027,97.1,%\n` + // line 2: fine on its own
      `"Council tax collected in year",Riverside,2027-13-01,97.1,%\n` + // 3: bad date
      `"Number of unicorns",Riverside,2027,3,%\n` + // 4: unknown measure
      `"Council tax collected in year",Atlantis,2027,97,%\n` + // 5: unknown locality
      `"Council tax collected in year",riverside,2027,97.3,%\n` + // 6: duplicate of line 2
      `"Council tax collected in year",Riverside,2028,97.3,£\n` + // 7: wrong unit
      `"Council tax collected in year",Riverside,2025,97.3,%\n` + // 8: already held (seeded)
      `"Council tax collected in year",Riverside,2029,lots,%\n`; // 9: not a number
    const result = await importIndicatorValues(t.db, officer, { csv });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.file).toBe("7 rows have problems. Nothing was imported. Correct the file and import it again");
    const lines = Object.fromEntries(result.problems.map((p) => [p.line, p.reason]));
    expect(result.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(lines[8]).toMatch(/a value for the period 2025-01-01 for this measure and locality is already held/);
    expect(lines[3]).toMatch(/“2027-13-01” is not a date/);
    expect(lines[4]).toMatch(/there is no measure “Number of unicorns”/);
    expect(lines[5]).toMatch(/there is no locality “Atlantis”/);
    expect(lines[6]).toMatch(/repeats the period 2027-01-01 .* line 2/);
    expect(lines[7]).toMatch(/the unit is “£” but “Council tax collected in year” is measured in “%”/);
    expect(lines[9]).toMatch(/“lots” is not a number/);
    expect(await count("indicator_values")).toBe(before);

    const held = await importIndicatorValues(t.db, officer, { csv: header + `"Council tax collected in year",Riverside,2030,97.3,%\n"Council tax collected in year",Riverside,2025,97.3,%\n` });
    expect(held).toMatchObject({ ok: false, problems: [{ line: 3, reason: expect.stringMatching(/already held/) }] });
    expect(await count("indicator_values")).toBe(before);
  });

  it("refuses huge files, files without the right columns, and people who may not import", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const huge = header + "x,y,2025,1,%\n".repeat(Math.ceil(MAX_CSV_BYTES / 12) + 10);
    expect(await importIndicatorValues(t.db, officer, { csv: huge })).toMatchObject({ ok: false, errors: { file: expect.stringMatching(/smaller than 1 MB/) } });
    expect(await importIndicatorValues(t.db, officer, { csv: "a,b\n1,2\n" })).toMatchObject({ ok: false, errors: { file: expect.stringMatching(/Missing: measure, locality, period, value, unit/) } });
    expect(await importIndicatorValues(t.db, VISITOR, { csv: header })).toMatchObject({ ok: false, status: 403 });
  });
});

describe("the golden thread", () => {
  it("shows measures, tagged evidence and linked things on outcome and locality pages", async () => {
    const northgate = await locality("northgate");
    const page = await outcomePage(t.db, VISITOR, await node("Your environment"), northgate);
    expect(page!.measures.map((m) => m.chart.title)).toContain("Household waste sent for reuse, recycling or composting");
    const waste = page!.measures.find((m) => m.chart.title.startsWith("Household waste"))!;
    expect(waste.chart.main.points).toHaveLength(5);
    expect(waste.chart.comparison!.points).toHaveLength(5);
    expect(waste.trend).toBe("improving");
    expect(page!.evidence.map((e) => e.title)).toContain("Waste collection contract performance, quarter 2");
    const reviews = page!.thread.find((s) => s.kind === "commissioning_review")!;
    expect(reviews.items.map((i) => i.title)).toEqual(["Household waste and recycling collection"]);

    const dashboard = await localityDashboard(t.db, VISITOR, northgate);
    const outcomes = dashboard.frameworks.flatMap((f) => f.outcomes);
    expect(outcomes.length).toBeGreaterThanOrEqual(9);
    expect(outcomes.find((o) => o.title === "Your environment")!.measures.length).toBe(2);
  });

  it("the locality dashboard counts the same evidence the outcome pages list, for each reader", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const environment = await node("Your environment");
    const priority = (await t.db.selectFrom("outcome_nodes").select("id").where("parent_id", "=", environment).orderBy("id").executeTakeFirstOrThrow()).id;
    const northgate = await locality("northgate");
    const eastmere = await locality("eastmere");
    // Internal evidence under a priority (counts for officers only), and one for another locality.
    for (const [visibility, localityId] of [["internal", ""], ["public", String(eastmere.id)], ["public", String(northgate.id)]] as const) {
      expect((await createEvidence(t.db, officer, evidenceInput({ title: `Count check ${visibility} ${localityId}`, visibility, localityId, outcomeNodeIds: [String(priority)] }))).ok).toBe(true);
    }
    for (const actor of [VISITOR, officer]) {
      for (const place of [northgate, eastmere]) {
        const dashboard = await localityDashboard(t.db, actor, place);
        for (const outcome of dashboard.frameworks.flatMap((f) => f.outcomes)) {
          expect(outcome.evidenceCount, `${outcome.title} in ${place.name}`).toBe((await evidenceForOutcomes(t.db, actor, [outcome.id], place.id)).length);
        }
      }
    }
    const environmentCount = async (actor: typeof officer) => (await localityDashboard(t.db, actor, northgate)).frameworks.flatMap((f) => f.outcomes).find((o) => o.id === environment)!.evidenceCount;
    expect((await environmentCount(officer)) - (await environmentCount(VISITOR))).toBeGreaterThanOrEqual(1);
  });

  it("lets other features register providers and cite evidence; consultation findings are one step", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const outcome = await node("Your life");
    const finding = await addConsultationFinding(t.db, officer, {
      consultationId: 42,
      title: "Library opening hours: what residents said",
      summary: "Most want evening opening.",
      sourceUrl: "https://moot.example/consultations/42/results",
      periodStart: "2026-01-05",
      periodEnd: "2026-02-15",
      outcomeNodeIds: [outcome],
    });
    expect(finding.ok).toBe(true);
    const evidenceId = finding.ok ? finding.value.evidenceId : 0;
    expect((await getEvidence(t.db, VISITOR, evidenceId))).toMatchObject({ type: "consultation_finding", sourceOrganisation: "Fenwold District Council", stage: "analyse" });
    expect(await citedEvidence(t.db, VISITOR, "consultation", 42)).toHaveLength(1);
    expect(await addConsultationFinding(t.db, await newResident(t.db), { consultationId: 1, title: "x", summary: "", sourceUrl: "https://a.example/x", periodStart: "2026-01-01" })).toMatchObject({ ok: false, status: 403 });

    // A feature landing later (board decisions have their own provider now; agenda items have none): cite evidence, then register a provider.
    expect((await cite(t.db, { citingKind: "agenda_item", citingId: 7, evidenceItemIds: [evidenceId], outcomeNodeIds: [outcome] })).ok).toBe(true);
    const provider: ThreadProvider = {
      kind: "agenda_item",
      label: "Agenda items",
      async linkedTo(db, q) {
        const rows = await db
          .selectFrom("outcome_links as k")
          .innerJoin(outcomeGroups(q.outcomes), (join) => join.on((eb) => eb("k.outcome_node_id", "=", eb.fn.any("tq.node_ids"))))
          .select(["tq.outcome_id", "k.citing_id"])
          .where("k.citing_kind", "=", "agenda_item")
          .execute();
        return byOutcome(q.outcomes, rows, (r) => ({ kind: "agenda_item", title: `Decision ${r.citing_id}`, href: `/boards/decisions/${r.citing_id}`, detail: "Decided" }));
      },
    };
    THREAD_PROVIDERS.push(provider);
    try {
      const page = await outcomePage(t.db, VISITOR, outcome, null);
      expect(page!.thread.find((s) => s.kind === "agenda_item")!.items.map((i) => i.title)).toEqual(["Decision 7"]);
      expect((await threadFor(t.db, { outcomeNodeIds: [await node("Your money")], localityId: null, actor: VISITOR })).find((s) => s.kind === "agenda_item")!.items).toEqual([]);
    } finally {
      THREAD_PROVIDERS.splice(THREAD_PROVIDERS.indexOf(provider), 1);
    }
    // Cited evidence cannot be deleted out from under the decision.
    await expect(t.db.deleteFrom("evidence_items").where("id", "=", evidenceId).execute()).rejects.toThrow(/foreign key/);
  });
});
