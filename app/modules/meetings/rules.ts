/**
 * The rules of a board meeting, as pure functions (no database): clear working days before a
 * meeting, quorum, who may vote on an item, the result of a vote, and the draft minutes.
 * The module functions load the facts and ask here, so each rule has one home and unit tests.
 */
import { addCalendarDays, isWorkingDay, londonDay } from "../calendar/days";
import type { AgendaItemKind, AttendanceStatus, BoardMemberRole, InterestKind, MeetingStatus, VoteChoice } from "../../../db/tables/boards";

// ---------------------------------------------------------------------------------------------
// Clear working days (Local Government Act 1972 s100B: five clear days before the meeting)

/** "YYYY-MM-DD" of an instant, in the council's time zone. */
export const londonDate = londonDay;
export { isWorkingDay };

/** Working days strictly between publication and meeting: neither end counts. */
export function clearWorkingDaysBetween(published: string, meeting: string, bankHolidays: ReadonlySet<string>): number {
  let count = 0;
  for (let day = addCalendarDays(published, 1); day < meeting; day = addCalendarDays(day, 1)) {
    if (isWorkingDay(day, bankHolidays)) count++;
  }
  return count;
}

export const REQUIRED_CLEAR_DAYS = 5;

/** The last day an agenda can be published on time for a meeting on this day. */
export function latestPublicationDay(meeting: string, bankHolidays: ReadonlySet<string>, clearDays = REQUIRED_CLEAR_DAYS): string {
  let counted = 0;
  let day = meeting;
  while (counted < clearDays) {
    day = addCalendarDays(day, -1);
    if (isWorkingDay(day, bankHolidays)) counted++;
  }
  return addCalendarDays(day, -1);
}

export function isPublishedInTime(published: string, meeting: string, bankHolidays: ReadonlySet<string>): boolean {
  return clearWorkingDaysBetween(published, meeting, bankHolidays) >= REQUIRED_CLEAR_DAYS;
}

// ---------------------------------------------------------------------------------------------
// Members, attendance and quorum

export interface QuorumRule {
  number: number | null;
  fraction: number | null;
  minimum: number;
}

/** How many voting members must be present: the number, or the fraction rounded up, never below the minimum. */
export function quorumRequired(rule: QuorumRule, votingMembers: number): number {
  const base = rule.number ?? Math.ceil((rule.fraction ?? 1) * votingMembers - 1e-9);
  return Math.max(rule.minimum, base);
}

export interface MemberInRoom {
  memberId: number;
  name: string;
  role: BoardMemberRole;
  voting: boolean;
  attendance: AttendanceStatus | null;
  /** Arrived and not yet gone: present, not departed early. */
  inRoom: boolean;
  /** Declared a disclosable pecuniary interest in the item being considered (so has left for it). */
  recused: boolean;
}

export interface Quorum {
  present: number;
  required: number;
  quorate: boolean;
}

/**
 * Quorum counts voting members in the room for the item. A member who has left for the item
 * because of a disclosable pecuniary interest does not count towards it.
 */
export function quorum(rule: QuorumRule, members: readonly MemberInRoom[]): Quorum {
  const voting = members.filter((m) => m.voting);
  const present = voting.filter((m) => m.inRoom && !m.recused).length;
  const required = quorumRequired(rule, voting.length);
  return { present, required, quorate: present >= required };
}

/** Why this member cannot vote, propose or second on the current item, or null if they can. */
export function cannotTakePart(member: MemberInRoom | undefined): string | null {
  if (!member) return "They are not a member of this board";
  if (!member.voting) return `${member.name} is not a voting member`;
  if (!member.inRoom) return `${member.name} is not present`;
  if (member.recused) return `${member.name} has declared a disclosable pecuniary interest in this item and has left the meeting for it`;
  return null;
}

/** A disclosable pecuniary interest means leaving the meeting for the item; others may stay. */
export const mustLeave = (kind: InterestKind): boolean => kind === "disclosable_pecuniary";

// ---------------------------------------------------------------------------------------------
// Votes

export interface Tally {
  for: number;
  against: number;
  abstain: number;
}

export function tally(choices: readonly VoteChoice[]): Tally {
  const t: Tally = { for: 0, against: 0, abstain: 0 };
  for (const c of choices) t[c]++;
  return t;
}

export type VoteResult =
  | { ok: true; result: "carried" | "lost"; casting: VoteChoice | null; tally: Tally }
  | { ok: false; error: string };

