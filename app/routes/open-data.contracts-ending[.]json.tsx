import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileResponse } from "~/modules/evidence/open-data.server";
import { endingSoon } from "~/modules/providers/page.server";

export async function loader({ context }: LoaderFunctionArgs) {
  const { today, until, rows } = await endingSoon(context.db);
  return fileResponse(JSON.stringify({ from: today, to: until, contractsEnding: rows }, null, 1), "json", "contracts-ending");
}
