import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse, decisionsFeed } from "~/modules/syndication/atom.server";

/** The decisions register as an Atom feed. */
export async function loader({ context, request }: LoaderFunctionArgs) {
  return atomResponse(await decisionsFeed(context.db, request.url));
}
