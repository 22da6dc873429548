import { useLoaderData } from "@remix-run/react";
import { citationAction, citationLoader } from "~/modules/boards/citations-route.server";
import { CitationsPage } from "~/modules/boards/components/CitationsPage";

export const handle = { title: "Evidence and outcomes for the decision" };
export const loader = citationLoader("board_decision");
export const action = citationAction("board_decision");

export default function DecisionEvidence() {
  return <CitationsPage d={useLoaderData<typeof loader>()} />;
}
