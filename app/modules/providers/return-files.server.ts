/**
 * Files sent with a provider's return (a report, photographs, a spreadsheet), checked by their
 * contents with the one upload checker (app/lib/uploads.server.ts) and kept in PostgreSQL.
 * A file can be added while its month is open (sent, not yet rated), by the provider's people or
 * the contract manager. Who may download: those who may see the returns and the commercial terms
 * (the provider, the contract manager, and council staff where the terms are not confidential);
 * never the public.
 */
import { sql } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/client";
import { validate } from "../../lib/forms";
import { isRowId } from "../../lib/ids";
import { fail, ok, type Result } from "../../lib/result";
import { checkUpload, DOCUMENT_TYPES, IMAGE_TYPES, type UploadedFile } from "../../lib/uploads.server";
import { audit } from "../audit/audit.server";
import type { Actor } from "../permissions/permissions";
import { isoDate } from "../evidence/dates";
import { monthLabel } from "./periods";
import { accessTo, arrangementRow } from "./providers.server";
import { isRated, mayReport } from "./returns.server";
import { month, required } from "./schema";

export const MAX_RETURN_FILE_BYTES = 10 * 1024 * 1024;
const RETURN_FILE_TYPES = { ...DOCUMENT_TYPES, ...IMAGE_TYPES };

const returnFileSchema = z.object({ period: month("the month of the return"), title: required("a title for the file", 200) });

export interface ReturnFile {
  id: number;
  returnId: number;
  title: string;
  fileName: string;
  sizeBytes: number;
}

export async function addReturnFile(db: Database, actor: Actor, arrangementId: number, input: { period: unknown; title: unknown; file: UploadedFile | null }): Promise<Result<{ fileId: number; period: string }>> {
  const parsed = validate(returnFileSchema, { period: input.period, title: input.title });
  const file = await checkUpload(input.file, { maxBytes: MAX_RETURN_FILE_BYTES, types: RETURN_FILE_TYPES });
  return db.transaction().execute(async (trx) => {
    const a = await arrangementRow(trx, arrangementId, true);
    if (!a) return fail("That arrangement does not exist", 404);
    const allowed = mayReport(actor, a);
    if (!allowed.ok) return fail(allowed.message, 403);
    if (!parsed.ok || !file.ok) return fail({ ...(parsed.ok ? {} : parsed.errors), ...(file.ok ? {} : file.errors) });
    const { period, title } = parsed.value;
    const ret = await trx.selectFrom("provider_returns").select("id").where("arrangement_id", "=", a.id).where("period", "=", sql<Date>`${period}::date`).executeTakeFirst();
    if (!ret) return fail({ period: `There is no return for ${monthLabel(period)} yet: send the return first` });
    if (await isRated(trx, a.id, period)) return fail({ period: `${monthLabel(period)} is closed: the contract manager has already rated it` });
    const row = await trx
      .insertInto("return_attachments")
      .values({ return_id: ret.id, title, file_name: file.value.name, media_type: file.value.mediaType, size_bytes: file.value.size, content: Buffer.from(file.value.bytes), added_by: actor.user?.id ?? null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, actor, "return.file_added", `arrangement:${a.id}`, { period, fileId: row.id, fileName: file.value.name, mediaType: file.value.mediaType });
    return ok({ fileId: row.id, period });
  });
}

/** The files of these returns (the caller has already checked the actor may see them). */
export async function filesOfReturns(db: Database, returnIds: number[]): Promise<ReturnFile[]> {
  if (!returnIds.length) return [];
  const rows = await db.selectFrom("return_attachments").select(["id", "return_id", "title", "file_name", "size_bytes"]).where("return_id", "in", returnIds).orderBy("id").execute();
  return rows.map((r) => ({ id: r.id, returnId: r.return_id, title: r.title, fileName: r.file_name, sizeBytes: r.size_bytes }));
}

/** May this actor download this arrangement's return files? */
export const mayDownloadReturnFiles = (access: ReturnType<typeof accessTo>) => access.internal && access.commercial;

/** A file to download, or null when it does not exist or the actor may not have it (never says which). */
export async function returnFileForDownload(db: Database, actor: Actor, arrangementId: number, fileId: number) {
  if (!isRowId(arrangementId) || !isRowId(fileId)) return null;
  const a = await arrangementRow(db, arrangementId);
  if (!a || !mayDownloadReturnFiles(accessTo(actor, a))) return null;
  const row = await db
    .selectFrom("return_attachments as f")
    .innerJoin("provider_returns as r", "r.id", "f.return_id")
    .select(["f.file_name", "f.media_type", "f.content"])
    .where("f.id", "=", fileId)
    .where("r.arrangement_id", "=", arrangementId)
    .executeTakeFirst();
  return row ? { fileName: row.file_name, mediaType: row.media_type, content: row.content } : null;
}

/** Returns still open (sent, not rated) with their files: where a file can still be added. Newest first, at most 24. */
export async function openReturnsWithFiles(db: Database, arrangementId: number) {
  const rows = await db
    .selectFrom("provider_returns as r")
    .select(["r.id", "r.period"])
    .where("r.arrangement_id", "=", arrangementId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("period_ratings as p").select("p.period").whereRef("p.arrangement_id", "=", "r.arrangement_id").whereRef("p.period", "=", "r.period"))))
    .orderBy("r.period", "desc")
    .limit(24)
    .execute();
  const files = await filesOfReturns(db, rows.map((r) => r.id));
  return rows.map((r) => ({ id: r.id, period: isoDate(r.period), files: files.filter((f) => f.returnId === r.id) }));
}
