import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, rowIdParam } from "~/lib/http.server";
import { fileDownload } from "~/lib/uploads.server";
import { agendaPack } from "~/modules/meetings/agenda-pack.server";

/** The agenda and every public paper of a published meeting, as one ZIP file. */
export async function loader({ context, params }: LoaderFunctionArgs) {
  const pack = await agendaPack(context.db, rowIdParam(params.id));
  if (!pack) notFound("There is no published meeting at this address.");
  return fileDownload({ fileName: pack.fileName, mediaType: "application/zip", content: pack.bytes }, { cache: "public, max-age=300" });
}
