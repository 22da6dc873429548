/**
 * Who may do what to a commissioning review, through the permissions module: a commissioner
 * (council-wide, or of the review's locality) or an admin manages it, and so does the review's
 * named accountable commissioner. Drafts (Analyse, Plan) are internal; a plan is public once it
 * has passed the approval gate (Do, Review), without its risk register or confidential costs.
 */
import type { CommissioningStage } from "../../../db/tables/evidence";
import { can, COUNCIL, decide, type Actor, type Decision, type Target } from "../permissions/permissions";

export interface ReviewAccessFacts {
  locality_id: number | null;
  accountable_commissioner_id: number | null;
  stage: CommissioningStage;
}

export const reviewTarget = (localityId: number | null): Target => (localityId === null ? COUNCIL : { kind: "locality", localityId });

export function decideManageReview(actor: Actor, review: Pick<ReviewAccessFacts, "locality_id" | "accountable_commissioner_id">): Decision {
  const byRole = decide(actor, "commissioning.manage", reviewTarget(review.locality_id));
  if (byRole.ok) return byRole;
  if (actor.user && review.accountable_commissioner_id === actor.user.id) return { ok: true };
  return byRole;
}

export const mayManageReview = (actor: Actor, review: Pick<ReviewAccessFacts, "locality_id" | "accountable_commissioner_id">) => decideManageReview(actor, review).ok;

/** A plan that has passed the approval gate is public; Analyse and Plan are drafts. */
export const isApprovedStage = (stage: CommissioningStage) => stage === "do" || stage === "review";

export const seesInternal = (actor: Actor) => can(actor, "commissioning.view_internal");

export function maySeeReview(actor: Actor, review: ReviewAccessFacts): boolean {
  return isApprovedStage(review.stage) || seesInternal(actor) || mayManageReview(actor, review);
}
