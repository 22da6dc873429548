/**
 * Rules of the commissioning plan that need no database: milestone status (Done/Late/Due), a
 * milestone inside the plan period, risk scores, and who counts as approving a plan.
 */
import type { RiskLevel } from "../../../db/tables/evidence";
import type { DecisionRelation } from "../../../db/tables/commissioning";
import type { IsoDate } from "../calendar/days";

export type MilestoneStatus = "done" | "late" | "due";
export const MILESTONE_STATUS_LABELS: Record<MilestoneStatus, string> = { done: "Done", late: "Late", due: "Due" };

/** Done once it has a done date; Late when its due day has passed (in London) and it is not done. */
export function milestoneStatus(m: { dueOn: IsoDate; doneOn: IsoDate | null }, today: IsoDate): MilestoneStatus {
  if (m.doneOn) return "done";
  return m.dueOn < today ? "late" : "due";
}

/** Was it done after its due day (still Done, but recorded late)? */
export const doneLate = (m: { dueOn: IsoDate; doneOn: IsoDate | null }) => m.doneOn !== null && m.doneOn > m.dueOn;

/** A milestone must fall inside the plan period; answers the error, or null. */
export function milestoneOutsidePlan(dueOn: IsoDate, plan: { startsOn: IsoDate | null; endsOn: IsoDate | null }): string | null {
  if (!plan.endsOn) return "Set the plan’s end date before adding milestones";
  if (dueOn > plan.endsOn) return `The milestone is after the plan ends (${plan.endsOn}): move it, or change the plan period`;
  if (plan.startsOn && dueOn < plan.startsOn) return `The milestone is before the plan starts (${plan.startsOn})`;
  return null;
}

const LEVEL_SCORE: Record<RiskLevel, number> = { low: 1, medium: 2, high: 3 };
/** Likelihood × impact, 1 to 9. */
export const riskScore = (likelihood: RiskLevel, impact: RiskLevel) => LEVEL_SCORE[likelihood] * LEVEL_SCORE[impact];
export const riskRating = (score: number) => (score >= 6 ? "High" : score >= 3 ? "Medium" : "Low");

/** Relations that let a plan pass to Do: approved, or approved with amendments. */
export const APPROVING: readonly DecisionRelation[] = ["approves", "amends"];
export const DECISION_RELATION_LABELS: Record<DecisionRelation, string> = {
  approves: "Approves",
  amends: "Approves with amendments",
  rejects: "Rejects",
  informs: "Informs (noted, not decided)",
};
