import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/http.server";
import { atomResponse, boardFeed } from "~/modules/syndication/atom.server";

/** A board's agendas, supplements, minutes and decisions as an Atom feed. */
export async function loader({ context, params, request }: LoaderFunctionArgs) {
  const xml = await boardFeed(context.db, params.slug ?? "", request.url);
  if (xml === null) notFound("There is no board at this address.");
  return atomResponse(xml);
}
