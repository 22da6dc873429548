import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/http.server";
import { getDocumentFile } from "~/modules/consultations/documents.server";

/** Resource route: an uploaded supporting document, always downloaded (never shown inline). */
export async function loader({ context, params }: LoaderFunctionArgs) {
  const doc = await getDocumentFile(context.db, context.actor, Number(params.id), Number(params.documentId));
  if (!doc.ok) notFound("That document does not exist.");
  return new Response(new Uint8Array(doc.value.content), {
    headers: {
      "Content-Type": doc.value.mediaType,
      "Content-Disposition": `attachment; filename="${doc.value.fileName}"`,
      "Cache-Control": "private, max-age=300",
    },
  });
}