/**
 * Majority of those voting (abstentions do not count). On a tie the chair must give a casting
 * vote explicitly; it decides the result. A casting vote is refused when there is no tie.
 */
export function voteResult(t: Tally, casting: "for" | "against" | null = null): VoteResult {
  if (t.for + t.against === 0) return { ok: false, error: "Nobody has voted for or against yet" };
  if (t.for === t.against) {
    if (!casting) return { ok: false, error: `The vote is tied ${t.for} to ${t.against}: the chair must give a casting vote` };
    return { ok: true, result: casting === "for" ? "carried" : "lost", casting, tally: t };
  }
  if (casting) return { ok: false, error: "The vote is not tied, so there is no casting vote" };
  return { ok: true, result: t.for > t.against ? "carried" : "lost", casting: null, tally: t };
}

// ---------------------------------------------------------------------------------------------
// Meeting status

export const MEETING_TRANSITIONS: Record<MeetingStatus, readonly MeetingStatus[]> = {
  draft: ["agenda_published"],
  agenda_published: ["in_progress"],
  in_progress: ["closed"],
  closed: ["minutes_drafted"],
  minutes_drafted: ["minutes_published"],
  minutes_published: ["minutes_approved"],
  minutes_approved: [],
};

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  draft: "Draft",
  agenda_published: "Agenda published",
  in_progress: "In progress",
  closed: "Closed",
  minutes_drafted: "Minutes drafted",
  minutes_published: "Draft minutes published",
  minutes_approved: "Minutes approved",
};

export function canMove(from: MeetingStatus, to: MeetingStatus): boolean {
  return MEETING_TRANSITIONS[from].includes(to);
}

/** Starting on an earlier day than the one published: the chair must confirm, and the real start is recorded. */
export function startsBeforeItsDay(startsAt: Date, now: Date): boolean {
  return londonDate(now) < londonDate(startsAt);
}

/**
 * Still to come (or happening now): not yet held, or in progress. A closed meeting (or one whose
 * minutes are under way) is past, whatever its scheduled date; an agenda for a day long gone that
 * was never started is not "upcoming" either.
 */
export function isUpcoming(meeting: { status: MeetingStatus; startsAt: Date }, now: Date): boolean {
  if (meeting.status === "in_progress") return true;
  if (meeting.status !== "draft" && meeting.status !== "agenda_published") return false;
  return londonDate(meeting.startsAt) >= londonDate(now);
}

/** The day and time the record uses: when the meeting actually started, else when it was called for. */
export const heldAt = (m: { startsAt: Date; startedAt?: Date | null }): Date => m.startedAt ?? m.startsAt;

// ---------------------------------------------------------------------------------------------
// Excluding the press and public (Local Government Act 1972 s100A(4))

export interface ExclusionVote {
  for: number;
  against: number;
  abstain: number;
}

/** The resolution's words, naming the item (by number: it goes to the live public feed) and the Schedule 12A paragraph. */
export function exclusionResolutionText(item: { position: number; paragraph: number }): string {
  return `That under section 100A(4) of the Local Government Act 1972 the press and public be excluded from the meeting for item ${item.position} on the grounds that it involves the likely disclosure of exempt information as defined in paragraph ${item.paragraph} of Part 1 of Schedule 12A to the Act.`;
}

/**
 * A procedural resolution by show of hands: carried on a majority of those voting for or
 * against. The count cannot be more than the voting members in the room, and someone must vote.
 */
export function exclusionResult(v: ExclusionVote, inRoom: number): { ok: true; carried: boolean } | { ok: false; error: string } {
  if (v.for + v.against === 0) return { ok: false, error: "Enter how many voted for and against" };
  if (v.for + v.against + v.abstain > inRoom) return { ok: false, error: `Only ${inRoom} voting members are in the room for this item` };
  return { ok: true, carried: v.for > v.against };
}

// ---------------------------------------------------------------------------------------------
// Minutes

export interface MinutesRecord {
  boardName: string;
  title: string;
  startsAt: Date;
  /** When it actually started, if that is known (a meeting can start before its day). */
  startedAt?: Date | null;
  venue: string;
  attendance: { name: string; status: AttendanceStatus; arrivedLate: string | null; leftEarly: string | null }[];
  items: {
    number: number;
    kind: AgendaItemKind;
    title: string;
    exemptParagraph: number | null;
    /** The resolution that excluded the press and public for this item, if one was carried. */
    exclusion?: { proposer: string; seconder: string; for: number; against: number; abstain: number } | null;
    declarations: { name: string; kind: InterestKind; description: string; leaves: boolean }[];
    motions: {
      text: string;
      amendment: boolean;
      proposer: string;
      seconder: string;
      status: string;
      votes: { name: string; choice: VoteChoice }[];
      casting: VoteChoice | null;
    }[];
    decisions: { text: string; reasons: string }[];
  }[];
}

