import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileResponse, toCsv } from "~/modules/evidence/open-data.server";
import { FORWARD_PLAN_COLUMNS, forwardPlanRows } from "~/modules/governance/governance.server";

export async function loader({ context }: LoaderFunctionArgs) {
  return fileResponse(toCsv(await forwardPlanRows(context.db), [...FORWARD_PLAN_COLUMNS]), "csv", "forward-plan");
}
