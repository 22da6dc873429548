/**
 * Papers for agenda items, stored in PostgreSQL. The type is checked from the file's first bytes
 * (magic numbers), never its name; the size is limited. Exempt items' papers are never public.
 */
import { z } from "zod";
import { rowId } from "../../lib/fields";
import type { Database } from "../../../db/client";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { checkUpload, DOCUMENT_TYPES, IMAGE_TYPES } from "../../lib/uploads.server";
import { audit } from "../audit/audit.server";
import { boardTarget } from "../boards/boards.server";
import { holdsSeat } from "./meetings.server";
import { paperPublished } from "../notifications/meeting-events.server";
import { decide, type Actor } from "../permissions/permissions";

export const MAX_PAPER_BYTES = 10 * 1024 * 1024;
const PAPER_TYPES = { ...DOCUMENT_TYPES, ...IMAGE_TYPES };

const paperSchema = z.object({
  meetingId: rowId(),
  paperItemId: rowId("Choose an agenda item"),
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
  const checked = await checkUpload(v.file, { maxBytes: MAX_PAPER_BYTES, types: PAPER_TYPES });
  if (!checked.ok) return checked;
  const file = checked.value;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("papers")
      .values({ agenda_item_id: item.id, title: v.paperTitle, file_name: file.name, media_type: file.mediaType, size_bytes: file.size, content: Buffer.from(file.bytes) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, actor, "paper.uploaded", `paper:${row.id}`, { itemId: item.id, bytes: file.size });
    // A paper added to a published agenda: the board's followers are told (not for an exempt item).
    const notified = await paperPublished(trx, row.id);
    return ok({ paperId: row.id, meetingId: item.meeting_id, events: [] as [] }, notified);
  });
}

/** A paper to download: anyone for a published meeting's public item; exempt papers only for the board's officers and members. */
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
  if (!officer && paper.status === "draft") return null;
  // Members receive the exempt papers of their own board (as clerks send them the "pink papers").
  if (!officer && paper.kind === "exempt" && !(await holdsSeat(db, actor, paper.board_id))) return null;
  return paper;
}
