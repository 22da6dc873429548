/** Route helpers for the commissioning pages: the review a manager is working on. */
import type { AppLoadContext } from "@remix-run/node";
import { notFound, rowIdParam, signInRedirect } from "~/lib/http.server";
import { data } from "@remix-run/node";
import { getReview } from "../evidence/reviews.server";

/** The review, for someone who manages it (else sign in / 403 / 404). */
export async function managedReview(context: AppLoadContext, request: Request, id: string | undefined) {
  const review = await getReview(context.db, context.actor, rowIdParam(id));
  if (!review) {
    if (!context.actor.user) throw signInRedirect(request);
    notFound("There is no commissioning review at this address.");
  }
  if (!review.canManage) {
    if (!context.actor.user) throw signInRedirect(request);
    throw data({ message: "You do not have permission to do this" }, { status: 403 });
  }
  return review;
}
