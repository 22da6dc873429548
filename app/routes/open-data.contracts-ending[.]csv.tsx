import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileResponse, toCsv } from "~/modules/evidence/open-data.server";
import { endingSoon, ENDING_COLUMNS } from "~/modules/providers/page.server";

export async function loader({ context }: LoaderFunctionArgs) {
  return fileResponse(toCsv((await endingSoon(context.db)).rows, ENDING_COLUMNS), "csv", "contracts-ending");
}
