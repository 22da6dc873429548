/**
 * Commissioning strategies on the golden thread: an outcome page lists the strategies that name
 * the outcome or anything under it, in the locality or council-wide; drafts only to staff.
 */
import { describe, expect, it } from "vitest";
import { outcomePage } from "../../app/modules/evidence/dashboard.server";
import { saveStrategy } from "../../app/modules/commissioning/strategies.server";
import { VISITOR, type Actor } from "../../app/modules/permissions/permissions";
import { COMMISSIONER_EMAIL, SEED_STRATEGY_TITLE } from "../../db/seed/commissioning";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });

const node = async (title: string) => (await t.db.selectFrom("outcome_nodes").select("id").where("title", "=", title).executeTakeFirstOrThrow()).id;
const locality = async (slug: string) => t.db.selectFrom("localities").select(["id", "name"]).where("slug", "=", slug).executeTakeFirstOrThrow();

async function strategies(actor: Actor, nodeId: number, where: { id: number; name: string } | null) {
  const page = await outcomePage(t.db, actor, nodeId, where);
  return page!.thread.find((s) => s.kind === "commissioning_strategy")!;
}

describe("commissioning strategies on the golden thread", () => {
  it("lists the seeded strategy on the outcome it names, with a link to it", async () => {
    const section = await strategies(VISITOR, await node("Later life"), null);
    expect(section.label).toBe("Commissioning strategies");
    const seeded = await t.db.selectFrom("commissioning_strategies").select("id").where("title", "=", SEED_STRATEGY_TITLE).executeTakeFirstOrThrow();
    expect(section.items).toContainEqual({ kind: "commissioning_strategy", title: SEED_STRATEGY_TITLE, href: `/commissioning-strategies/${seeded.id}`, detail: "Commissioning strategy for Later life" });
  });

  it("serves an outcome through anything under it, in the locality or council-wide, and shows drafts only to staff", async () => {
    const commissioner = await actorFor(t.db, COMMISSIONER_EMAIL);
    const [outcome] = await t.db.selectFrom("outcome_nodes").select(["id", "title"]).where("kind", "=", "outcome").where("retired_at", "is", null).orderBy("id").execute();
    const measure = await t.db
      .withRecursive("sub(id)", (db) => db.selectFrom("outcome_nodes").select("id").where("id", "=", outcome!.id).unionAll(db.selectFrom("outcome_nodes as n").innerJoin("sub", "sub.id", "n.parent_id").select("n.id")))
      .selectFrom("outcome_nodes as n")
      .innerJoin("sub", "sub.id", "n.id")
      .select("n.id")
      .where("n.kind", "=", "measure")
      .executeTakeFirstOrThrow();
    const riverside = await locality("riverside");
    const northgate = await locality("northgate");
    const save = async (title: string, fields: Record<string, unknown>) => {
      const saved = await saveStrategy(t.db, commissioner, { title, area: "Thread test", ...fields });
      if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    };
    await save("Thread: council-wide, on the outcome", { outcomeNodeIds: [String(outcome!.id)], published: "yes" });
    await save("Thread: Riverside, on a measure under it", { outcomeNodeIds: [String(measure.id)], localityId: String(riverside.id), published: "yes" });
    await save("Thread: a draft", { outcomeNodeIds: [String(outcome!.id)] });
    await save("Thread: on nothing", { published: "yes" });

    const titles = async (actor: Actor, where: { id: number; name: string } | null) =>
      (await strategies(actor, outcome!.id, where)).items.map((i) => i.title).filter((x) => x.startsWith("Thread:")).sort();

    expect(await titles(VISITOR, null)).toEqual(["Thread: Riverside, on a measure under it", "Thread: council-wide, on the outcome"]);
    expect(await titles(await newResident(t.db), null)).not.toContain("Thread: a draft");
    expect(await titles(commissioner, null)).toEqual(["Thread: Riverside, on a measure under it", "Thread: a draft", "Thread: council-wide, on the outcome"]);
    expect(await titles(VISITOR, riverside)).toEqual(["Thread: Riverside, on a measure under it", "Thread: council-wide, on the outcome"]);
    expect(await titles(VISITOR, northgate)).toEqual(["Thread: council-wide, on the outcome"]);
    // The measure's own page lists only what names the measure (or something under it).
    expect((await strategies(VISITOR, measure.id, null)).items.map((i) => i.title).filter((x) => x.startsWith("Thread:"))).toEqual(["Thread: Riverside, on a measure under it"]);
    const draft = (await strategies(commissioner, outcome!.id, null)).items.find((i) => i.title === "Thread: a draft")!;
    expect(draft.detail).toBe("Commissioning strategy for Thread test, draft (only officers can see it)");
  });
});
