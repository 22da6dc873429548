/**
 * Right to Challenge in the golden thread: EOIs on outcome and locality pages (never drafts, never
 * a confidential outcomes part to the public), and the evidence officers record as considered.
 */
import { describe, expect, it } from "vitest";
import { getEoi, getPublicEoi, recordEvidenceConsidered } from "../../app/modules/challenges/challenges.server";
import { challengeThreadProvider } from "../../app/modules/challenges/thread.server";
import { nodeAndDescendants } from "../../app/modules/evidence/evidence.server";
import { citingThread, THREAD_PROVIDERS, threadFor } from "../../app/modules/evidence/thread.server";
import { VISITOR } from "../../app/modules/permissions/permissions";
import { actorFor } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });

const eoiId = async (title: string) => (await t.db.selectFrom("challenge_eois").select("id").where("title", "=", title).executeTakeFirstOrThrow()).id;
const nodeId = async (title: string) => (await t.db.selectFrom("outcome_nodes").select("id").where("title", "=", title).orderBy("id").executeTakeFirstOrThrow()).id;
const localityId = async (slug: string) => (await t.db.selectFrom("localities").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
const evidenceOf = async (visibility: "public" | "internal") =>
  (await t.db.selectFrom("evidence_items").select(["id", "title"]).where("visibility", "=", visibility).orderBy("id").executeTakeFirstOrThrow());

async function challengeTitles(outcome: string, locality: string | null, actor = VISITOR) {
  const sections = await threadFor(t.db, { outcomeNodeIds: await nodeAndDescendants(t.db, [await nodeId(outcome)]), localityId: locality ? await localityId(locality) : null, actor });
  return sections.find((s) => s.kind === "challenge")!.items.map((i) => i.title);
}

describe("Right to Challenge in the golden thread", () => {
  it("is registered in the golden thread, labelled Right to Challenge", () => {
    expect(THREAD_PROVIDERS).toContain(challengeThreadProvider);
    expect(challengeThreadProvider).toMatchObject({ kind: "challenge", label: "Right to Challenge" });
  });

  it("lists EOIs on the public register tagged to the outcome, in the locality, never drafts", async () => {
    const titles = await challengeTitles("Safe and connected communities", null);
    expect(titles).toContain("Detached youth work on the coast");
    expect(titles).not.toContain("Eastmere youth clubs run by the community"); // a draft
    expect(await challengeTitles("Safe and connected communities", "riverside")).toEqual(["Detached youth work on the coast"]);
    expect(await challengeTitles("Safe and connected communities", "northgate")).toEqual([]);
    const item = (await threadFor(t.db, { outcomeNodeIds: [await nodeId("Safe and connected communities")], localityId: null, actor: VISITOR })).find((s) => s.kind === "challenge")!.items[0]!;
    expect(item).toMatchObject({ href: `/challenges/register/${await eoiId("Detached youth work on the coast")}`, detail: expect.stringMatching(/Eastmere Community Trust.*Under consideration/) });
  });

  it("leaves out an EOI whose outcomes part is confidential, except for officers who handle challenges", async () => {
    const id = await eoiId("Detached youth work on the coast");
    await t.db.updateTable("challenge_eois").set({ outcomes_confidential: true }).where("id", "=", id).execute();
    try {
      expect(await challengeTitles("Safe and connected communities", null)).not.toContain("Detached youth work on the coast");
      expect(await challengeTitles("Safe and connected communities", null, await actorFor(t.db, "resident@moot.example"))).not.toContain("Detached youth work on the coast");
      expect(await challengeTitles("Safe and connected communities", null, await actorFor(t.db, "officer@moot.example"))).toContain("Detached youth work on the coast");
    } finally {
      await t.db.updateTable("challenge_eois").set({ outcomes_confidential: false }).where("id", "=", id).execute();
    }
  });
});

describe("officers record the evidence considered on an EOI", () => {
  it("stores the ticked evidence and outcomes with cite(), in the EOI's history, and shows only public evidence publicly", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const id = await eoiId("Riverside library as a community hub");
    const pub = await evidenceOf("public");
    const internal = await evidenceOf("internal");
    const environment = await nodeId("Your environment");
    const result = await recordEvidenceConsidered(t.db, officer, { eoiId: String(id), evidenceItemIds: [String(pub.id), String(internal.id)], outcomeNodeIds: String(environment) });
    expect(result).toEqual({ ok: true, value: { added: 3, removed: 0 } });

    const citations = await t.db.selectFrom("evidence_citations").select("evidence_item_id").where("citing_kind", "=", "challenge").where("citing_id", "=", id).orderBy("evidence_item_id").execute();
    expect(citations.map((c) => c.evidence_item_id)).toEqual([pub.id, internal.id].sort((a, b) => a - b));
    const events = await t.db.selectFrom("challenge_eoi_events").select(["from_status", "to_status", "reason"]).where("eoi_id", "=", id).orderBy("id", "desc").execute();
    expect(events[0]).toEqual({ from_status: "rejected", to_status: "rejected", reason: "Evidence considered: 2 evidence items added, 1 outcome linked" });

    const forOfficer = await getEoi(t.db, officer, id);
    expect(forOfficer.ok && forOfficer.value.considered.evidence.map((e) => e.id).sort()).toEqual([pub.id, internal.id].sort());
    const forPublic = await getPublicEoi(t.db, id);
    if (!forPublic.ok) throw new Error("not public");
    expect(forPublic.value.considered.evidence.map((e) => e.title)).toEqual([pub.title]);
    expect(forPublic.value.considered.outcomes.map((o) => o.id)).toEqual([environment]);
    expect(forPublic.value.events.every((e) => e.from_status !== e.to_status)).toBe(true);

    // The officer's outcome link puts it in the thread, and the evidence page links back to it.
    expect(await challengeTitles("Your environment", null)).toContain("Riverside library as a community hub");
    const back = await citingThread(t.db, pub.id, VISITOR);
    expect(back.find((s) => s.kind === "challenge")?.items.map((i) => i.href)).toContain(`/challenges/register/${id}`);

    // Unticking takes it off again.
    const again = await recordEvidenceConsidered(t.db, officer, { eoiId: String(id), evidenceItemIds: String(pub.id), outcomeNodeIds: String(environment) });
    expect(again).toEqual({ ok: true, value: { added: 0, removed: 1 } });
    const left = await t.db.selectFrom("evidence_citations").select("evidence_item_id").where("citing_kind", "=", "challenge").where("citing_id", "=", id).execute();
    expect(left.map((c) => c.evidence_item_id)).toEqual([pub.id]);
    const last = await t.db.selectFrom("challenge_eoi_events").select("reason").where("eoi_id", "=", id).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(last.reason).toBe("Evidence considered: 1 evidence item taken off");
  });

  it("refuses residents and the group's own people, drafts, and unknown evidence or outcomes, keeping nothing", async () => {
    const id = await eoiId("Detached youth work on the coast");
    const pub = await evidenceOf("public");
    const input = { eoiId: String(id), evidenceItemIds: String(pub.id) };
    expect(await recordEvidenceConsidered(t.db, await actorFor(t.db, "resident@moot.example"), input)).toMatchObject({ ok: false, status: 403 });
    expect(await recordEvidenceConsidered(t.db, await actorFor(t.db, "group@moot.example"), input)).toMatchObject({ ok: false, status: 403 });
    expect(await recordEvidenceConsidered(t.db, VISITOR, input)).toMatchObject({ ok: false, status: 403 });
    const officer = await actorFor(t.db, "officer@moot.example");
    expect(await recordEvidenceConsidered(t.db, officer, { eoiId: String(await eoiId("Eastmere youth clubs run by the community")), evidenceItemIds: String(pub.id) })).toMatchObject({ ok: false, status: 404 });
    expect(await recordEvidenceConsidered(t.db, officer, { eoiId: String(id), evidenceItemIds: "999999" })).toMatchObject({ ok: false, errors: { evidenceItemIds: expect.any(String) } });
    // Valid evidence with an unknown outcome: the whole change is refused, the evidence too.
    expect(await recordEvidenceConsidered(t.db, officer, { eoiId: String(id), evidenceItemIds: String(pub.id), outcomeNodeIds: "999999" })).toMatchObject({ ok: false, errors: { outcomeNodeIds: expect.any(String) } });
    const kept = await t.db.selectFrom("evidence_citations").select("evidence_item_id").where("citing_kind", "=", "challenge").where("citing_id", "=", id).execute();
    expect(kept).toEqual([]);
    const events = await t.db.selectFrom("challenge_eoi_events").select("reason").where("eoi_id", "=", id).where("reason", "like", "Evidence considered%").execute();
    expect(events).toEqual([]);
  });
});
