import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileResponse } from "~/modules/evidence/open-data.server";
import { forwardPlanRows } from "~/modules/governance/governance.server";

export async function loader({ context }: LoaderFunctionArgs) {
  return fileResponse(JSON.stringify({ forwardPlan: await forwardPlanRows(context.db) }, null, 1), "json", "forward-plan");
}
