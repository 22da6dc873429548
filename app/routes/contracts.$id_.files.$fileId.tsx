import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, rowIdParam } from "~/lib/http.server";
import { fileDownload } from "~/lib/uploads.server";
import { returnFileForDownload } from "~/modules/providers/return-files.server";

/** Resource route: a file sent with a provider's return, to the provider and the council's contract staff only. */
export async function loader({ context, params }: LoaderFunctionArgs) {
  const file = await returnFileForDownload(context.db, context.actor, rowIdParam(params.id), rowIdParam(params.fileId));
  if (!file) notFound("There is no file at this address, or it is not yours to see.");
  return fileDownload(file);
}
