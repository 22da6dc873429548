import { describe, expect, it } from "vitest";
import {
  canMove,
  cannotTakePart,
  clearWorkingDaysBetween,
  draftMinutes,
  isPublishedInTime,
  latestPublicationDay,
  londonDate,
  mustLeave,
  quorum,
  quorumRequired,
  tally,
  voteResult,
  type MemberInRoom,
} from "../../app/modules/meetings/rules";

const HOLIDAYS = new Set(["2026-12-25", "2026-12-28", "2027-01-01", "2026-04-03", "2026-04-06", "2026-05-04"]);
const NONE = new Set<string>();

describe("clear working days", () => {
  it("counts neither the day of publication nor the day of the meeting", () => {
    // Published Monday 2 Nov, meeting Monday 9 Nov: Tue–Fri in between is 4 clear working days.
    expect(clearWorkingDaysBetween("2026-11-02", "2026-11-09", NONE)).toBe(4);
    // Published the Friday before: Mon–Fri 2–6 Nov are 5 clear days.
    expect(clearWorkingDaysBetween("2026-10-30", "2026-11-09", NONE)).toBe(5);
  });

  it("skips weekends", () => {
    expect(clearWorkingDaysBetween("2026-11-06", "2026-11-09", NONE)).toBe(0); // Fri → Mon
    expect(clearWorkingDaysBetween("2026-11-07", "2026-11-08", NONE)).toBe(0); // Sat → Sun
  });

  it("skips bank holidays", () => {
    // Christmas 2026: Fri 25 Dec and Mon 28 Dec (substitute Boxing Day) are bank holidays.
    expect(clearWorkingDaysBetween("2026-12-18", "2027-01-04", HOLIDAYS)).toBe(7);
    expect(clearWorkingDaysBetween("2026-12-18", "2027-01-04", NONE)).toBe(10);
    // Easter 2026: Good Friday 3 Apr, Easter Monday 6 Apr.
    expect(clearWorkingDaysBetween("2026-04-01", "2026-04-09", HOLIDAYS)).toBe(3);
  });

  it("is zero for the same day or a day after the meeting", () => {
    expect(clearWorkingDaysBetween("2026-11-09", "2026-11-09", NONE)).toBe(0);
    expect(clearWorkingDaysBetween("2026-11-10", "2026-11-09", NONE)).toBe(0);
  });

  it("gives the last day to publish in time, and agrees with the check", () => {
    // A Sunday publication still leaves Mon–Fri clear before a Monday meeting.
    expect(latestPublicationDay("2026-11-09", NONE)).toBe("2026-11-01");
    expect(isPublishedInTime("2026-11-01", "2026-11-09", NONE)).toBe(true);
    expect(isPublishedInTime("2026-11-02", "2026-11-09", NONE)).toBe(false);
    // Over Christmas the deadline moves back past the two bank holidays.
    const last = latestPublicationDay("2027-01-05", HOLIDAYS);
    expect(last).toBe("2026-12-23");
    expect(isPublishedInTime(last, "2027-01-05", HOLIDAYS)).toBe(true);
    expect(isPublishedInTime("2026-12-24", "2027-01-05", HOLIDAYS)).toBe(false);
  });

  it("reads the meeting's day in London time, across the clock change", () => {
    expect(londonDate(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01");
    expect(londonDate(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31");
  });
});

const member = (id: number, over: Partial<MemberInRoom> = {}): MemberInRoom => ({
  memberId: id,
  name: `Member ${id}`,
  role: "member",
  voting: true,
  attendance: "present",
  inRoom: true,
  recused: false,
  ...over,
});

describe("quorum", () => {
  it("is a number or a fraction of voting members rounded up, never below the minimum", () => {
    expect(quorumRequired({ number: 3, fraction: null, minimum: 1 }, 8)).toBe(3);
    expect(quorumRequired({ number: null, fraction: 0.5, minimum: 1 }, 7)).toBe(4);
    expect(quorumRequired({ number: null, fraction: 0.5, minimum: 1 }, 8)).toBe(4);
    expect(quorumRequired({ number: null, fraction: 0.25, minimum: 3 }, 6)).toBe(3);
    expect(quorumRequired({ number: 2, fraction: null, minimum: 3 }, 6)).toBe(3);
  });

  it("counts only voting members in the room, not co-opted, absent, departed or recused ones", () => {
    const rule = { number: null, fraction: 0.5, minimum: 2 };
    const members = [
      member(1),
      member(2),
      member(3, { inRoom: false, attendance: "apologies" }),
      member(4, { voting: false, role: "co_opted" }),
      member(5, { recused: true }),
      member(6, { inRoom: false }), // left early
    ];
    expect(quorum(rule, members)).toEqual({ present: 2, required: 3, quorate: false });
    expect(quorum(rule, [...members.slice(0, 5), member(6)])).toEqual({ present: 3, required: 3, quorate: true });
  });
});

describe("recusal", () => {
  it("a disclosable pecuniary interest means leaving; other interests do not", () => {
    expect(mustLeave("disclosable_pecuniary")).toBe(true);
    expect(mustLeave("other_registrable")).toBe(false);
    expect(mustLeave("non_registrable")).toBe(false);
  });

  it("says why someone cannot take part", () => {
    expect(cannotTakePart(member(1))).toBeNull();
    expect(cannotTakePart(undefined)).toMatch(/not a member/);
    expect(cannotTakePart(member(1, { recused: true }))).toMatch(/disclosable pecuniary interest/);
    expect(cannotTakePart(member(1, { inRoom: false }))).toMatch(/not present/);
    expect(cannotTakePart(member(1, { voting: false }))).toMatch(/not a voting member/);
  });
});

describe("majority and casting vote", () => {
  it("is decided by a majority of those voting; abstentions do not count", () => {
    expect(voteResult(tally(["for", "for", "against", "abstain", "abstain", "abstain"]))).toMatchObject({ ok: true, result: "carried" });
    expect(voteResult(tally(["for", "against", "against"]))).toMatchObject({ ok: true, result: "lost", casting: null });
  });

  it("refuses a tie without an explicit casting vote", () => {
    const tied = tally(["for", "against", "abstain"]);
    expect(voteResult(tied)).toEqual({ ok: false, error: expect.stringMatching(/casting vote/) });
    expect(voteResult(tied, "for")).toMatchObject({ ok: true, result: "carried", casting: "for" });
    expect(voteResult(tied, "against")).toMatchObject({ ok: true, result: "lost", casting: "against" });
  });

  it("refuses a casting vote when there is no tie, and a vote nobody cast", () => {
    expect(voteResult(tally(["for", "for", "against"]), "against")).toMatchObject({ ok: false });
    expect(voteResult(tally(["abstain"]))).toMatchObject({ ok: false });
  });
});

describe("meeting status", () => {
  it("moves only forward through the legal steps", () => {
    expect(canMove("draft", "agenda_published")).toBe(true);
    expect(canMove("draft", "in_progress")).toBe(false);
    expect(canMove("minutes_published", "minutes_approved")).toBe(true);
    expect(canMove("minutes_approved", "minutes_drafted")).toBe(false);
  });
});

describe("draft minutes", () => {
  it("are written from attendance, declarations, motions, named votes and decisions", () => {
    const text = draftMinutes({
      boardName: "Northgate Locality Board",
      title: "Ordinary meeting",
      startsAt: new Date("2026-11-09T18:30:00Z"),
      venue: "Northgate Town Hall",
      attendance: [
        { name: "Helen Okafor", status: "present", arrivedLate: null, leftEarly: null },
        { name: "Mei Chen", status: "present", arrivedLate: "18:45", leftEarly: null },
        { name: "Sam Price", status: "apologies", arrivedLate: null, leftEarly: null },
      ],
      items: [
        {
          number: 4,
          kind: "decision",
          title: "Youth services grant",
          exemptParagraph: null,
          declarations: [{ name: "Mei Chen", kind: "disclosable_pecuniary", description: "Trustee of the applicant", leaves: true }],
          motions: [
            {
              text: "Approve the grant",
              amendment: false,
              proposer: "Helen Okafor",
              seconder: "Tom Reed",
              status: "carried",
              votes: [
                { name: "Helen Okafor", choice: "for" },
                { name: "Tom Reed", choice: "against" },
              ],
              casting: "for",
            },
          ],
          decisions: [{ text: "The grant of £12,000 is approved.", reasons: "It meets the outcome for young people." }],
        },
        { number: 5, kind: "exempt", title: "Contract award", exemptParagraph: 3, declarations: [], motions: [], decisions: [] },
      ],
    });
    expect(text).toContain("Present: Helen Okafor, Mei Chen.");
    expect(text).toContain("Apologies: Sam Price.");
    expect(text).toContain("Mei Chen arrived at 18:45.");
    expect(text).toContain("Mei Chen declared a disclosable pecuniary interest: Trustee of the applicant. Mei Chen left the meeting for this item and did not vote.");
    expect(text).toContain('Motion: "Approve the grant" Proposed by Helen Okafor, seconded by Tom Reed.');
    expect(text).toContain("For (1): Helen Okafor. Against (1): Tom Reed. Abstained (0): none.");
    expect(text).toContain("casting vote for the motion");
    expect(text).toContain("RESOLVED: The grant of £12,000 is approved.");
    expect(text).toContain("paragraph 3 of Schedule 12A");
  });
});
