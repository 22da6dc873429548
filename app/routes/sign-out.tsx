import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { redirectWithCookie } from "~/lib/http.server";
import { settle } from "~/lib/effects.server";
import { signOut } from "~/modules/auth/session.server";

export async function loader() {
  // Signing out changes state, so it is a POST (the button in the header); a GET just goes home.
  return redirect("/");
}

export async function action({ context }: ActionFunctionArgs) {
  const ended = await settle(context.bus, signOut(context.db, context.actor, context.sessionId, { secure: context.secure }));
  return redirectWithCookie("/?signedOut=1", ended.ok ? ended.value : "");
}
