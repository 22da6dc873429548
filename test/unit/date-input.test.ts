/** The one GOV.UK date input parser: real dates, leap days, missing parts, ranges, times, order. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { dateAfter, dateInput, parseTimeOfDay } from "../../app/lib/date-input";
import { issuesToErrors } from "../../app/lib/forms";
import { fieldId } from "../../app/components/govuk/form";

const closing = dateInput({ label: "Closing date" });
const errorsOf = (schema: z.ZodType, value: unknown) => {
  const r = z.object({ closesOn: schema }).safeParse({ closesOn: value });
  return r.success ? null : issuesToErrors(r.error.issues);
};

describe("dateInput", () => {
  it("reads day, month and year as a calendar day, padding single digits and trimming spaces", () => {
    expect(closing.parse({ day: "5", month: "3", year: "2027" })).toBe("2027-03-05");
    expect(closing.parse({ day: " 31 ", month: "12", year: "2027 " })).toBe("2027-12-31");
    expect(closing.parse("2027-03-05")).toBe("2027-03-05"); // tests and JSON callers may pass ISO
  });

  it("takes 29 February only in a leap year", () => {
    expect(closing.parse({ day: "29", month: "2", year: "2028" })).toBe("2028-02-29");
    expect(errorsOf(closing, { day: "29", month: "2", year: "2027" })).toEqual({ closesOn: "Closing date must be a real date" });
    expect(errorsOf(closing, { day: "31", month: "4", year: "2027" })).toEqual({ closesOn: "Closing date must be a real date" });
  });

  it("says which part is out of range, on that part", () => {
    expect(errorsOf(closing, { day: "32", month: "1", year: "2027" })).toEqual({ "closesOn.day": "Closing date must be a real date" });
    expect(errorsOf(closing, { day: "0", month: "1", year: "2027" })).toEqual({ "closesOn.day": "Closing date must be a real date" });
    expect(errorsOf(closing, { day: "1", month: "13", year: "2027" })).toEqual({ "closesOn.month": "Closing date must be a real date" });
    expect(errorsOf(closing, { day: "1", month: "Jan", year: "2027" })).toEqual({ "closesOn.month": "Closing date must be a real date" });
    expect(errorsOf(closing, { day: "1", month: "1", year: "27" })).toEqual({ "closesOn.year": "Closing date year must include 4 numbers, like 2027" });
    expect(errorsOf(closing, { day: "1", month: "1", year: "1066" })).toEqual({ "closesOn.year": "Closing date must be between 1900 and 2199" });
  });

  it("names the missing parts", () => {
    expect(errorsOf(closing, { day: "1", month: "1", year: "" })).toEqual({ "closesOn.year": "Closing date must include a year" });
    expect(errorsOf(closing, { day: "", month: "1", year: "2027" })).toEqual({ "closesOn.day": "Closing date must include a day" });
    expect(errorsOf(closing, { day: "", month: "", year: "2027" })).toEqual({ closesOn: "Closing date must include a day and month" });
    expect(errorsOf(closing, { day: "", month: "", year: "" })).toEqual({ closesOn: "Enter the closing date" });
    expect(errorsOf(closing, undefined)).toEqual({ closesOn: "Enter the closing date" });
    expect(errorsOf(dateInput({ label: "Closing date", required: "Enter the date the period closes" }), {})).toEqual({ closesOn: "Enter the date the period closes" });
  });

  it("an optional date may be left empty, but not half filled", () => {
    const optional = dateInput({ label: "Review date", optional: true });
    expect(optional.parse({ day: "", month: "", year: "" })).toBeNull();
    expect(optional.parse("")).toBeNull();
    expect(optional.parse(undefined)).toBeNull();
    expect(errorsOf(optional, { day: "3", month: "", year: "" })).toEqual({ closesOn: "Review date must include a month and year" });
  });

  it("refuses values that are not a date input at all", () => {
    expect(errorsOf(closing, "31/12/2027")).toEqual({ closesOn: "Closing date must be a real date" });
    expect(errorsOf(closing, ["1", "2"])).toEqual({ closesOn: "Closing date must be a real date" });
    expect(errorsOf(closing, { day: ["1"], month: "1", year: "2027" })).toEqual({ closesOn: "Closing date must be a real date" });
  });

  it("with a time, gives the instant in UK time (GMT in winter, BST in summer)", () => {
    const starts = dateInput({ label: "Meeting date", time: true });
    expect(starts.parse({ day: "18", month: "1", year: "2027", time: "18:30" }).toISOString()).toBe("2027-01-18T18:30:00.000Z");
    expect(starts.parse({ day: "18", month: "7", year: "2027", time: "6:30pm" }).toISOString()).toBe("2027-07-18T17:30:00.000Z");
    expect(starts.parse("2027-03-01T18:30:00.000Z").toISOString()).toBe("2027-03-01T18:30:00.000Z");
    expect(errorsOf(starts, { day: "18", month: "1", year: "2027", time: "" })).toEqual({ "closesOn.time": "Meeting date must include a time" });
    expect(errorsOf(starts, { day: "18", month: "1", year: "2027", time: "25:00" })).toEqual({ "closesOn.time": "Meeting date must include a real time, like 09:30 or 5:30pm" });
    const withDefault = dateInput({ label: "Opening date", time: true, defaultTime: "09:00" });
    expect(withDefault.parse({ day: "18", month: "1", year: "2027" }).toISOString()).toBe("2027-01-18T09:00:00.000Z");
  });

  it("reads the times people write", () => {
    expect(parseTimeOfDay("9am")).toEqual([9, 0]);
    expect(parseTimeOfDay("12pm")).toEqual([12, 0]);
    expect(parseTimeOfDay("12am")).toEqual([0, 0]);
    expect(parseTimeOfDay("5:30 PM")).toEqual([17, 30]);
    expect(parseTimeOfDay("09.15")).toEqual([9, 15]);
    expect(parseTimeOfDay("midday")).toEqual([12, 0]);
    expect(parseTimeOfDay("17")).toBeNull();
    expect(parseTimeOfDay("13pm")).toBeNull();
    expect(parseTimeOfDay("10:60")).toBeNull();
  });
});

describe("dateAfter", () => {
  const period = z
    .object({ opensOn: dateInput({ label: "Opening date" }), closesOn: dateInput({ label: "Closing date" }) })
    .superRefine((v, ctx) => dateAfter(ctx, v.closesOn, v.opensOn, ["closesOn"], "Closing date must be after the opening date"));

  it("puts the error on the later date", () => {
    const r = period.safeParse({ opensOn: { day: "10", month: "1", year: "2027" }, closesOn: { day: "9", month: "1", year: "2027" } });
    expect(r.success ? null : issuesToErrors(r.error.issues)).toEqual({ closesOn: "Closing date must be after the opening date" });
    expect(period.safeParse({ opensOn: "2027-01-10", closesOn: "2027-01-10" }).success).toBe(false);
    expect(period.safeParse({ opensOn: "2027-01-10", closesOn: "2027-01-11" }).success).toBe(true);
  });
});

describe("error summary links", () => {
  it("an error about the whole date and one about its day both link to the day box", () => {
    expect(fieldId("closesOn")).toBe("closesOn");
    expect(fieldId("closesOn.day")).toBe("closesOn");
    expect(fieldId("closesOn.month")).toBe("closesOn-month");
    expect(fieldId("answers[0].text")).toBe("answers-0-text");
  });
});
