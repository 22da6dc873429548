/**
 * Papers for agenda items, stored in PostgreSQL. The type is checked from the file's first bytes
 * (magic numbers), never its name; the size is limited. Exempt items' papers are never public.
 */
import { fileTypeFromBuffer } from "file-type";
import { z } from "zod";
import type { Database } from "../../../db/client";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { boardTarget } from "../boards/boards.server";
import { decide, type Actor } from "../permissions/permissions";

export const MAX_PAPER_BYTES = 10 * 1024 * 1024;
export const PAPER_TYPES: Record<string, string> = {
  "application/pdf": "PDF",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel spreadsheet",
  "application/vnd.oasis.opendocument.text": "OpenDocument text",
  "image/png": "PNG image",
  "image/jpeg": "JPEG image",
};

const paperSchema = z.object({
  meetingId: z.coerce.number().int().positive(),
  paperItemId: z.coerce.number({ error: "Choose an agenda item" }).int().positive("Choose an agenda item"),
  paperTitle: z.string({ error: "Enter a title for the paper" }).trim().min(1, "Enter a title for the paper").max(200, "The title must be 200 characters or fewer"),
  file: z.object({ name: z.string(), bytes: z.instanceof(Uint8Array) }, { error: "Choose a file to upload" }),
});

export async function uploadPaper(db: Database, actor: Actor, input: unknown): Promise<Result<{ paperId: number; meetingId: number; events: [] }>> {
  const parsed = validate(paperSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const item = await db
    .selectFrom("agenda_items as ai")
    .innerJoin("meetings as m", "m.id", "ai.meeting_id")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .select(["ai.id", "m.id as meeting_id", "m.status", "b.id as board_id", "b.locality_id"])
    .where("ai.id", "=", v.paperItemId)
    .where("m.id", "=", v.meetingId)
    .executeTakeFirst();
  if (!item) return fail({ paperItemId: "Choose an item on this agenda" }, 404);
  const allowed = decide(actor, "board.manage", boardTarget(item.board_id, item.locality_id));
  if (!allowed.ok) return fail(allowed.message, 403);
  if (item.status !== "draft" && item.status !== "agenda_published") return fail("Papers can only be added before the meeting starts", 409);
  if (v.file.bytes.byteLength === 0) return fail({ file: "The chosen file is empty" });
  if (v.file.bytes.byteLength > MAX_PAPER_BYTES) return fail({ file: "The file must be smaller than 10 MB" });
  const type = await fileTypeFromBuffer(v.file.bytes);
  if (!type || !PAPER_TYPES[type.mime]) return fail({ file: "The file must be a PDF, Word, Excel, OpenDocument text, PNG or JPEG file" });
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("papers")
      .values({ agenda_item_id: item.id, title: v.paperTitle, file_name: v.file.name.replace(/[^\w.\- ]+/g, "_").slice(0, 200) || `paper.${type.ext}`, media_type: type.mime, size_bytes: v.file.bytes.byteLength, content: Buffer.from(v.file.bytes) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, actor, "paper.uploaded", `paper:${row.id}`, { itemId: item.id, bytes: v.file.bytes.byteLength });
    return ok({ paperId: row.id, meetingId: item.meeting_id, events: [] });
  });
}

/** A paper to download: anyone for a published meeting's public item; exempt papers only for the board's officers. */
export async function paperForDownload(db: Database, actor: Actor, paperId: number) {
  const paper = await db
    .selectFrom("papers as p")
    .innerJoin("agenda_items as ai", "ai.id", "p.agenda_item_id")
    .innerJoin("meetings as m", "m.id", "ai.meeting_id")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .select(["p.file_name", "p.media_type", "p.content", "ai.kind", "m.status", "b.id as board_id", "b.locality_id"])
    .where("p.id", "=", paperId)
    .executeTakeFirst();
  if (!paper) return null;
  const officer = decide(actor, "board.manage", boardTarget(paper.board_id, paper.locality_id)).ok;
  if (!officer && (paper.kind === "exempt" || paper.status === "draft")) return null;
  return paper;
}
