import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, rowIdParam } from "~/lib/http.server";
import { fileDownload } from "~/lib/uploads.server";
import { attachmentForDownload } from "~/modules/evidence/attachments.server";

/** Resource route: an evidence item's attachment, to whoever may see the item (internal stays internal). */
export async function loader({ context, params }: LoaderFunctionArgs) {
  const file = await attachmentForDownload(context.db, context.actor, rowIdParam(params.id), rowIdParam(params.attachmentId));
  if (!file) notFound("There is no attachment at this address, or it is not published.");
  return fileDownload(file);
}
