import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileResponse, INDICATOR_COLUMNS, publicIndicatorRows, toCsv } from "~/modules/evidence/open-data.server";

export async function loader({ context }: LoaderFunctionArgs) {
  return fileResponse(toCsv(await publicIndicatorRows(context.db), INDICATOR_COLUMNS), "csv", "indicator-values");
}
