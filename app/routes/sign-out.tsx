import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { redirectWithCookie } from "~/lib/http.server";
import { identityChanged } from "~/modules/auth/live-identity.server";
import { endSession } from "~/modules/auth/session.server";

export async function loader() {
  // Signing out changes state, so it is a POST (the button in the header); a GET just goes home.
  return redirect("/");
}

export async function action({ context }: ActionFunctionArgs) {
  const cookie = await endSession(context.db, context.sessionId, { secure: context.secure });
  await identityChanged(context.io, context.actor.user?.id);
  return redirectWithCookie("/?signedOut=1", cookie);
}
