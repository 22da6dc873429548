/** A group's people change its details; officers change a service on the register. */
import { describe, expect, it } from "vitest";
import { addServiceWindow, groupForEditing, listServices, removeServiceWindow, serviceForEditing, updateGroup, updateService } from "../../app/modules/challenges/challenges.server";
import { actorFor } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });
const SEEDED_AT = new Date("2026-11-23T09:00:00Z");

const groupId = async (name: string) => (await t.db.selectFrom("challenge_groups").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
const serviceId = async (slug: string) => (await t.db.selectFrom("challenge_services").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;

describe("a group's representative changes the group's details", () => {
  it("saves a member's change, keeps names unique, and refuses anyone else", async () => {
    const rep = await actorFor(t.db, "group@moot.example");
    const id = await groupId("Eastmere Community Trust");
    const current = await groupForEditing(t.db, rep, id);
    if (!current.ok) throw new Error("not editable");
    const input = { ...current.value, groupId: String(id), charityNumber: "1234567", contactPhone: "01234 567890" };
    expect(await updateGroup(t.db, rep, input)).toEqual({ ok: true, value: null });
    const saved = await t.db.selectFrom("challenge_groups").select(["name", "charity_number", "contact_phone"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(saved).toEqual({ name: "Eastmere Community Trust", charity_number: "1234567", contact_phone: "01234 567890" });

    const otherName = (await t.db.selectFrom("challenge_groups").select("name").where("id", "!=", id).executeTakeFirstOrThrow()).name;
    expect(await updateGroup(t.db, rep, { ...input, name: otherName })).toMatchObject({ ok: false, status: 409, errors: { name: expect.any(String) } });
    expect(await updateGroup(t.db, rep, { ...input, contactEmail: "not an email" })).toMatchObject({ ok: false, errors: { contactEmail: expect.any(String) } });

    expect(await updateGroup(t.db, await actorFor(t.db, "resident@moot.example"), input)).toMatchObject({ ok: false, status: 403 });
    expect(await updateGroup(t.db, await actorFor(t.db, "officer@moot.example"), input)).toMatchObject({ ok: false, status: 403 });
    expect(await groupForEditing(t.db, await actorFor(t.db, "resident@moot.example"), id)).toMatchObject({ ok: false, status: 403 });
  });
});

describe("an officer changes a service on the register", () => {
  it("changes details and outcomes, adds and removes periods, and excluding a service closes it", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const id = await serviceId("parks-maintenance");
    const service = await serviceForEditing(t.db, officer, id, SEEDED_AT);
    if (!service.ok) throw new Error("no service");
    expect(service.value.openNow).toBe(false);
    const outcome = (await t.db.selectFrom("outcome_nodes").select("id").where("title", "=", "Your life").executeTakeFirstOrThrow()).id;
    const base = { serviceId: String(id), name: "Parks and green spaces", description: "Grass, planting and play areas.", procurementMinMonths: "3", procurementMaxMonths: "9", outcomeNodeIds: [String(outcome)] };
    expect(await updateService(t.db, officer, base)).toEqual({ ok: true, value: null });
    let now = (await listServices(t.db, SEEDED_AT)).find((s) => s.id === id)!;
    expect(now).toMatchObject({ name: "Parks and green spaces", procurementMinMonths: 3, procurementMaxMonths: 9, outcomes: [{ id: outcome }] });

    expect(await updateService(t.db, officer, { ...base, procurementMinMonths: "10" })).toMatchObject({ ok: false, errors: { procurementMaxMonths: expect.any(String) } });
    expect(await addServiceWindow(t.db, officer, { serviceId: String(id), opensOn: { day: "1", month: "11", year: "2026" }, closesOn: { day: "31", month: "10", year: "2026" } })).toMatchObject({ ok: false, errors: { closesOn: expect.any(String) } });
    expect(await addServiceWindow(t.db, officer, { serviceId: String(id), opensOn: { day: "1", month: "11", year: "2026" }, closesOn: { day: "31", month: "12", year: "2026" } })).toEqual({ ok: true, value: null });
    now = (await listServices(t.db, SEEDED_AT)).find((s) => s.id === id)!;
    expect(now.openNow).toBe(true);
    const added = now.windows.find((w) => w.opensOn === "2026-11-01")!;
    expect(await removeServiceWindow(t.db, officer, { serviceId: String(id), windowId: String(added.id) })).toEqual({ ok: true, value: null });
    expect(await removeServiceWindow(t.db, officer, { serviceId: String(id), windowId: String(added.id) })).toMatchObject({ ok: false, status: 404 });
    expect((await listServices(t.db, SEEDED_AT)).find((s) => s.id === id)!.openNow).toBe(false);

    // Open at any time, then excluded: an excluded service is never open and never "any time".
    expect(await updateService(t.db, officer, { ...base, anyTime: "yes" })).toEqual({ ok: true, value: null });
    expect((await listServices(t.db, SEEDED_AT)).find((s) => s.id === id)!.openNow).toBe(true);
    expect(await updateService(t.db, officer, { ...base, anyTime: "yes", excludedReason: "Now commissioned jointly with the NHS" })).toEqual({ ok: true, value: null });
    expect((await listServices(t.db, SEEDED_AT)).find((s) => s.id === id)).toMatchObject({ openNow: false, anyTime: false, excludedReason: "Now commissioned jointly with the NHS" });

    const resident = await actorFor(t.db, "resident@moot.example");
    expect(await updateService(t.db, resident, base)).toMatchObject({ ok: false, status: 403 });
    expect(await addServiceWindow(t.db, await actorFor(t.db, "group@moot.example"), { serviceId: String(id), opensOn: "2027-01-01", closesOn: "2027-02-01" })).toMatchObject({ ok: false, status: 403 });
    expect(await serviceForEditing(t.db, resident, id)).toMatchObject({ ok: false, status: 403 });
  });
});
