/**
 * Evidence attachments: the report, dataset or assessment itself, kept in PostgreSQL. Whoever may
 * see the evidence item may download its attachments (so an internal item's files never reach the
 * public); officers who may manage evidence add and remove them.
 */
import { z } from "zod";
import type { Database } from "../../../db/client";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { checkUpload, DOCUMENT_TYPES, IMAGE_TYPES, type UploadedFile } from "../../lib/uploads.server";
import { audit } from "../audit/audit.server";
import { decide, type Actor } from "../permissions/permissions";
import { getEvidence, localityTarget } from "./evidence.server";
import { isRowId } from "../../lib/ids";

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const ATTACHMENT_TYPES = { ...DOCUMENT_TYPES, ...IMAGE_TYPES };

const attachmentSchema = z.object({
  attachmentTitle: z
    .string({ error: "Enter a title for the attachment" })
    .trim()
    .min(1, "Enter a title for the attachment")
    .max(200, "The title must be 200 characters or fewer"),
});

export interface AttachmentSummary {
  id: number;
  title: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
}

/** The item as this actor may see it (null when they may not), and whether they may change it. */
export async function itemFor(db: Database, actor: Actor, evidenceId: number) {
  const item = await getEvidence(db, actor, evidenceId);
  if (!item) return null;
  return { item, manage: decide(actor, "evidence.manage", localityTarget(item.localityId)).ok };
}

/** The attachments of an item the caller has already found the actor may see (with itemFor). */
export async function attachmentsOf(db: Database, evidenceId: number): Promise<AttachmentSummary[]> {
  const rows = await db
    .selectFrom("evidence_attachments")
    .select(["id", "title", "file_name", "media_type", "size_bytes"])
    .where("evidence_item_id", "=", evidenceId)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, fileName: r.file_name, mediaType: r.media_type, sizeBytes: r.size_bytes }));
}

export async function listAttachments(db: Database, actor: Actor, evidenceId: number): Promise<AttachmentSummary[]> {
  return (await itemFor(db, actor, evidenceId)) ? attachmentsOf(db, evidenceId) : [];
}

export async function addAttachment(
  db: Database,
  actor: Actor,
  evidenceId: number,
  input: { attachmentTitle: unknown; file: UploadedFile | null },
): Promise<Result<{ attachmentId: number }>> {
  const found = await itemFor(db, actor, evidenceId);
  if (!found) return fail("That evidence does not exist", 404);
  if (!found.manage) return fail("You do not have permission to change this evidence", 403);
  const parsed = validate(attachmentSchema, { attachmentTitle: input.attachmentTitle });
  const file = await checkUpload(input.file, { maxBytes: MAX_ATTACHMENT_BYTES, types: ATTACHMENT_TYPES });
  if (!parsed.ok || !file.ok) return fail({ ...(parsed.ok ? {} : parsed.errors), ...(file.ok ? {} : file.errors) });
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("evidence_attachments")
      .values({
        evidence_item_id: evidenceId,
        title: parsed.value.attachmentTitle,
        file_name: file.value.name,
        media_type: file.value.mediaType,
        size_bytes: file.value.size,
        content: Buffer.from(file.value.bytes),
        added_by: actor.user?.id ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, actor, "evidence.attachment_added", `evidence:${evidenceId}`, { attachmentId: row.id, fileName: file.value.name, mediaType: file.value.mediaType });
    return ok({ attachmentId: row.id });
  });
}

export async function removeAttachment(db: Database, actor: Actor, evidenceId: number, input: unknown): Promise<Result<null>> {
  const found = await itemFor(db, actor, evidenceId);
  if (!found) return fail("That evidence does not exist", 404);
  if (!found.manage) return fail("You do not have permission to change this evidence", 403);
  const attachmentId = Number((input as { attachmentId?: unknown } | null)?.attachmentId);
  if (!isRowId(attachmentId)) return fail("That attachment has already been removed", 404);
  return db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom("evidence_attachments").where("id", "=", attachmentId).where("evidence_item_id", "=", evidenceId).executeTakeFirst();
    if (!gone.numDeletedRows) return fail("That attachment has already been removed", 404);
    await audit(trx, actor, "evidence.attachment_removed", `evidence:${evidenceId}`, { attachmentId });
    return ok(null);
  });
}

/** A file to download, or null when it does not exist or the actor may not see its item (never says which). */
export async function attachmentForDownload(db: Database, actor: Actor, evidenceId: number, attachmentId: number) {
  if (!isRowId(attachmentId) || !(await itemFor(db, actor, evidenceId))) return null;
  const row = await db
    .selectFrom("evidence_attachments")
    .select(["file_name", "media_type", "content"])
    .where("id", "=", attachmentId)
    .where("evidence_item_id", "=", evidenceId)
    .executeTakeFirst();
  return row ? { fileName: row.file_name, mediaType: row.media_type, content: row.content } : null;
}
