/** The route helper for restricted pages: loaders ask the permission rules through it (helpers that know no rules are in app/lib/http.server.ts). */
import { data, type AppLoadContext } from "@remix-run/node";
import { signInRedirect } from "../../lib/http.server";
import { decide, type Action, type Target } from "./permissions";

/** Throws a sign-in redirect or a 403 the error boundary shows as "You cannot do this". */
export function requirePermission(context: AppLoadContext, request: Request, action: Action, target?: Target): void {
  const decision = decide(context.actor, action, target);
  if (decision.ok) return;
  if (decision.reason === "sign-in") throw signInRedirect(request);
  throw data({ message: decision.message }, { status: 403 });
}
