/** Dates and labels as the council writes them, always in London time (server and browser agree). */
import type { BoardMemberKind, BoardMemberRole, VoteChoice } from "../../../db/tables/boards";

export function formatDateTime(iso: string | Date): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "numeric", minute: "2-digit", hour12: true }).format(new Date(iso));
}

export function formatDate(iso: string | Date): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" }).format(new Date(iso));
}

export const ROLE_LABELS: Record<BoardMemberRole, string> = { chair: "Chair", vice_chair: "Vice-chair", member: "Member", co_opted: "Co-opted member (non-voting)" };
export const KIND_LABELS: Record<BoardMemberKind, string> = {
  elected_councillor: "Elected councillor",
  commissioner: "Commissioner",
  provider: "Provider",
  community_representative: "Community or voluntary sector representative",
};
export const CHOICE_LABELS: Record<VoteChoice, string> = { for: "For", against: "Against", abstain: "Abstained" };
