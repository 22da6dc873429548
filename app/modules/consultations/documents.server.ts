/**
 * Supporting documents: a link, or a file uploaded and kept in PostgreSQL. Files are checked by
 * their content (magic bytes via file-type), not their name, and must fit the size limit.
 */
import { z } from "zod";
import type { Database } from "../../../db/client";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { checkUpload, DOCUMENT_TYPES } from "../../lib/uploads.server";
import { audit } from "../audit/audit.server";
import type { Actor } from "../permissions/permissions";
import { consultationFor, getSettings, visibleConsultation } from "./consultations.server";
import { isRowId } from "../../lib/ids";
import { httpUrl } from "../../lib/fields";


const linkSchema = z.object({
  title: z.string().trim().min(1, "Enter a title for the document").max(200, "Title must be 200 characters or fewer"),
  url: z.string().trim().min(1, "Enter the address of the document").pipe(httpUrl("Enter an address starting with https://")),
});

const fileTitleSchema = z.object({
  title: z.string().trim().min(1, "Enter a title for the document").max(200, "Title must be 200 characters or fewer"),
});

export async function addDocumentLink(db: Database, actor: Actor, consultationId: number, input: unknown): Promise<Result<{ id: number }>> {
  const found = await consultationFor(db, actor, consultationId, "consultation.manage");
  if (!found.ok) return found;
  const parsed = validate(linkSchema, input);
  if (!parsed.ok) return parsed;
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto("consultation_documents").values({ consultation_id: consultationId, title: parsed.value.title, url: parsed.value.url }).returning("id").executeTakeFirstOrThrow();
    await audit(trx, actor, "consultation.document_added", `consultation:${consultationId}`, { documentId: row.id, url: parsed.value.url });
    return ok({ id: row.id });
  });
}

export async function addDocumentFile(
  db: Database,
  actor: Actor,
  consultationId: number,
  input: { title: unknown; file: { name: string; bytes: Uint8Array } | null },
): Promise<Result<{ id: number }>> {
  const found = await consultationFor(db, actor, consultationId, "consultation.manage");
  if (!found.ok) return found;
  const parsed = validate(fileTitleSchema, { title: input.title });
  if (!parsed.ok) return parsed;
  const { max_document_bytes: limit } = await getSettings(db);
  const checked = await checkUpload(input.file, { maxBytes: limit, types: DOCUMENT_TYPES });
  if (!checked.ok) return checked;
  const file = checked.value;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("consultation_documents")
      .values({ consultation_id: consultationId, title: parsed.value.title, file_name: file.name, media_type: file.mediaType, size_bytes: file.size, content: Buffer.from(file.bytes) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, actor, "consultation.document_added", `consultation:${consultationId}`, { documentId: row.id, fileName: file.name, mediaType: file.mediaType });
    return ok({ id: row.id });
  });
}

export async function removeDocument(db: Database, actor: Actor, consultationId: number, input: unknown): Promise<Result<null>> {
  const found = await consultationFor(db, actor, consultationId, "consultation.manage");
  if (!found.ok) return found;
  const documentId = Number((input as { documentId?: unknown })?.documentId);
  if (!isRowId(documentId)) return fail("That document does not exist", 404);
  const gone = await db.deleteFrom("consultation_documents").where("id", "=", documentId).where("consultation_id", "=", consultationId).executeTakeFirst();
  if (!gone.numDeletedRows) return fail("That document does not exist", 404);
  await audit(db, actor, "consultation.document_removed", `consultation:${consultationId}`, { documentId });
  return ok(null);
}

/** An uploaded file, to anyone who may read the consultation page. */
export async function getDocumentFile(db: Database, actor: Actor, consultationId: number, documentId: number) {
  const visible = await visibleConsultation(db, actor, consultationId);
  if (!visible.ok) return visible;
  if (!isRowId(documentId)) return fail("That document does not exist", 404);
  const doc = await db
    .selectFrom("consultation_documents")
    .select(["file_name", "media_type", "content"])
    .where("id", "=", documentId)
    .where("consultation_id", "=", consultationId)
    .where("content", "is not", null)
    .executeTakeFirst();
  if (!doc) return fail("That document does not exist", 404);
  return ok({ fileName: doc.file_name!, mediaType: doc.media_type!, content: doc.content! });
}
