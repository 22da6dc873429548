import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/http.server";
import { paperForDownload } from "~/modules/meetings/papers.server";

/** A paper's file, as uploaded (its type was checked from its contents on upload). */
export async function loader({ context, params }: LoaderFunctionArgs) {
  const paper = await paperForDownload(context.db, context.actor, Number(params.id) || 0);
  if (!paper) notFound("There is no public paper at this address.");
  return new Response(new Uint8Array(paper.content), {
    headers: {
      "Content-Type": paper.media_type,
      "Content-Disposition": `attachment; filename="${paper.file_name.replace(/"/g, "")}"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