export const INTEREST_LABEL: Record<InterestKind, string> = {
  disclosable_pecuniary: "a disclosable pecuniary interest",
  other_registrable: "an other registrable interest",
  non_registrable: "a non-registrable interest",
};

const names = (list: string[]) => (list.length ? list.join(", ") : "none");

/** One item's part of the minutes: its heading line, then what happened. */
function itemLines(item: MinutesRecord["items"][number]): string[] {
  const lines: string[] = [];
  lines.push("", `${item.number}. ${item.title}`);
  if (item.exemptParagraph) {
    if (item.exclusion) {
      const x = item.exclusion;
      lines.push(`RESOLVED: ${exclusionResolutionText({ position: item.number, paragraph: item.exemptParagraph })}`);
      lines.push(`Moved by ${x.proposer}, seconded by ${x.seconder}; carried with ${x.for} for, ${x.against} against and ${x.abstain} abstaining.`);
    }
    lines.push(`This item was considered in private under paragraph ${item.exemptParagraph} of Schedule 12A to the Local Government Act 1972.`);
  }
  for (const d of item.declarations) {
    lines.push(`- ${d.name} declared ${INTEREST_LABEL[d.kind]}: ${stop(d.description)}${d.leaves ? ` ${d.name} left the meeting for this item and did not vote.` : ""}`);
  }
  for (const m of item.motions) {
    lines.push(`${m.amendment ? "Amendment" : "Motion"}: "${m.text}" Proposed by ${m.proposer}, seconded by ${m.seconder}.`);
    if (m.votes.length) {
      const of = (c: VoteChoice) => m.votes.filter((v) => v.choice === c).map((v) => v.name);
      lines.push(`For (${of("for").length}): ${names(of("for"))}. Against (${of("against").length}): ${names(of("against"))}. Abstained (${of("abstain").length}): ${names(of("abstain"))}.`);
    }
    if (m.casting) lines.push(`The votes were equal and the chair gave a casting vote ${m.casting === "for" ? "for" : "against"} the ${m.amendment ? "amendment" : "motion"}.`);
    lines.push(`The ${m.amendment ? "amendment" : "motion"} was ${m.status}.`);
  }
  for (const d of item.decisions) lines.push(`RESOLVED: ${d.text}`, `Reasons: ${d.reasons}`);
  return lines;
}

const stop = (text: string) => (/[.!?”"]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/**
 * Plain-text draft minutes from the meeting record, for the clerk to edit. Its shape is what
 * `minutesBlocks` renders: a numbered line after a blank line heads an item, a line starting
 * "- " is a list entry, and every other line is a paragraph.
 */
export function draftMinutes(r: MinutesRecord): string {
  const lines: string[] = [];
  const when = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", dateStyle: "full", timeStyle: "short" }).format(heldAt(r));
  lines.push(`Minutes of the ${r.boardName}: ${r.title}`, `Held on ${when}${r.venue ? ` at ${r.venue}` : ""}.`, "");
  const by = (s: AttendanceStatus) => r.attendance.filter((a) => a.status === s).map((a) => a.name);
  lines.push(`Present: ${names(by("present"))}.`, `Apologies: ${names(by("apologies"))}.`, `Absent: ${names(by("absent"))}.`);
  for (const a of r.attendance) {
    if (a.arrivedLate) lines.push(`- ${a.name} arrived at ${a.arrivedLate}.`);
    if (a.leftEarly) lines.push(`- ${a.name} left at ${a.leftEarly}.`);
  }
  for (const item of r.items) lines.push(...itemLines(item));
  return lines.join("\n");
}

/**
 * Minutes of the exempt items, in full, for the board's members only: the published minutes
 * carry each exempt item by title, paragraph and the exclusion resolution alone.
 */
export function confidentialMinutes(r: MinutesRecord): string {
  const exempt = r.items.filter((i) => i.kind === "exempt");
  if (!exempt.length) return "";
  const lines = [`Confidential minutes of the ${r.boardName}: ${r.title}`, "Not for publication: exempt information under Schedule 12A to the Local Government Act 1972."];
  for (const item of exempt) lines.push(...itemLines(item));
  return lines.join("\n");
}
