import { describe, expect, it } from "vitest";
import { formatLondon, londonParts, londonTime } from "../../app/lib/london-time";
import { consultationDetailsSchema } from "../../app/modules/consultations/schema";
import { canMove, dueMoves, effectiveStatus, TRANSITIONS } from "../../app/modules/consultations/transitions";
import { CONSULTATION_STATUSES } from "../../db/tables/consultations";

describe("consultation transitions", () => {
  it("allows only the moves in the table", () => {
    expect(TRANSITIONS).toEqual({ draft: ["scheduled", "open"], scheduled: ["draft", "open"], open: ["closed"], closed: ["results_published"], results_published: [] });
    for (const from of CONSULTATION_STATUSES) for (const to of CONSULTATION_STATUSES) expect(canMove(from, to)).toBe(TRANSITIONS[from].includes(to));
  });

  it("derives the status at a moment from the opening and closing times", () => {
    const c = { status: "scheduled" as const, opens_at: new Date("2027-01-10T09:00:00Z"), closes_at: new Date("2027-02-21T17:00:00Z") };
    expect(effectiveStatus(c, new Date("2027-01-10T08:59:59Z"))).toBe("scheduled");
    expect(effectiveStatus(c, new Date("2027-01-10T09:00:00Z"))).toBe("open");
    expect(effectiveStatus(c, new Date("2027-02-21T17:00:00Z"))).toBe("closed");
    expect(dueMoves(c, new Date("2027-03-01T00:00:00Z"))).toEqual(["open", "closed"]);
    expect(effectiveStatus({ ...c, status: "draft" }, new Date("2027-03-01T00:00:00Z"))).toBe("draft");
  });
});

describe("UK times", () => {
  it("reads London wall-clock times across the clock changes", () => {
    expect(londonTime(2027, 1, 10, 9, 0)?.toISOString()).toBe("2027-01-10T09:00:00.000Z");
    expect(londonTime(2027, 7, 10, 9, 0)?.toISOString()).toBe("2027-07-10T08:00:00.000Z");
    expect(londonTime(2027, 2, 30, 9, 0)).toBeNull();
    expect(londonParts(new Date("2027-07-10T08:00:00Z"))).toEqual({ day: "10", month: "7", year: "2027", time: "09:00" });
    expect(formatLondon(new Date("2027-07-10T16:30:00Z"))).toBe("5:30pm on 10 July 2027");
  });

  it("refuses a close before the open and an impossible date", () => {
    const base = { title: "T", summary: "S", wholeCouncil: "yes" };
    const r = consultationDetailsSchema.safeParse({ ...base, opensAt: { day: "10", month: "1", year: "2027", time: "09:00" }, closesAt: { day: "9", month: "1", year: "2027", time: "09:00" } });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["closesAt", "Closing date must be after the opening date"]]);
    const bad = consultationDetailsSchema.safeParse({ ...base, opensAt: { day: "31", month: "2", year: "2027" } });
    expect(bad.error?.issues[0]?.message).toBe("Opening date must be a real date");
  });
});
