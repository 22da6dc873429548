import { describe, expect, it } from "vitest";
import { EOI_STATUSES, type EoiStatus } from "../../db/tables/challenges";
import { checkTransition, isOpen, nextMoves, type Party } from "../../app/modules/challenges/transitions";

/** The whole legal table, written out independently of the code, as the issue states it. */
const LEGAL: [EoiStatus, EoiStatus, Party][] = [
  ["draft", "submitted", "group"],
  ["submitted", "acknowledged", "officer"],
  ["acknowledged", "decision_date_notified", "officer"],
  ["decision_date_notified", "under_consideration", "officer"],
  ["under_consideration", "modification_proposed", "officer"],
  ["under_consideration", "accepted", "officer"],
  ["under_consideration", "rejected", "officer"],
  ["modification_proposed", "modification_agreed", "group"],
  ["modification_proposed", "modification_declined", "group"],
  ["modification_agreed", "accepted_with_modification", "officer"],
  ["modification_declined", "modification_proposed", "officer"],
  ["modification_declined", "accepted", "officer"],
  ["modification_declined", "rejected", "officer"],
  ["accepted", "procurement_pending", "officer"],
  ["accepted_with_modification", "procurement_pending", "officer"],
  ["rejected", "closed", "officer"],
  ["procurement_pending", "procurement_started", "officer"],
  ["procurement_started", "closed", "officer"],
];
const OPEN: EoiStatus[] = EOI_STATUSES.filter((s) => !["rejected", "closed", "withdrawn"].includes(s));
for (const from of OPEN) LEGAL.push([from, "withdrawn", "group"]);

const legalParty = new Map(LEGAL.map(([from, to, by]) => [`${from}>${to}`, by]));

describe("EOI state machine", () => {
  const pairs = EOI_STATUSES.flatMap((from) => EOI_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)("%s → %s is legal only for the right party", (from, to) => {
    const party = legalParty.get(`${from}>${to}`);
    for (const by of ["group", "officer"] as const) {
      const result = checkTransition(from, to, by);
      if (party === by) expect(result).toEqual({ ok: true });
      else expect(result.ok).toBe(false);
    }
  });

  it("explains an illegal change in words and a wrong-party change separately", () => {
    expect(checkTransition("draft", "accepted", "officer")).toEqual({ ok: false, message: "An expression of interest that is draft cannot become accepted" });
    expect(checkTransition("submitted", "acknowledged", "group")).toEqual({ ok: false, message: "Only the council can make this change" });
    expect(checkTransition("modification_proposed", "modification_agreed", "officer")).toEqual({ ok: false, message: "Only the group can make this change" });
  });

  it("lets the group withdraw from every open state and from no finished one", () => {
    for (const s of EOI_STATUSES) {
      expect(nextMoves(s, "group").some((m) => m.to === "withdrawn")).toBe(isOpen(s));
    }
    expect(EOI_STATUSES.filter((s) => !isOpen(s))).toEqual(["rejected", "closed", "withdrawn"]);
  });

  it("has exactly the legal moves listed (no extra ones)", () => {
    const all = EOI_STATUSES.flatMap((from) => nextMoves(from).map((m) => [from, m.to, m.by]));
    expect(all.length).toBe(LEGAL.length);
    expect(new Set(all.map((m) => m.join(">")))).toEqual(new Set(LEGAL.map((m) => m.join(">"))));
  });

  it("closed and withdrawn are terminal", () => {
    expect(nextMoves("closed")).toEqual([]);
    expect(nextMoves("withdrawn")).toEqual([]);
  });
});
