import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileResponse } from "~/modules/evidence/open-data.server";
import { intentionRows, marketWriting } from "~/modules/providers/intentions.server";

export async function loader({ context }: LoaderFunctionArgs) {
  const { intentions, statements } = await marketWriting(context.db, context.actor, { publicOnly: true });
  const marketPositionStatements = statements.map((m) => ({ strategy_id: m.strategyId, strategy: m.strategyTitle, demand: m.demand, supply: m.supply, what_we_want_from_the_market: m.marketAsks, updated_on: m.updatedOn, url: `/commissioning-strategies/${m.strategyId}` }));
  return fileResponse(JSON.stringify({ intentions: intentionRows(intentions), marketPositionStatements }, null, 1), "json", "commissioning-intentions");
}
