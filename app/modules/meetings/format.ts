/** Dates and labels as the council writes them, always in London time (server and browser agree). */
import type { BoardMemberKind, BoardMemberRole, VoteChoice } from "../../../db/tables/boards";

// Built once (a new Intl.DateTimeFormat per call was a measurable share of page rendering).
const DATE_TIME = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "numeric", minute: "2-digit", hour12: true });
const DATE = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" });

export function formatDateTime(iso: string | Date): string {
  return DATE_TIME.format(new Date(iso));
}

export function formatDate(iso: string | Date): string {
  return DATE.format(new Date(iso));
}

export const ROLE_LABELS: Record<BoardMemberRole, string> = { chair: "Chair", vice_chair: "Vice-chair", member: "Member", co_opted: "Co-opted member (non-voting)" };
export const KIND_LABELS: Record<BoardMemberKind, string> = {
  elected_councillor: "Elected councillor",
  commissioner: "Commissioner",
  provider: "Provider",
  community_representative: "Community or voluntary sector representative",
};
export const CHOICE_LABELS: Record<VoteChoice, string> = { for: "For", against: "Against", abstain: "Abstained" };
