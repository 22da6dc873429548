import { describe, expect, it } from "vitest";
import { VISITOR } from "../../app/modules/permissions/permissions";
import { addConsultationFinding, createEvidence, evidenceFormValues, getEvidence, updateEvidence } from "../../app/modules/evidence/evidence.server";
import { addAttachment, attachmentForDownload, listAttachments, removeAttachment, MAX_ATTACHMENT_BYTES } from "../../app/modules/evidence/attachments.server";
import { retireNode } from "../../app/modules/outcomes/framework.server";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });

const node = async (title: string) => (await t.db.selectFrom("outcome_nodes").select("id").where("title", "=", title).executeTakeFirstOrThrow()).id;
const localityId = async (slug: string) => (await t.db.selectFrom("localities").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;

const input = (overrides: Record<string, unknown> = {}) => ({
  title: "Footfall survey",
  type: "research",
  summary: "How many people use the high street",
  sourceOrganisation: "Fenwold District Council",
  sourceUrl: "https://example.org/footfall",
  periodStart: "2025-04-01",
  periodEnd: "2026-03-31",
  localityId: "",
  stage: "analyse",
  confidence: "moderate",
  visibility: "public",
  outcomeNodeIds: [],
  ...overrides,
});

async function newEvidence(overrides: Record<string, unknown> = {}) {
  const officer = await actorFor(t.db, "officer@moot.example");
  const created = await createEvidence(t.db, officer, input(overrides));
  if (!created.ok) throw new Error(JSON.stringify(created));
  return { officer, id: created.value.evidenceId };
}

// The smallest real PDF header file-type recognises, and a PNG signature.
const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff]);

describe("changing evidence", () => {
  it("changes every field and the outcome tags in one step, and the form starts from what is stored", async () => {
    const [money, health] = [await node("Your money"), await node("Your health")];
    const { officer, id } = await newEvidence({ outcomeNodeIds: [String(money)] });
    expect(await evidenceFormValues(t.db, officer, id)).toMatchObject({ title: "Footfall survey", periodEnd: "2026-03-31", outcomeNodeIds: [String(money)] });

    const northgate = await localityId("northgate");
    const changed = await updateEvidence(t.db, officer, id, input({ title: "Footfall survey 2025/26", localityId: String(northgate), visibility: "internal", outcomeNodeIds: [String(health)] }));
    expect(changed).toEqual({ ok: true, value: null });
    const item = await getEvidence(t.db, officer, id);
    expect(item).toMatchObject({ title: "Footfall survey 2025/26", localityId: northgate, visibility: "internal", outcomes: [{ id: health }] });
    // now internal: a visitor is told nothing
    expect(await getEvidence(t.db, VISITOR, id)).toBeNull();
    const log = await t.db.selectFrom("audit_log").select(["action"]).where("subject", "=", `evidence:${id}`).orderBy("id").execute();
    expect(log.map((l) => l.action)).toEqual(["evidence.added", "evidence.updated"]);
  });

  it("refuses bad input with the field's message and changes nothing", async () => {
    const { officer, id } = await newEvidence();
    const refused = await updateEvidence(t.db, officer, id, input({ title: "Changed", sourceUrl: "", periodEnd: "2020-01-01" }));
    expect(refused).toMatchObject({ ok: false, errors: { sourceUrl: "Enter a link to the source", periodEnd: "End date must be on or after the start date" } });
    expect((await getEvidence(t.db, officer, id))!.title).toBe("Footfall survey");
  });

  it("keeps a tag to an outcome retired since, but refuses a new tag to a retired one", async () => {
    const admin = await actorFor(t.db, "admin@moot.example");
    const framework = (await t.db.selectFrom("outcome_frameworks").select("id").where("slug", "=", "council-plan").executeTakeFirstOrThrow()).id;
    const [keep, fresh] = await Promise.all(
      ["Tagged then retired", "Retired before tagging"].map(async (title) => (await t.db.insertInto("outcome_nodes").values({ framework_id: framework, parent_id: await node("Your life"), kind: "priority", title, description: "", position: 90 }).returning("id").executeTakeFirstOrThrow()).id),
    );
    const { officer, id } = await newEvidence({ outcomeNodeIds: [String(keep)] });
    expect((await retireNode(t.db, admin, { nodeId: String(keep) })).ok).toBe(true);
    expect((await retireNode(t.db, admin, { nodeId: String(fresh) })).ok).toBe(true);

    expect(await updateEvidence(t.db, officer, id, input({ outcomeNodeIds: [] }))).toEqual({ ok: true, value: null });
    expect((await getEvidence(t.db, officer, id))!.outcomes.map((o) => o.id)).toEqual([keep]);
    expect(await updateEvidence(t.db, officer, id, input({ outcomeNodeIds: [String(fresh)] }))).toMatchObject({ ok: false, errors: { outcomeNodeIds: expect.stringMatching(/retired/) } });
  });

  it("only officers who manage evidence there may change it, and not move it out of their area", async () => {
    const { id } = await newEvidence({ localityId: String(await localityId("northgate")) });
    const resident = await newResident(t.db);
    expect(await updateEvidence(t.db, resident, id, input())).toMatchObject({ ok: false, status: 403 });
    expect(await evidenceFormValues(t.db, resident, id)).toBeNull();

    const local = await newResident(t.db, "Northgate Officer");
    const admin = await actorFor(t.db, "admin@moot.example");
    await t.db.insertInto("role_grants").values({ user_id: local.user!.id, role: "officer", scope: "locality", locality_id: await localityId("northgate"), granted_by: admin.user!.id }).execute();
    const officer = await actorFor(t.db, local.user!.email);
    expect(await updateEvidence(t.db, officer, id, input({ localityId: String(await localityId("northgate")), title: "Northgate footfall" }))).toEqual({ ok: true, value: null });
    expect(await updateEvidence(t.db, officer, id, input({ localityId: String(await localityId("riverside")) }))).toMatchObject({ ok: false, status: 403, errors: { localityId: "You cannot manage evidence for that area" } });
    expect(await updateEvidence(t.db, officer, 2_000_000, input())).toMatchObject({ ok: false, status: 404 });
  });
});

