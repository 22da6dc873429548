import { describe, expect, it } from "vitest";
import { addLocality, updateCouncilSettings } from "../../app/modules/council/council.server";
import { actorFor } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });

describe("council settings and localities", () => {
  it("an admin renames the council; the change is audited", async () => {
    const admin = await actorFor(t.db, "admin@moot.example");
    const result = await updateCouncilSettings(t.db, admin, { name: "Fenwold Borough Council", serviceName: "Have your say", contactEmail: "talk@fenwold.example" });
    expect(result.ok).toBe(true);
    const council = await t.db.selectFrom("council").selectAll().executeTakeFirstOrThrow();
    expect([council.name, council.service_name, council.contact_email]).toEqual(["Fenwold Borough Council", "Have your say", "talk@fenwold.example"]);
    expect(await t.db.selectFrom("audit_log").select("action").where("action", "=", "council.updated").execute()).toHaveLength(1);
  });

  it("refuses non-admins and bad values, changing nothing", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const before = await t.db.selectFrom("council").selectAll().executeTakeFirstOrThrow();
    expect(await updateCouncilSettings(t.db, officer, { name: "X", serviceName: "Y", contactEmail: "x@y.z" })).toMatchObject({ ok: false, status: 403 });
    const admin = await actorFor(t.db, "admin@moot.example");
    expect(await updateCouncilSettings(t.db, admin, { name: "", serviceName: "Y", contactEmail: "nope" })).toMatchObject({
      ok: false,
      errors: { name: "Enter the council’s name", contactEmail: expect.stringMatching(/correct format/) },
    });
    expect(await t.db.selectFrom("council").selectAll().executeTakeFirstOrThrow()).toEqual(before);
  });

  it("adds a locality with a readable address and refuses a duplicate name", async () => {
    const admin = await actorFor(t.db, "admin@moot.example");
    expect(await addLocality(t.db, admin, { name: "St Ives & Harbour", description: "" })).toEqual({ ok: true, value: { slug: "st-ives-harbour" } });
    expect(await addLocality(t.db, admin, { name: "northgate" })).toMatchObject({ ok: false, status: 409, errors: { name: "There is already a locality with this name" } });
  });
});
