import type { LoaderFunctionArgs } from "@remix-run/node";
import { EVIDENCE_COLUMNS, fileResponse, publicEvidenceRows, toCsv } from "~/modules/evidence/open-data.server";

export async function loader({ context }: LoaderFunctionArgs) {
  return fileResponse(toCsv(await publicEvidenceRows(context.db), EVIDENCE_COLUMNS), "csv", "evidence");
}
