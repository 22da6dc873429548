/** Dates and labels as the council writes them, always in London time (server and browser agree). */
import { formatDate as formatDay, formatTime } from "../../lib/dates";
import type { BoardMemberKind, BoardMemberRole, VoteChoice } from "../../../db/tables/boards";

const WEEKDAY = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", weekday: "long" });

/** "6:30pm on Sunday 13 December 2026" (GOV.UK style; lib/dates.ts is the one date style). */
export function formatDateTime(iso: string | Date): string {
  const d = new Date(iso);
  return `${formatTime(d)} on ${WEEKDAY.format(d)} ${formatDay(d)}`;
}

export function formatDate(iso: string | Date): string {
  return formatDay(new Date(iso));
}

export const ROLE_LABELS: Record<BoardMemberRole, string> = { chair: "Chair", vice_chair: "Vice-chair", member: "Member", co_opted: "Co-opted member (non-voting)" };
export const KIND_LABELS: Record<BoardMemberKind, string> = {
  elected_councillor: "Elected councillor",
  commissioner: "Commissioner",
  provider: "Provider",
  community_representative: "Community or voluntary sector representative",
};
export const CHOICE_LABELS: Record<VoteChoice, string> = { for: "For", against: "Against", abstain: "Abstained" };
