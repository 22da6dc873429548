/** Route helpers for the commissioning pages: the review a manager is working on. */
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, requireUser, rowIdParam, signInRedirect } from "~/lib/http.server";
import type { Result } from "~/lib/result";
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

/** The loader every plan sub-page (plan, risks, equality) shares: the managed review. */
export async function managedReviewLoader({ context, request, params }: LoaderFunctionArgs) {
  const review = await managedReview(context, request, params.id);
  return { review };
}

type ReviewCommand = (db: AppLoadContext["db"], actor: AppLoadContext["actor"], input: Record<string, unknown>) => Promise<Result<unknown>>;

/**
 * The action the plan sub-pages share: signed in, the form plus the review id from the URL to a
 * module command, errors back with the person's input, else the "done" banner text.
 * `pick` chooses the command and its banner from the submitted form (e.g. by `intent`).
 */
export async function reviewFormAction({ context, request, params }: ActionFunctionArgs, pick: (formData: FormData) => { run: ReviewCommand; done: string }) {
  requireUser(context, request);
  const formData = await request.formData();
  const { run, done } = pick(formData);
  const result = await run(context.db, context.actor, { ...formInput(formData), reviewId: params.id });
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, done });
}
