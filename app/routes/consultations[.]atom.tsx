import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse, consultationsFeed } from "~/modules/syndication/atom.server";

/** Consultations as they open, as an Atom feed. */
export async function loader({ context, request }: LoaderFunctionArgs) {
  return atomResponse(await consultationsFeed(context.db, request.url));
}
