import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse } from "~/modules/syndication/atom.server";
import { challengeRegisterFeed } from "~/modules/syndication/register-atom.server";

/** The Right to Challenge register as an Atom feed (public entries only). */
export async function loader({ context, request }: LoaderFunctionArgs) {
  return atomResponse(await challengeRegisterFeed(context.db, request.url));
}
