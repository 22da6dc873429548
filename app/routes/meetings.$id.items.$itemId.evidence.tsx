import { useLoaderData } from "@remix-run/react";
import { citationAction, citationLoader } from "~/modules/boards/citations-route.server";
import { CitationsPage } from "~/modules/boards/components/CitationsPage";

export const handle = { title: "Evidence and outcomes for the agenda item" };
export const loader = citationLoader("agenda_item");
export const action = citationAction("agenda_item");

export default function AgendaItemEvidence() {
  return <CitationsPage d={useLoaderData<typeof loader>()} />;
}
