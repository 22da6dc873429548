/** Route helpers: who may see this page, and how a failed action answers. */
import { data, redirect, type AppLoadContext } from "@remix-run/node";
import { withValues } from "./forms";
import type { FieldErrors } from "./result";
import { isRowId } from "./ids";

export function signInRedirect(request: Request): Response {
  const url = new URL(request.url);
  return redirect(`/sign-in?returnTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/** The signed-in person, or a redirect to sign in that comes back here. */
export function requireUser(context: AppLoadContext, request: Request): NonNullable<AppLoadContext["actor"]["user"]> {
  if (!context.actor.user) throw signInRedirect(request);
  return context.actor.user;
}

export function notFound(message = "Page not found"): never {
  throw data({ message }, { status: 404 });
}

/** A route parameter that must be a row id (or a position): anything else is "Page not found". */
export function rowIdParam(value: string | undefined): number {
  const id = Number(value);
  if (!isRowId(id)) notFound();
  return id;
}

/** A failed action: the errors, what the person typed, and the right status code. */
export function formFailure(result: { errors: FieldErrors; status?: number }, formData: FormData) {
  return data(withValues(result.errors, formData), { status: result.status ?? 400 });
}

/** Set-Cookie headers plus a redirect (sign in, sign out). */
export function redirectWithCookie(to: string, cookie: string): Response {
  return redirect(to, { headers: { "Set-Cookie": cookie } });
}
