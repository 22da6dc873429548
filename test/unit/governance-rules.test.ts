/** Key decisions, their 28 clear days on the forward plan and the exception routes; money in pence. */
import { describe, expect, it } from "vitest";
import { CALL_IN_TRANSITIONS, formatPounds, isKeyDecision, keyReasons, noticeProblem, parsePounds, suspends, type Notice } from "../../app/modules/governance/rules";

const THRESHOLD = 50_000_000; // £500,000

describe("a key decision", () => {
  it("spends or saves more than the threshold (exactly the threshold is not more)", () => {
    expect(isKeyDecision({ spendPence: THRESHOLD, savingPence: 0, localityIds: [] }, THRESHOLD)).toBe(false);
    expect(isKeyDecision({ spendPence: THRESHOLD + 1, savingPence: 0, localityIds: [] }, THRESHOLD)).toBe(true);
    expect(isKeyDecision({ spendPence: 0, savingPence: THRESHOLD + 1, localityIds: [] }, THRESHOLD)).toBe(true);
  });
  it("or affects two or more different localities", () => {
    expect(isKeyDecision({ spendPence: 0, savingPence: 0, localityIds: [3] }, THRESHOLD)).toBe(false);
    expect(isKeyDecision({ spendPence: 0, savingPence: 0, localityIds: [3, 3] }, THRESHOLD)).toBe(false);
    expect(keyReasons({ spendPence: THRESHOLD + 1, savingPence: 0, localityIds: [1, 2] }, THRESHOLD)).toEqual(["spending over £500,000", "affects two or more localities"]);
  });
});

const notice = (n: Partial<Notice> = {}): Notice => ({ publishedOn: "2027-03-01", route: "none", reason: "", scrutinyChairNotifiedOn: null, scrutinyChairName: "", scrutinyChairAgreedOn: null, ...n });

describe("notice of a key decision (2012 regulations 9 to 11)", () => {
  it("needs none for a decision that is not key", () => {
    expect(noticeProblem(false, notice(), "2027-03-02")).toBeNull();
  });
  it("is enough at 28 clear days on the forward plan, and not at 27 without an exception route", () => {
    expect(noticeProblem(true, notice(), "2027-03-30")).toBeNull();
    expect(noticeProblem(true, notice(), "2027-03-29")).toMatchObject({ field: "exceptionRoute" });
  });
  it("allows the general exception when the scrutiny chair was told and the notice public 5 clear days before", () => {
    const general = notice({ route: "general_exception", reason: "The grant offer expires", publishedOn: "2027-03-01", scrutinyChairNotifiedOn: "2027-03-01" });
    expect(noticeProblem(true, general, "2027-03-07")).toBeNull();
    expect(noticeProblem(true, general, "2027-03-06")).toMatchObject({ field: "scrutinyChairNotifiedOn" });
    expect(noticeProblem(true, { ...general, reason: " " }, "2027-03-07")).toMatchObject({ field: "exceptionReason" });
    expect(noticeProblem(true, { ...general, scrutinyChairNotifiedOn: null }, "2027-03-07")).toMatchObject({ field: "scrutinyChairNotifiedOn" });
    expect(noticeProblem(true, { ...general, publishedOn: "2027-03-03" }, "2027-03-07")).toMatchObject({ field: "decisionDueOn" });
  });
  it("allows special urgency only with the scrutiny chair's agreement, given by the day of the decision", () => {
    const urgent = notice({ route: "special_urgency", reason: "Health and safety risk", publishedOn: "2027-03-05", scrutinyChairName: "Cllr Ward", scrutinyChairAgreedOn: "2027-03-06" });
    expect(noticeProblem(true, urgent, "2027-03-06")).toBeNull();
    expect(noticeProblem(true, urgent, "2027-03-05")).toMatchObject({ field: "scrutinyChairAgreedOn" });
    expect(noticeProblem(true, { ...urgent, scrutinyChairName: "" }, "2027-03-06")).toMatchObject({ field: "scrutinyChairName" });
    expect(noticeProblem(true, { ...urgent, scrutinyChairAgreedOn: null }, "2027-03-06")).toMatchObject({ field: "scrutinyChairAgreedOn" });
  });
});

describe("money in pence", () => {
  it("reads pounds as people type them", () => {
    expect(parsePounds("£1,250,000.50")).toBe(125_000_050);
    expect(parsePounds("1250000")).toBe(125_000_000);
    expect(parsePounds(" 12.5 ")).toBe(1250);
    for (const bad of ["", "abc", "-5", "1,25", "1.234", "£", "1e6"]) expect(parsePounds(bad)).toBeNull();
  });
  it("shows pence as pounds", () => {
    expect(formatPounds(125_000_050)).toBe("£1,250,000.50");
    expect(formatPounds(50_000_000)).toBe("£500,000");
    expect(formatPounds(5)).toBe("£0.05");
  });
});

describe("a call-in's course", () => {
  it("suspends implementation until no further action or the final decision", () => {
    expect(suspends("called_in")).toBe(true);
    expect(suspends("referred_back")).toBe(true);
    expect(suspends("referred_to_council")).toBe(true);
    expect(suspends("no_further_action")).toBe(false);
    expect(suspends("concluded")).toBe(false);
    expect(CALL_IN_TRANSITIONS.no_further_action).toEqual([]);
    expect(CALL_IN_TRANSITIONS.called_in).toContain("referred_back");
  });
});
