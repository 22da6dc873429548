import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileResponse, toCsv } from "~/modules/evidence/open-data.server";
import { INTENTION_COLUMNS, intentionRows, marketWriting } from "~/modules/providers/intentions.server";

export async function loader({ context }: LoaderFunctionArgs) {
  const { intentions } = await marketWriting(context.db, context.actor, { publicOnly: true });
  return fileResponse(toCsv(intentionRows(intentions), INTENTION_COLUMNS), "csv", "commissioning-intentions");
}
