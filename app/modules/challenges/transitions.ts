/**
 * The life of an expression of interest. Pure: the one table of legal state changes, who may make
 * each (the group that made the EOI, or an officer), and the checks built on it.
 */
import type { EoiStatus } from "../../../db/tables/challenges";

export type { EoiStatus };
export type Party = "group" | "officer";

export const STATUS_LABELS: Record<EoiStatus, string> = {
  draft: "Draft",
  submitted: "Submitted",
  acknowledged: "Acknowledged",
  decision_date_notified: "Decision date notified",
  under_consideration: "Under consideration",
  modification_proposed: "Modification proposed",
  modification_agreed: "Modification agreed",
  modification_declined: "Modification declined",
  accepted: "Accepted",
  accepted_with_modification: "Accepted with modification",
  rejected: "Rejected",
  procurement_pending: "Procurement pending",
  procurement_started: "Procurement started",
  closed: "Closed",
  withdrawn: "Withdrawn",
};

/** Not open: nothing more can happen except what the table allows (rejected → closed). */
export const FINISHED: ReadonlySet<EoiStatus> = new Set(["rejected", "closed", "withdrawn"]);

/** Every legal change except withdrawal, which the group may make from any open state. */
const MOVES: Record<EoiStatus, readonly { to: EoiStatus; by: Party }[]> = {
  draft: [{ to: "submitted", by: "group" }],
  submitted: [{ to: "acknowledged", by: "officer" }],
  acknowledged: [{ to: "decision_date_notified", by: "officer" }],
  decision_date_notified: [{ to: "under_consideration", by: "officer" }],
  under_consideration: [
    { to: "modification_proposed", by: "officer" },
    { to: "accepted", by: "officer" },
    { to: "rejected", by: "officer" },
  ],
  modification_proposed: [
    { to: "modification_agreed", by: "group" },
    { to: "modification_declined", by: "group" },
  ],
  modification_agreed: [{ to: "accepted_with_modification", by: "officer" }],
  modification_declined: [
    { to: "modification_proposed", by: "officer" },
    { to: "accepted", by: "officer" },
    { to: "rejected", by: "officer" },
  ],
  accepted: [{ to: "procurement_pending", by: "officer" }],
  accepted_with_modification: [{ to: "procurement_pending", by: "officer" }],
  rejected: [{ to: "closed", by: "officer" }],
  procurement_pending: [{ to: "procurement_started", by: "officer" }],
  procurement_started: [{ to: "closed", by: "officer" }],
  closed: [],
  withdrawn: [],
};

export function isOpen(status: EoiStatus): boolean {
  return !FINISHED.has(status);
}

/** The moves possible from a state, for a party (withdrawal included for the group). */
export function nextMoves(from: EoiStatus, by?: Party): { to: EoiStatus; by: Party }[] {
  const moves = [...MOVES[from]];
  if (isOpen(from)) moves.push({ to: "withdrawn", by: "group" });
  return by ? moves.filter((m) => m.by === by) : moves;
}

export type TransitionCheck = { ok: true } | { ok: false; message: string };

export function checkTransition(from: EoiStatus, to: EoiStatus, by: Party): TransitionCheck {
  const move = nextMoves(from).find((m) => m.to === to);
  if (!move) {
    return { ok: false, message: `An expression of interest that is ${STATUS_LABELS[from].toLowerCase()} cannot become ${STATUS_LABELS[to].toLowerCase()}` };
  }
  if (move.by !== by) {
    return { ok: false, message: by === "group" ? "Only the council can make this change" : "Only the group can make this change" };
  }
  return { ok: true };
}

/** The decisions an officer takes; each issues a published decision notice. */
export const DECISIONS = ["accepted", "accepted_with_modification", "rejected"] as const;
export type Decision = (typeof DECISIONS)[number];

/**
 * The grounds on which a council may reject an EOI (SI 2012/1313 Schedule 2), by key.
 */
export const REJECTION_GROUNDS = {
  non_compliant: "The expression of interest does not comply with the requirements of the Act or the regulations",
  inadequate_information: "Information in the expression of interest is inadequate or inaccurate",
  unsuitable_body: "The relevant body, a consortium member or a subcontractor is not suitable to provide the service",
  service_stopping: "The council has decided in writing to stop providing the service",
  nhs_integration: "The service is integrated with an NHS service and the integration is critical to service users' well-being",
  already_procuring: "The service is already the subject of a procurement exercise",
  negotiating_third_party: "The council is already negotiating in writing with a third party to provide the service",
  employee_led_intention: "The council has published its intention to consider provision of the service by a body of two or more of its employees",
  frivolous_or_vexatious: "The expression of interest is frivolous or vexatious",
  unlawful: "Acceptance would be likely to lead to a contravention of an enactment, rule of law or statutory guidance",
} as const;
export type RejectionGround = keyof typeof REJECTION_GROUNDS;
export const REJECTION_GROUND_KEYS = Object.keys(REJECTION_GROUNDS) as RejectionGround[];
