import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileResponse, publicEvidenceRows } from "~/modules/evidence/open-data.server";

export async function loader({ context }: LoaderFunctionArgs) {
  return fileResponse(JSON.stringify({ evidence: await publicEvidenceRows(context.db) }, null, 1), "json", "evidence");
}
