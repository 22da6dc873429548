import { describe, expect, it } from "vitest";
import { createConsultation } from "../../app/modules/consultations/consultations.server";
import { addDocumentFile, addDocumentLink, getDocumentFile, removeDocument } from "../../app/modules/consultations/documents.server";
import { VISITOR } from "../../app/modules/permissions/permissions";
import { actorFor } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

async function seededOpenId() {
  return (await t.db.selectFrom("consultations").select("id").where("status", "=", "open").orderBy("id").executeTakeFirstOrThrow()).id;
}
const documentCount = async (id: number) => Number((await t.db.selectFrom("consultation_documents").select((eb) => eb.fn.countAll<number>().as("n")).where("consultation_id", "=", id).executeTakeFirstOrThrow()).n);

describe("supporting documents", () => {
  it("stores a PDF in the database and lets anyone download it from a public consultation", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const id = await seededOpenId();
    const added = await addDocumentFile(t.db, officer, id, { title: "Play area designs", file: { name: "designs<1>.pdf", bytes: PDF } });
    if (!added.ok) throw new Error(JSON.stringify(added.errors));
    const doc = await getDocumentFile(t.db, VISITOR, id, added.value.id);
    expect(doc).toMatchObject({ ok: true, value: { mediaType: "application/pdf", fileName: "designs_1_.pdf" } });
    expect(doc.ok && Buffer.from(doc.value.content).equals(Buffer.from(PDF))).toBe(true);
    expect((await removeDocument(t.db, officer, id, { documentId: String(added.value.id) })).ok).toBe(true);
  });

  it("refuses a wrong type whatever its name, an oversize file, an empty upload and a bad link, storing nothing", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const id = await seededOpenId();
    const before = await documentCount(id);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(await addDocumentFile(t.db, officer, id, { title: "Fake", file: { name: "fake.pdf", bytes: png } })).toMatchObject({ ok: false, errors: { file: "The file must be a PDF, Word, Excel, PowerPoint or OpenDocument file" } });
    expect(await addDocumentFile(t.db, officer, id, { title: "Script", file: { name: "a.pdf", bytes: new TextEncoder().encode("<script>alert(1)</script>") } })).toMatchObject({ ok: false });
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PDF);
    expect(await addDocumentFile(t.db, officer, id, { title: "Big", file: { name: "big.pdf", bytes: big } })).toMatchObject({ ok: false, errors: { file: "The file must be smaller than 10 MB" } });
    expect(await addDocumentFile(t.db, officer, id, { title: "None", file: null })).toMatchObject({ ok: false, errors: { file: "Select a file" } });
    expect(await addDocumentLink(t.db, officer, id, { title: "Bad", url: "javascript:alert(1)" })).toMatchObject({ ok: false, errors: { url: "Enter an address starting with https://" } });
    const resident = await actorFor(t.db, "resident@moot.example");
    expect(await addDocumentLink(t.db, resident, id, { title: "Mine", url: "https://example.com/a.pdf" })).toMatchObject({ ok: false, status: 403 });
    expect(await documentCount(id)).toBe(before);
    expect((await addDocumentLink(t.db, officer, id, { title: "Full report", url: "https://fenwold.example/report.pdf" })).ok).toBe(true);
  });

  it("does not give out a draft consultation's documents to the public", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const created = await createConsultation(t.db, officer, { title: "Draft", summary: "S", wholeCouncil: "yes" });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const added = await addDocumentFile(t.db, officer, created.value.id, { title: "Draft paper", file: { name: "d.pdf", bytes: PDF } });
    if (!added.ok) throw new Error("add");
    expect(await getDocumentFile(t.db, VISITOR, created.value.id, added.value.id)).toMatchObject({ ok: false, status: 404 });
    expect((await getDocumentFile(t.db, officer, created.value.id, added.value.id)).ok).toBe(true);
  });
});
