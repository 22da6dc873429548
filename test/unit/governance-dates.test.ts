/** The governance date rules: clear days, working days with bank holidays, the call-in period. */
import { describe, expect, it } from "vitest";
import { addWorkingDays, callInLastDay, clearDaysBetween, clearWorkingDaysBetween, isWithinCallInPeriod, latestNoticeDay, londonDay } from "../../app/modules/governance/dates";
import { BANK_HOLIDAYS } from "../../db/seed/bank-holidays";

const holidays = new Set(BANK_HOLIDAYS.map((h) => h.day));
const none = new Set<string>();

describe("clear days: neither the day of notice nor the day of the decision counts", () => {
  it("counts 28 clear days from 1 March to 30 March, and 27 to 29 March", () => {
    expect(clearDaysBetween("2027-03-01", "2027-03-30")).toBe(28);
    expect(clearDaysBetween("2027-03-01", "2027-03-29")).toBe(27);
  });
  it("counts nothing between a day and the next, or the same day, and never a negative number", () => {
    expect(clearDaysBetween("2027-03-01", "2027-03-02")).toBe(0);
    expect(clearDaysBetween("2027-03-01", "2027-03-01")).toBe(0);
    expect(clearDaysBetween("2027-03-05", "2027-03-01")).toBe(0);
  });
  it("runs across the year end and a leap February", () => {
    expect(clearDaysBetween("2026-12-20", "2027-01-18")).toBe(28);
    expect(clearDaysBetween("2028-02-01", "2028-03-01")).toBe(28);
    expect(clearDaysBetween("2027-02-01", "2027-03-01")).toBe(27);
  });
  it("is not moved by the clocks changing (spring forward 28 March 2027, fall back 25 October 2026)", () => {
    expect(clearDaysBetween("2027-03-20", "2027-04-18")).toBe(28);
    expect(clearDaysBetween("2026-10-20", "2026-11-18")).toBe(28);
  });
  it("gives the last day notice can be given for 28 clear days", () => {
    expect(latestNoticeDay("2027-03-30", 28)).toBe("2027-03-01");
    expect(latestNoticeDay("2027-01-18", 28)).toBe("2026-12-20");
    expect(clearDaysBetween(latestNoticeDay("2027-04-18", 28), "2027-04-18")).toBe(28);
  });
});

describe("the day of an instant is England's day", () => {
  it("reads a late evening in summer time as the next day and in winter as the same day", () => {
    expect(londonDay(new Date("2027-03-28T23:30:00Z"))).toBe("2027-03-29");
    expect(londonDay(new Date("2027-03-27T23:30:00Z"))).toBe("2027-03-27");
    expect(londonDay(new Date("2026-10-24T23:30:00Z"))).toBe("2026-10-25");
    expect(londonDay(new Date("2026-10-25T23:30:00Z"))).toBe("2026-10-25");
    expect(londonDay(new Date("2026-12-31T23:59:59Z"))).toBe("2026-12-31");
  });
});

describe("working days leave out weekends and the council's bank holidays", () => {
  it("counts working days strictly between two days over Christmas and New Year", () => {
    // 24, 29, 30, 31 December and 4 January: 25 and 28 December and 1 January are bank holidays.
    expect(clearWorkingDaysBetween("2026-12-23", "2027-01-05", holidays)).toBe(5);
    expect(clearWorkingDaysBetween("2026-12-23", "2027-01-05", none)).toBe(8);
  });
  it("adds working days over Easter (Good Friday 26 and Easter Monday 29 March 2027)", () => {
    expect(addWorkingDays("2027-03-24", 5, holidays)).toBe("2027-04-02");
    expect(addWorkingDays("2027-03-24", 5, none)).toBe("2027-03-31");
  });
  it("never counts the starting day, even a weekday", () => {
    expect(addWorkingDays("2027-01-11", 1, holidays)).toBe("2027-01-12");
    expect(addWorkingDays("2027-01-08", 1, holidays)).toBe("2027-01-11");
  });
});

describe("call-in within five working days of publication", () => {
  it("ends on the fifth working day after publication in an ordinary week", () => {
    expect(callInLastDay("2026-12-17", holidays)).toBe("2026-12-24");
    expect(callInLastDay("2027-01-09", holidays)).toBe("2027-01-15"); // published on a Saturday
  });
  it("stretches over Christmas, Boxing Day's substitute and New Year's Day", () => {
    expect(callInLastDay("2026-12-21", holidays)).toBe("2026-12-30");
    expect(callInLastDay("2026-12-23", holidays)).toBe("2027-01-04");
    expect(callInLastDay("2027-12-22", holidays)).toBe("2027-12-31");
    expect(callInLastDay("2027-12-24", holidays)).toBe("2028-01-05"); // 27, 28 December and 3 January are bank holidays
  });
  it("is open from the day of publication to the end of the last day, and not after", () => {
    expect(isWithinCallInPeriod("2026-12-23", "2026-12-23", holidays)).toBe(true);
    expect(isWithinCallInPeriod("2026-12-23", "2027-01-04", holidays)).toBe(true);
    expect(isWithinCallInPeriod("2026-12-23", "2027-01-05", holidays)).toBe(false);
    expect(isWithinCallInPeriod("2026-12-23", "2026-12-22", holidays)).toBe(false);
    // Without the bank holidays it would have closed on 30 December.
    expect(isWithinCallInPeriod("2026-12-23", "2026-12-31", none)).toBe(false);
    expect(isWithinCallInPeriod("2026-12-23", "2026-12-31", holidays)).toBe(true);
  });
});
