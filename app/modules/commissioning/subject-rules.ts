/**
 * Which subjects a board decision may cite, and how (pure; test/unit/decision-subject-rules.test.ts).
 *
 * "Informs" (the decision noted it) may cite anything the public can already see; deciding it
 * (approves, approves with amendments, rejects) needs the subject to be ready to be decided:
 * - a consultation must have been open to the public (not draft or scheduled) to be cited at all,
 *   and must have closed before a decision can decide on what it consulted about;
 * - an expression of interest must have been submitted (a draft is the group's own); a decision
 *   approves one only once the council has accepted it (accepted, with modification, or on to
 *   procurement), and rejects one only once the council has rejected it: the EOI's own statutory
 *   process records the council's decision first, and the board decision then cites it;
 * - a commissioning plan is decided at its Plan stage (before the approval gate); after that a
 *   decision only informs it, except that the clerk may re-classify a link already made (say the
 *   board approved it with amendments).
 */
import type { DecisionRelation, DecisionSubjectKind } from "../../../db/tables/commissioning";
import type { CommissioningStage } from "../../../db/tables/evidence";
import type { ConsultationStatus } from "../../../db/tables/consultations";
import type { EoiStatus } from "../../../db/tables/challenges";

export const DECIDING: readonly DecisionRelation[] = ["approves", "amends", "rejects"];
const ACCEPTED: readonly EoiStatus[] = ["accepted", "accepted_with_modification", "procurement_pending", "procurement_started"];
const CONSULTATION_WORDS: Record<ConsultationStatus, string> = { draft: "a draft", scheduled: "scheduled, not yet open", open: "still open", closed: "closed", results_published: "closed with its results published" };
const EOI_WORDS: Record<EoiStatus, string> = {
  draft: "a draft",
  submitted: "submitted",
  acknowledged: "acknowledged",
  decision_date_notified: "waiting for the council’s decision",
  under_consideration: "under consideration",
  modification_proposed: "waiting on a proposed modification",
  modification_agreed: "modified, not yet decided",
  modification_declined: "waiting for the council’s decision",
  accepted: "accepted",
  accepted_with_modification: "accepted with modification",
  rejected: "rejected",
  procurement_pending: "accepted, with procurement to start",
  procurement_started: "accepted, with procurement started",
  closed: "closed",
  withdrawn: "withdrawn",
};

export type SubjectFacts =
  | { kind: "consultation"; status: ConsultationStatus }
  | { kind: "challenge"; status: EoiStatus }
  | { kind: "commissioning_review"; stage: CommissioningStage };

/** Null when the decision may cite this subject this way; else the message for the field. */
export function subjectProblem(facts: SubjectFacts, relation: DecisionRelation, alreadyLinked: boolean): { field: "subject" | "relation"; message: string } | null {
  const deciding = DECIDING.includes(relation);
  switch (facts.kind) {
    case "consultation":
      if (facts.status === "draft" || facts.status === "scheduled") return { field: "subject", message: `That consultation is ${CONSULTATION_WORDS[facts.status]}: a decision can cite a consultation only once it has been open to the public` };
      if (deciding && facts.status === "open") return { field: "relation", message: "That consultation is still open: a decision cannot decide on it before it closes. Link it as “Informs”, or wait until it closes" };
      return null;
    case "challenge":
      if (facts.status === "draft") return { field: "subject", message: "That expression of interest is a draft: it belongs to the group until they submit it" };
      if ((relation === "approves" || relation === "amends") && !ACCEPTED.includes(facts.status))
        return { field: "relation", message: `The council has not accepted that expression of interest (it is ${EOI_WORDS[facts.status]}): record its decision on the expression of interest first, or link it as “Informs”` };
      if (relation === "rejects" && facts.status !== "rejected" && facts.status !== "closed")
        return { field: "relation", message: `The council has not rejected that expression of interest (it is ${EOI_WORDS[facts.status]}): record its decision on the expression of interest first, or link it as “Informs”` };
      return null;
    case "commissioning_review":
      if (deciding && facts.stage !== "plan" && !alreadyLinked)
        return { field: "relation", message: facts.stage === "analyse" ? "That review has no plan yet (it is at the Analyse stage): link it as “Informs”" : "That plan has already passed the approval gate: a new decision can only inform it" };
      return null;
  }
}

/** A subject picked on the form as "kind:id" (one list of consultations, EOIs and plans). */
export function parseSubjectPick(pick: unknown): { kind: DecisionSubjectKind; id: number } | null {
  const m = typeof pick === "string" ? /^(commissioning_review|consultation|challenge):([1-9]\d{0,9})$/.exec(pick) : null;
  if (!m) return null;
  const id = Number(m[2]);
  return id <= 2_147_483_647 ? { kind: m[1] as DecisionSubjectKind, id } : null;
}
