import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileResponse, publicIndicatorRows } from "~/modules/evidence/open-data.server";

export async function loader({ context }: LoaderFunctionArgs) {
  return fileResponse(JSON.stringify({ indicatorValues: await publicIndicatorRows(context.db) }, null, 1), "json", "indicator-values");
}
