import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, rowIdParam } from "~/lib/http.server";
import { fileDownload } from "~/lib/uploads.server";
import { paperForDownload } from "~/modules/meetings/papers.server";

/** A paper's file, as uploaded (its type was checked from its contents on upload). */
export async function loader({ context, params }: LoaderFunctionArgs) {
  const paper = await paperForDownload(context.db, context.actor, rowIdParam(params.id));
  if (!paper) notFound("There is no public paper at this address.");
  return fileDownload({ fileName: paper.file_name, mediaType: paper.media_type, content: paper.content });
}
