/** Money (pence in, pounds out) and the plan's date rules. */
import { describe, expect, it } from "vitest";
import { compareOptions, formatPounds, netPence, parsePounds, penceAsInput, totalPence } from "../../app/modules/commissioning/money";
import { doneLate, milestoneOutsidePlan, milestoneStatus, riskRating, riskScore } from "../../app/modules/commissioning/rules";

describe("money", () => {
  it("reads pounds as integer pence and refuses what is not an amount", () => {
    expect(parsePounds("£1,250.50")).toEqual({ ok: true, pence: 125050 });
    expect(parsePounds("1250.5")).toEqual({ ok: true, pence: 125050 });
    expect(parsePounds(" 0 ")).toEqual({ ok: true, pence: 0 });
    expect(parsePounds("")).toEqual({ ok: true, pence: null });
    expect(parsePounds("0.1")).toEqual({ ok: true, pence: 10 });
    expect(parsePounds("12.345").ok).toBe(false);
    expect(parsePounds("ten pounds").ok).toBe(false);
    expect(parsePounds("1e6").ok).toBe(false);
    expect(parsePounds("-5")).toEqual({ ok: false, error: "must not be negative" });
    expect(parsePounds("-£5.25", { allowNegative: true })).toEqual({ ok: true, pence: -525 });
    expect(parsePounds("10000000001").ok).toBe(false);
    // No floating-point drift: 0.29 * 100 is 28.999… in binary.
    expect(parsePounds("0.29")).toEqual({ ok: true, pence: 29 });
    expect(parsePounds("19.99")).toEqual({ ok: true, pence: 1999 });
  });

  it("shows pence as pounds, and back as the text a form field holds", () => {
    expect(formatPounds(125050)).toBe("£1,250.50");
    expect(formatPounds(1_250_000)).toBe("£12,500");
    expect(formatPounds(-525)).toBe("-£5.25");
    expect(formatPounds(null)).toBe("Not given");
    expect(penceAsInput(125050)).toBe("1250.50");
    expect(penceAsInput(1_250_000)).toBe("12500");
    expect(penceAsInput(-5)).toBe("-0.05");
    expect(penceAsInput(null)).toBe("");
    for (const p of [0, 1, 99, 100, 125050, -400_000_001]) expect(parsePounds(penceAsInput(p), { allowNegative: true })).toEqual({ ok: true, pence: p });
  });

  it("totals and compares options", () => {
    const options = [
      { option: "internal", costPence: 1000, benefitPence: 0, savingPence: -200 },
      { option: "external", costPence: 800, benefitPence: 100, savingPence: 50 },
      { option: "partnership", costPence: null, benefitPence: 500, savingPence: null },
    ];
    expect(options.map(netPence)).toEqual([-1200, -650, null]);
    expect(totalPence(options.map((o) => o.costPence))).toBe(1800);
    expect(totalPence([null, null])).toBeNull();
    expect(compareOptions(options)).toEqual({ cheapest: "external", bestNet: "external" });
    expect(compareOptions([options[2]!])).toEqual({ cheapest: null, bestNet: null });
  });
});

describe("plan dates", () => {
  it("a milestone is Done once done, Late after its due day, else Due", () => {
    expect(milestoneStatus({ dueOn: "2027-03-31", doneOn: null }, "2027-03-31")).toBe("due");
    expect(milestoneStatus({ dueOn: "2027-03-31", doneOn: null }, "2027-04-01")).toBe("late");
    expect(milestoneStatus({ dueOn: "2027-03-31", doneOn: "2027-04-05" }, "2027-05-01")).toBe("done");
    expect(doneLate({ dueOn: "2027-03-31", doneOn: "2027-04-05" })).toBe(true);
    expect(doneLate({ dueOn: "2027-03-31", doneOn: "2027-03-31" })).toBe(false);
  });

  it("a milestone must fall within the plan period (its last day included)", () => {
    const plan = { startsOn: "2027-04-01", endsOn: "2030-03-31" };
    expect(milestoneOutsidePlan("2030-03-31", plan)).toBeNull();
    expect(milestoneOutsidePlan("2027-04-01", plan)).toBeNull();
    expect(milestoneOutsidePlan("2030-04-01", plan)).toMatch(/after the plan ends/);
    expect(milestoneOutsidePlan("2027-03-31", plan)).toMatch(/before the plan starts/);
    expect(milestoneOutsidePlan("2028-01-01", { startsOn: null, endsOn: null })).toBe("Set the plan’s end date before adding milestones");
  });

  it("scores risks as likelihood × impact", () => {
    expect(riskScore("high", "high")).toBe(9);
    expect(riskRating(riskScore("medium", "high"))).toBe("High");
    expect(riskRating(riskScore("low", "high"))).toBe("Medium");
    expect(riskRating(riskScore("low", "low"))).toBe("Low");
  });
});