describe("evidence attachments", () => {
  it("stores a file checked by its contents and gives it to whoever may see the item", async () => {
    const { officer, id } = await newEvidence();
    const added = await addAttachment(t.db, officer, id, { attachmentTitle: "Full survey report", file: { name: "report <final>.pdf", bytes: PDF } });
    expect(added.ok).toBe(true);
    const [listed] = await listAttachments(t.db, VISITOR, id);
    expect(listed).toMatchObject({ title: "Full survey report", fileName: "report _final_.pdf", mediaType: "application/pdf", sizeBytes: PDF.byteLength });
    const file = await attachmentForDownload(t.db, VISITOR, id, listed!.id);
    expect(Buffer.from(file!.content).equals(Buffer.from(PDF))).toBe(true);
  });

  it("never gives an internal item's files to the public", async () => {
    const { officer, id } = await newEvidence({ visibility: "internal" });
    const added = await addAttachment(t.db, officer, id, { attachmentTitle: "Draft", file: { name: "draft.pdf", bytes: PDF } });
    if (!added.ok) throw new Error("not added");
    expect(await listAttachments(t.db, VISITOR, id)).toEqual([]);
    expect(await attachmentForDownload(t.db, VISITOR, id, added.value.attachmentId)).toBeNull();
    expect(await attachmentForDownload(t.db, await newResident(t.db), id, added.value.attachmentId)).toBeNull();
    expect(await attachmentForDownload(t.db, officer, id, added.value.attachmentId)).not.toBeNull();
  });

  it("refuses a missing title, an empty, oversize or wrong-type file, and a resident; stores nothing", async () => {
    const { officer, id } = await newEvidence();
    expect(await addAttachment(t.db, officer, id, { attachmentTitle: "", file: null })).toMatchObject({ ok: false, errors: { attachmentTitle: "Enter a title for the attachment", file: "Select a file" } });
    expect(await addAttachment(t.db, officer, id, { attachmentTitle: "Program", file: { name: "report.pdf", bytes: EXE } })).toMatchObject({ ok: false, errors: { file: expect.stringMatching(/^The file must be a PDF, Word, Excel/) } });
    const huge = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    huge.set(PDF);
    expect(await addAttachment(t.db, officer, id, { attachmentTitle: "Huge", file: { name: "huge.pdf", bytes: huge } })).toMatchObject({ ok: false, errors: { file: "The file must be smaller than 10 MB" } });
    expect(await addAttachment(t.db, await newResident(t.db), id, { attachmentTitle: "Mine", file: { name: "a.pdf", bytes: PDF } })).toMatchObject({ ok: false, status: 403 });
    expect(await listAttachments(t.db, officer, id)).toEqual([]);
  });

  it("an officer removes an attachment; removing it again says it has gone", async () => {
    const { officer, id } = await newEvidence();
    const added = await addAttachment(t.db, officer, id, { attachmentTitle: "Old version", file: { name: "old.pdf", bytes: PDF } });
    if (!added.ok) throw new Error("not added");
    expect(await removeAttachment(t.db, await newResident(t.db), id, { attachmentId: String(added.value.attachmentId) })).toMatchObject({ ok: false, status: 403 });
    expect(await removeAttachment(t.db, officer, id, { attachmentId: String(added.value.attachmentId) })).toEqual({ ok: true, value: null });
    expect(await removeAttachment(t.db, officer, id, { attachmentId: String(added.value.attachmentId) })).toMatchObject({ ok: false, status: 404 });
    expect(await listAttachments(t.db, officer, id)).toEqual([]);
  });
});

describe("a locality's officer and consultation findings", () => {
  it("may add a finding for their locality's consultation, not a council-wide one", async () => {
    const person = await newResident(t.db, "Riverside Officer");
    const admin = await actorFor(t.db, "admin@moot.example");
    const riverside = await localityId("riverside");
    await t.db.insertInto("role_grants").values({ user_id: person.user!.id, role: "officer", scope: "locality", locality_id: riverside, granted_by: admin.user!.id }).execute();
    const officer = await actorFor(t.db, person.user!.email);
    const finding = { consultationId: 1, title: "Riverside library hours: what residents said", summary: "120 responses", sourceUrl: "https://fenwold.example/consultations/1/results", periodStart: "2026-01-05", periodEnd: "2026-02-15" };
    expect(await addConsultationFinding(t.db, officer, { ...finding, localityId: riverside })).toMatchObject({ ok: true });
    expect(await addConsultationFinding(t.db, officer, { ...finding, localityId: null })).toMatchObject({ ok: false, status: 403 });
    expect(await addConsultationFinding(t.db, officer, { ...finding, localityId: await localityId("northgate") })).toMatchObject({ ok: false, status: 403 });
  });
});
