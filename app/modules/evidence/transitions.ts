/** The commissioning cycle: the legal moves between stages of a review. */
import type { CommissioningStage } from "../../../db/tables/evidence";

export const STAGE_TRANSITIONS: Record<CommissioningStage, CommissioningStage> = {
  analyse: "plan",
  plan: "do",
  do: "review",
  // A review starts the next cycle with a fresh analysis.
  review: "analyse",
};

export function canMove(from: CommissioningStage, to: CommissioningStage): boolean {
  return STAGE_TRANSITIONS[from] === to;
}
