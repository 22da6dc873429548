/**
 * The life of a consultation: Draft → Scheduled → Open → Closed → Results published.
 * Legal moves live here; anything else is refused with a clear message. Opening and closing
 * happen at the set times by themselves: `effectiveStatus` says what the status is at a moment
 * (so readers are never wrong), and the clock (`advanceConsultations`) records the change.
 */
import type { ConsultationStatus } from "../../../db/tables/consultations";

export const TRANSITIONS: Record<ConsultationStatus, readonly ConsultationStatus[]> = {
  // a ready draft can be opened at once (e.g. its opening time has passed while it was a draft)
  draft: ["scheduled", "open"],
  scheduled: ["draft", "open"],
  open: ["closed"],
  closed: ["results_published"],
  results_published: [],
};

export const STATUS_LABELS: Record<ConsultationStatus, string> = {
  draft: "Draft",
  scheduled: "Scheduled",
  open: "Open",
  closed: "Closed",
  results_published: "Results published",
};

export const STATUS_COLOURS: Record<ConsultationStatus, "grey" | "blue" | "green" | "red" | "purple"> = {
  draft: "grey",
  scheduled: "blue",
  open: "green",
  closed: "red",
  results_published: "purple",
};

/** Closed for responses: closed, or closed with results published. */
export const isClosed = (status: ConsultationStatus) => status === "closed" || status === "results_published";

export function canMove(from: ConsultationStatus, to: ConsultationStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function illegalMoveMessage(from: ConsultationStatus, to: ConsultationStatus): string {
  return `A consultation that is ${STATUS_LABELS[from].toLowerCase()} cannot become ${STATUS_LABELS[to].toLowerCase()}`;
}

interface Timed {
  status: ConsultationStatus;
  opens_at: Date | null;
  closes_at: Date | null;
}

/** The status at `now`, counting the opening and closing times that have passed. */
export function effectiveStatus(c: Timed, now: Date): ConsultationStatus {
  if (c.status === "scheduled" && c.opens_at && now >= c.opens_at) {
    return c.closes_at && now >= c.closes_at ? "closed" : "open";
  }
  if (c.status === "open" && c.closes_at && now >= c.closes_at) return "closed";
  return c.status;
}

/** The automatic moves due at `now` (zero, one or two), in order. */
export function dueMoves(c: Timed, now: Date): ConsultationStatus[] {
  const target = effectiveStatus(c, now);
  if (target === c.status) return [];
  if (c.status === "scheduled" && target === "closed") return ["open", "closed"];
  return [target];
}
