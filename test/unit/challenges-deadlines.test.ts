import { describe, expect, it } from "vitest";
import {
  acknowledgementDue,
  addWorkingDays,
  clockFor,
  decisionDateNoticeDue,
  isServiceOpen,
  isWorkingDay,
  londonDay,
  procurementWindow,
  type ClockInput,
} from "../../app/modules/challenges/deadlines";
import { BANK_HOLIDAYS } from "../../db/seed/bank-holidays";

const HOLIDAYS = new Set(BANK_HOLIDAYS.map((h) => h.day));
const NONE = new Set<string>();
const SETTINGS = { acknowledgeWorkingDays: 10, decisionDateNoticeDays: 30, warnDaysBeforeLapse: 14 };

describe("working days", () => {
  it("skips weekends and bank holidays", () => {
    expect(isWorkingDay("2026-11-23", HOLIDAYS)).toBe(true); // Monday
    expect(isWorkingDay("2026-11-28", HOLIDAYS)).toBe(false); // Saturday
    expect(isWorkingDay("2026-11-29", HOLIDAYS)).toBe(false); // Sunday
    expect(isWorkingDay("2026-12-25", HOLIDAYS)).toBe(false); // Christmas Day
    expect(isWorkingDay("2026-12-28", HOLIDAYS)).toBe(false); // Boxing Day substitute
  });

  it("counts from the day after, over a weekend", () => {
    expect(addWorkingDays("2026-11-27", 1, HOLIDAYS)).toBe("2026-11-30"); // Fri → Mon
    expect(addWorkingDays("2026-11-23", 5, HOLIDAYS)).toBe("2026-11-30");
    expect(addWorkingDays("2026-11-23", 0, HOLIDAYS)).toBe("2026-11-23");
  });

  it("counts over Christmas and New Year bank holidays", () => {
    // Thu 24 Dec 2026: Fri 25 and Mon 28 are holidays, then 29, 30, 31, (1 Jan holiday), Mon 4.
    expect(addWorkingDays("2026-12-24", 4, HOLIDAYS)).toBe("2027-01-04");
    expect(addWorkingDays("2026-12-24", 4, NONE)).toBe("2026-12-30");
  });

  it("counts over Easter (Good Friday and Easter Monday)", () => {
    // Thu 25 Mar 2027; Good Friday 26 Mar, Easter Monday 29 Mar 2027.
    expect(addWorkingDays("2027-03-25", 1, HOLIDAYS)).toBe("2027-03-30");
  });

  it("refuses a negative or fractional count", () => {
    expect(() => addWorkingDays("2026-11-23", -1, HOLIDAYS)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-11-23", 1.5, HOLIDAYS)).toThrow(RangeError);
  });
});

describe("the day a moment falls on in England", () => {
  it("uses London time, so late evening in summer is already the next day", () => {
    expect(londonDay(new Date("2027-06-30T23:30:00Z"))).toBe("2027-07-01");
    expect(londonDay(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31");
  });
});

describe("statutory deadlines", () => {
  it("acknowledgement is due a configurable number of working days after receipt", () => {
    expect(acknowledgementDue("2026-11-23", 10, HOLIDAYS)).toBe("2026-12-07");
    expect(acknowledgementDue("2026-11-23", 3, HOLIDAYS)).toBe("2026-11-26");
    expect(acknowledgementDue("2026-12-18", 5, HOLIDAYS)).toBe("2026-12-29"); // over 25 and 28 Dec
  });

  it("the decision date must be notified within 30 days of receipt", () => {
    expect(decisionDateNoticeDue("2026-11-23")).toBe("2026-12-23");
    expect(decisionDateNoticeDue("2027-02-01")).toBe("2027-03-03");
    expect(decisionDateNoticeDue("2028-02-01")).toBe("2028-03-02"); // leap year
  });

  it("the procurement window runs from the minimum to the maximum period after acceptance", () => {
    expect(procurementWindow("2026-11-23", 6, 12)).toEqual({ opensOn: "2027-05-23", closesOn: "2027-11-23" });
    expect(procurementWindow("2027-08-31", 0, 6)).toEqual({ opensOn: "2027-08-31", closesOn: "2028-02-29" });
    expect(() => procurementWindow("2026-11-23", 12, 6)).toThrow(RangeError);
  });
});

describe("service windows", () => {
  const windows = [{ opensOn: "2026-11-01", closesOn: "2026-12-31" }];
  it("is open inside a window, including its first and last day", () => {
    for (const day of ["2026-11-01", "2026-11-23", "2026-12-31"]) expect(isServiceOpen({ excludedReason: null, anyTime: false, windows }, day)).toBe(true);
    for (const day of ["2026-10-31", "2027-01-01"]) expect(isServiceOpen({ excludedReason: null, anyTime: false, windows }, day)).toBe(false);
  });
  it("any time is always open; excluded never is", () => {
    expect(isServiceOpen({ excludedReason: null, anyTime: true, windows: [] }, "2030-01-01")).toBe(true);
    expect(isServiceOpen({ excludedReason: "Emergency planning", anyTime: false, windows }, "2026-11-23")).toBe(false);
  });
});

describe("the clock on one EOI", () => {
  const base: ClockInput = { status: "submitted", receivedOn: "2026-11-23", decisionDueOn: null, procurementOpensOn: null, procurementClosesOn: null };

  it("nothing is owed on a draft", () => {
    expect(clockFor({ ...base, status: "draft", receivedOn: null }, SETTINGS, HOLIDAYS, "2026-11-23")).toBeNull();
  });

  it("acknowledgement is due, then overdue the day after the deadline", () => {
    expect(clockFor(base, SETTINGS, HOLIDAYS, "2026-12-07")).toEqual({ what: "acknowledge", dueOn: "2026-12-07", daysLeft: 0, state: "due" });
    expect(clockFor(base, SETTINGS, HOLIDAYS, "2026-12-08")).toMatchObject({ what: "acknowledge", state: "overdue", daysLeft: -1 });
  });

  it("after acknowledgement, the decision date notice is owed within 30 days of receipt", () => {
    expect(clockFor({ ...base, status: "acknowledged" }, SETTINGS, HOLIDAYS, "2026-12-01")).toMatchObject({ what: "notify_decision_date", dueOn: "2026-12-23", state: "due" });
    expect(clockFor({ ...base, status: "acknowledged" }, SETTINGS, HOLIDAYS, "2026-12-24")).toMatchObject({ state: "overdue" });
  });

  it("while deciding, the notified decision date is the deadline", () => {
    for (const status of ["decision_date_notified", "under_consideration", "modification_proposed"]) {
      expect(clockFor({ ...base, status, decisionDueOn: "2027-02-01" }, SETTINGS, HOLIDAYS, "2027-02-02")).toMatchObject({ what: "decide", state: "overdue" });
    }
  });

  it("warns before the procurement window lapses, then shows it lapsed", () => {
    const accepted = { ...base, status: "accepted", procurementOpensOn: "2027-05-23", procurementClosesOn: "2027-11-23" };
    expect(clockFor(accepted, SETTINGS, HOLIDAYS, "2027-11-08")).toMatchObject({ what: "start_procurement", state: "due", daysLeft: 15 });
    expect(clockFor(accepted, SETTINGS, HOLIDAYS, "2027-11-09")).toMatchObject({ state: "lapsing", daysLeft: 14 });
    expect(clockFor(accepted, SETTINGS, HOLIDAYS, "2027-11-24")).toMatchObject({ state: "lapsed" });
    expect(clockFor({ ...accepted, status: "procurement_started" }, SETTINGS, HOLIDAYS, "2027-11-24")).toBeNull();
  });

  it("nothing is owed once finished", () => {
    for (const status of ["rejected", "closed", "withdrawn"]) expect(clockFor({ ...base, status }, SETTINGS, HOLIDAYS, "2030-01-01")).toBeNull();
  });
});
