import { describe, expect, it } from "vitest";
import { minutesBlocks } from "../../app/modules/meetings/minutes";
import { draftMinutes, exclusionResult, isUpcoming, startsBeforeItsDay } from "../../app/modules/meetings/rules";

describe("minutes as structure", () => {
  it("reads item headings, paragraphs and lists from the clerk's text", () => {
    const text = "Minutes of the board\nHeld on Monday.\n\nPresent: A, B.\n- B arrived at 18:45.\n- C left at 19:00.\n\n1. Apologies\nNone.\n\n2. Grant\nRESOLVED: The grant is approved.\nReasons: Good value.\n\n## Any other business\nNone.";
    expect(minutesBlocks(text)).toEqual([
      { kind: "paragraph", text: "Minutes of the board", resolved: false },
      { kind: "paragraph", text: "Held on Monday.", resolved: false },
      { kind: "paragraph", text: "Present: A, B.", resolved: false },
      { kind: "list", items: ["B arrived at 18:45.", "C left at 19:00."] },
      { kind: "heading", text: "1. Apologies" },
      { kind: "paragraph", text: "None.", resolved: false },
      { kind: "heading", text: "2. Grant" },
      { kind: "paragraph", text: "RESOLVED: The grant is approved.", resolved: true },
      { kind: "paragraph", text: "Reasons: Good value.", resolved: false },
      { kind: "heading", text: "Any other business" },
      { kind: "paragraph", text: "None.", resolved: false },
    ]);
  });

  it("does not take a numbered line inside a paragraph block for a heading", () => {
    expect(minutesBlocks("Intro\n3. not a heading")).toEqual([
      { kind: "paragraph", text: "Intro", resolved: false },
      { kind: "paragraph", text: "3. not a heading", resolved: false },
    ]);
  });

  it("dates the draft minutes from the real start, and writes no double full stops", () => {
    const text = draftMinutes({
      boardName: "B",
      title: "T",
      startsAt: new Date("2026-12-14T18:30:00Z"),
      startedAt: new Date("2026-11-30T10:00:00Z"),
      venue: "Hall",
      attendance: [],
      items: [{ number: 1, kind: "decision", title: "Grant", exemptParagraph: null, declarations: [{ name: "Mei", kind: "other_registrable", description: "Trustee of the applicant.", leaves: false }], motions: [], decisions: [] }],
    });
    expect(text).toMatch(/Held on Monday,? 30 November 2026/);
    expect(text).not.toContain("14 December");
    expect(text).toContain("- Mei declared an other registrable interest: Trustee of the applicant.");
    expect(text).not.toContain("..");
  });
});

describe("meeting timing", () => {
  const now = new Date("2026-11-29T12:00:00Z");
  it("warns about a start before the published day, not on the day", () => {
    expect(startsBeforeItsDay(new Date("2026-12-03T18:30:00Z"), now)).toBe(true);
    expect(startsBeforeItsDay(new Date("2026-11-29T18:30:00Z"), now)).toBe(false);
  });
  it("never lists a closed meeting as upcoming", () => {
    const future = new Date("2026-12-10T18:30:00Z");
    expect(isUpcoming({ status: "agenda_published", startsAt: future }, now)).toBe(true);
    expect(isUpcoming({ status: "in_progress", startsAt: future }, now)).toBe(true);
    expect(isUpcoming({ status: "closed", startsAt: future }, now)).toBe(false);
    expect(isUpcoming({ status: "minutes_published", startsAt: future }, now)).toBe(false);
    expect(isUpcoming({ status: "agenda_published", startsAt: new Date("2026-10-01T18:30:00Z") }, now)).toBe(false);
  });
});

describe("the resolution to exclude the public", () => {
  it("is carried on a majority of those voting, within the members in the room", () => {
    expect(exclusionResult({ for: 3, against: 1, abstain: 0 }, 4)).toEqual({ ok: true, carried: true });
    expect(exclusionResult({ for: 2, against: 2, abstain: 0 }, 4)).toEqual({ ok: true, carried: false });
    expect(exclusionResult({ for: 0, against: 0, abstain: 2 }, 4)).toMatchObject({ ok: false });
    expect(exclusionResult({ for: 4, against: 1, abstain: 0 }, 4)).toMatchObject({ ok: false, error: "Only 4 voting members are in the room for this item" });
  });
});
