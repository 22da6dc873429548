/** What a board decision may cite, and how (app/modules/commissioning/subject-rules.ts). */
import { describe, expect, it } from "vitest";
import { parseSubjectPick, subjectProblem } from "../../app/modules/commissioning/subject-rules";

describe("what a decision may cite", () => {
  it("cites a consultation once it has been open, and decides on it only after it closes", () => {
    expect(subjectProblem({ kind: "consultation", status: "draft" }, "informs", false)).toMatchObject({ field: "subject", message: expect.stringContaining("a draft") });
    expect(subjectProblem({ kind: "consultation", status: "scheduled" }, "informs", false)).toMatchObject({ field: "subject" });
    expect(subjectProblem({ kind: "consultation", status: "open" }, "informs", false)).toBeNull();
    expect(subjectProblem({ kind: "consultation", status: "open" }, "approves", false)).toMatchObject({ field: "relation", message: expect.stringContaining("still open") });
    expect(subjectProblem({ kind: "consultation", status: "closed" }, "approves", false)).toBeNull();
    expect(subjectProblem({ kind: "consultation", status: "results_published" }, "rejects", false)).toBeNull();
  });

  it("approves an EOI only once the council accepted it, rejects it only once rejected, and never cites a draft", () => {
    expect(subjectProblem({ kind: "challenge", status: "draft" }, "informs", false)).toMatchObject({ field: "subject" });
    expect(subjectProblem({ kind: "challenge", status: "under_consideration" }, "informs", false)).toBeNull();
    expect(subjectProblem({ kind: "challenge", status: "under_consideration" }, "approves", false)).toEqual({ field: "relation", message: "The council has not accepted that expression of interest (it is under consideration): record its decision on the expression of interest first, or link it as “Informs”" });
    expect(subjectProblem({ kind: "challenge", status: "accepted" }, "approves", false)).toBeNull();
    expect(subjectProblem({ kind: "challenge", status: "accepted_with_modification" }, "amends", false)).toBeNull();
    expect(subjectProblem({ kind: "challenge", status: "procurement_started" }, "approves", false)).toBeNull();
    expect(subjectProblem({ kind: "challenge", status: "accepted" }, "rejects", false)).toMatchObject({ field: "relation", message: expect.stringContaining("has not rejected") });
    expect(subjectProblem({ kind: "challenge", status: "rejected" }, "rejects", false)).toBeNull();
    expect(subjectProblem({ kind: "challenge", status: "rejected" }, "approves", false)).toMatchObject({ field: "relation" });
  });

  it("decides a plan at its Plan stage; after the gate a new decision only informs it, but a link made may be re-classified", () => {
    expect(subjectProblem({ kind: "commissioning_review", stage: "plan" }, "approves", false)).toBeNull();
    expect(subjectProblem({ kind: "commissioning_review", stage: "analyse" }, "approves", false)).toMatchObject({ field: "relation", message: expect.stringContaining("Analyse") });
    expect(subjectProblem({ kind: "commissioning_review", stage: "do" }, "approves", false)).toMatchObject({ field: "relation", message: "That plan has already passed the approval gate: a new decision can only inform it" });
    expect(subjectProblem({ kind: "commissioning_review", stage: "do" }, "amends", true)).toBeNull();
    expect(subjectProblem({ kind: "commissioning_review", stage: "review" }, "informs", false)).toBeNull();
  });

  it("reads the form's pick strictly", () => {
    expect(parseSubjectPick("consultation:12")).toEqual({ kind: "consultation", id: 12 });
    expect(parseSubjectPick("challenge:3")).toEqual({ kind: "challenge", id: 3 });
    for (const bad of ["", "consultation:0", "consultation:012", "meeting:3", "consultation:99999999999", "consultation:1:2", 7, null]) expect(parseSubjectPick(bad)).toBeNull();
  });
});
