/**
 * The in-process cache of rarely changed public data (app/lib/cache.server.ts): a change made
 * through the module is seen at once by the process that made it, and a second process (another
 * database handle on the same database) sees it within the TTL.
 */
import { describe, expect, it } from "vitest";
import { addBankHoliday, bankHolidaySet, removeBankHoliday } from "../../app/modules/calendar/bank-holidays.server";
import { addLocality, updateCouncilSettings } from "../../app/modules/council/council.server";
import { getCouncil, listLocalities } from "../../app/modules/localities/localities.server";
import { createDatabase } from "../../db/client";
import { actorFor } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });
const TTL_MS = Number(process.env.MOOT_CACHE_TTL_MS ?? 5_000);

describe("cached council settings, localities and bank holidays", () => {
  it("serve repeated reads from memory until they change, and a change is seen at once", async () => {
    const admin = await actorFor(t.db, "admin@moot.example");
    const before = await getCouncil(t.db);
    // Changed behind the module's back: the cached copy is still served (so it really is cached).
    await t.db.updateTable("council").set({ name: "Changed by hand" }).where("id", "=", 1).execute();
    expect((await getCouncil(t.db)).name).toBe(before.name);
    // Changed through the module: seen at once.
    expect((await updateCouncilSettings(t.db, admin, { name: "Fenwold Borough Council", serviceName: "Have your say", contactEmail: "talk@fenwold.example" })).ok).toBe(true);
    expect((await getCouncil(t.db)).name).toBe("Fenwold Borough Council");

    const names = (await listLocalities(t.db)).map((l) => l.name);
    expect((await addLocality(t.db, admin, { name: "Harbourside", description: "" })).ok).toBe(true);
    expect((await listLocalities(t.db)).map((l) => l.name)).toEqual([...names, "Harbourside"].sort((a, b) => a.localeCompare(b)));

    expect((await bankHolidaySet(t.db)).has("2031-03-03")).toBe(false);
    expect((await addBankHoliday(t.db, admin, { day: "2031-03-03", title: "Founders' day" })).ok).toBe(true);
    expect((await bankHolidaySet(t.db)).has("2031-03-03")).toBe(true);
    expect((await removeBankHoliday(t.db, admin, { day: "2031-03-03" })).ok).toBe(true);
    expect((await bankHolidaySet(t.db)).has("2031-03-03")).toBe(false);
  });

  it("a callers' change to what it was given does not leak into the cache", async () => {
    const first = await listLocalities(t.db);
    first[0]!.name = "Mutated";
    first.pop();
    const again = await listLocalities(t.db);
    expect(again.map((l) => l.name)).not.toContain("Mutated");
    expect(again.length).toBe(first.length + 1);
  });

  it("another process sees an administrator's change within the TTL", { timeout: TTL_MS + 10_000 }, async () => {
    const other = createDatabase(t.handle.url, { max: 2 });
    try {
      const admin = await actorFor(t.db, "admin@moot.example");
      await getCouncil(other.db); // the other process has it cached
      expect((await updateCouncilSettings(t.db, admin, { name: "Renamed Council", serviceName: "Have your say", contactEmail: "talk@fenwold.example" })).ok).toBe(true);
      const changedAt = Date.now();
      let seen = (await getCouncil(other.db)).name;
      while (seen !== "Renamed Council" && Date.now() - changedAt < TTL_MS + 2_000) {
        await new Promise((done) => setTimeout(done, 200));
        seen = (await getCouncil(other.db)).name;
      }
      expect(seen).toBe("Renamed Council");
      expect(Date.now() - changedAt).toBeLessThanOrEqual(TTL_MS + 1_000);
    } finally {
      await other.close();
    }
  });
});
