import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, rowIdParam } from "~/lib/http.server";
import { fileDownload } from "~/lib/uploads.server";
import { getDocumentFile } from "~/modules/consultations/documents.server";

/** Resource route: an uploaded supporting document, always downloaded (never shown inline). */
export async function loader({ context, params }: LoaderFunctionArgs) {
  const doc = await getDocumentFile(context.db, context.actor, rowIdParam(params.id), rowIdParam(params.documentId));
  if (!doc.ok) notFound("That document does not exist.");
  return fileDownload(doc.value, { cache: "private, max-age=300" });
}
