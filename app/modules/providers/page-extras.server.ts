/**
 * The parts of the arrangement page added for running a contract after it is let: the history of
 * changes, the extension options, the files sent with returns, and (for council staff only) what
 * residents said about the service. Read in parallel with the rest of the page.
 */
import type { Database } from "../../../db/client";
import { can, type Actor } from "../permissions/permissions";
import { extensionOptionsOf } from "./change-pages.server";
import { changeHistory } from "./changes.server";
import { residentVoice } from "./feedback.server";
import type { accessTo } from "./providers.server";
import { mayDownloadReturnFiles, type ReturnFile } from "./return-files.server";

export async function arrangementExtras(db: Database, actor: Actor, id: number, access: ReturnType<typeof accessTo>) {
  const staff = access.manage || can(actor, "contracts.view_internal");
  const [history, options, files, voice] = await Promise.all([
    access.internal ? changeHistory(db, id, { commercial: access.commercial }) : Promise.resolve([]),
    extensionOptionsOf(db, id),
    mayDownloadReturnFiles(access)
      ? db
          .selectFrom("return_attachments as f")
          .innerJoin("provider_returns as r", "r.id", "f.return_id")
          .select(["f.id", "f.return_id", "f.title", "f.file_name", "f.size_bytes"])
          .where("r.arrangement_id", "=", id)
          .orderBy("f.id")
          .execute()
          .then((rows): ReturnFile[] => rows.map((r) => ({ id: r.id, returnId: r.return_id, title: r.title, fileName: r.file_name, sizeBytes: r.size_bytes })))
      : Promise.resolve([] as ReturnFile[]),
    staff ? residentVoice(db, id) : Promise.resolve(null),
  ]);
  return { history, extensionOptions: options, returnFiles: files, residentVoice: voice };
}
