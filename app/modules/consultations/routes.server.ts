/** What the respond pages share: sign in first, then this person's response or a 404. */
import { data, redirect, type AppLoadContext } from "@remix-run/node";
import { notFound, requireUser } from "~/lib/http.server";
import type { Action } from "../permissions/permissions";
import { consultationFor } from "./consultations.server";
import { getMyResponse } from "./responses.server";

export async function loadMyResponse(context: AppLoadContext, request: Request, id: string | undefined) {
  requireUser(context, request);
  const result = await getMyResponse(context.db, context.actor, Number(id));
  if (!result.ok) {
    if (result.status === 403) throw data({ message: result.errors._form }, { status: 403 });
    notFound("There is no consultation at this address.");
  }
  const { answers, equality, ...rest } = result.value;
  return { ...rest, answers: Object.fromEntries([...answers].map(([k, v]) => [String(k), v])), equality };
}

/**
 * A respond page's form post: a refusal of the consultation itself (403, 404) is the same page
 * its loader would have thrown; anything else is for the form's error summary.
 */
export function refuseLikeTheLoader(result: { ok: false; errors: Record<string, string>; status?: number }): void {
  if (result.status === 403) throw data({ message: result.errors._form }, { status: 403 });
  if (result.status === 404) notFound(result.errors._form ?? "There is no consultation at this address.");
}

/** Respond pages other than the start need a response in progress; otherwise go to the start. */
export function requireStarted(view: Awaited<ReturnType<typeof loadMyResponse>>) {
  if (!view.response || view.response.status === "withdrawn") throw redirect(`/consultations/${view.consultation.id}/respond`);
  return view.response;
}

/** Officer pages: the consultation if this person may manage it (sign in, 403 or 404 otherwise). */
export async function loadManaged(context: AppLoadContext, request: Request, id: string | undefined, action: Action | Action[] = "consultation.manage") {
  requireUser(context, request);
  const found = await consultationFor(context.db, context.actor, Number(id), action);
  if (!found.ok) {
    if (found.status === 403) throw data({ message: found.errors._form }, { status: 403 });
    notFound("There is no consultation at this address.");
  }
  return found.value;
}
