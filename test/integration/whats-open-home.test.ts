/**
 * The home page reads "what is open" once for two lists (whatsOpenWithHome): each list must be
 * exactly what `whatsOpen` gives for the whole council and for the person's home locality, for
 * every locality, also when a provider's council-wide read is cut by its limit (quick polls: 20).
 */
import { describe, expect, it } from "vitest";
import { whatsOpen, whatsOpenWithHome } from "../../app/modules/whats-open/whats-open.server";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });

async function expectSameAsTwoReads(now: Date) {
  const localities = await t.db.selectFrom("localities").select("id").execute();
  expect(localities.length).toBeGreaterThan(1);
  const all = await whatsOpen(t.db, { localityId: null, now });
  for (const { id } of localities) {
    const both = await whatsOpenWithHome(t.db, { home: id, now });
    expect(both.open).toEqual(all);
    expect(both.openHere, `locality ${id}`).toEqual(await whatsOpen(t.db, { localityId: id, now }));
  }
  expect(await whatsOpenWithHome(t.db, { home: null, now })).toEqual({ open: all, openHere: [] });
  return all;
}

describe("what is open, for the home page", () => {
  it("gives the council-wide and home-locality lists exactly as two reads would", async () => {
    const all = await expectSameAsTwoReads(new Date());
    expect(new Set(all.map((o) => o.kind)).size, "the seed has open things of several kinds").toBeGreaterThan(2);
  });

  it("stays exact when more quick polls are open than the council-wide list shows", async () => {
    const feeds = await t.db.selectFrom("feeds").select(["id", "locality_id"]).where("paused", "=", false).orderBy("id").execute();
    expect(new Set(feeds.map((f) => f.locality_id)).size).toBeGreaterThan(1);
    const chair = await t.db.selectFrom("users").select("id").orderBy("id").executeTakeFirstOrThrow();
    // 30 polls spread over the feeds, most in the last feed's locality: its home list differs from the top 20.
    await t.db
      .insertInto("polls")
      .values(Array.from({ length: 30 }, (_, i) => ({ feed_id: (i < 25 ? feeds[0] : feeds[feeds.length - 1])!.id, question: `Poll ${i}?`, opened_by: chair.id })))
      .execute();
    const all = await expectSameAsTwoReads(new Date());
    expect(all.filter((o) => o.kind === "Quick poll")).toHaveLength(20);
  });
});
