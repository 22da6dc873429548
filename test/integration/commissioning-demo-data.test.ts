/**
 * Issue 17's demo data, each item checked in one place: one strategy with two reviews in different
 * stages, an approved plan with its board decision, a key decision on the forward plan, and one
 * decision called in (with its implementation suspended).
 */
import { describe, expect, it } from "vitest";
import { forwardPlan } from "../../app/modules/governance/governance.server";
import { isImplementationSuspended } from "../../app/modules/governance/scrutiny.server";
import { SEED_APPROVED_REVIEW, SEED_DRAFT_REVIEW, SEED_STRATEGY_TITLE } from "../../db/seed/commissioning";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });

describe("the seeded demo of issue 17", () => {
  it("has a strategy with two reviews at different stages, the approved one with its approving board decision", async () => {
    const strategy = await t.db.selectFrom("commissioning_strategies").select("id").where("title", "=", SEED_STRATEGY_TITLE).executeTakeFirstOrThrow();
    const reviews = await t.db.selectFrom("commissioning_reviews").select(["id", "service_area", "stage"]).where("strategy_id", "=", strategy.id).orderBy("service_area").execute();
    expect(reviews.map((r) => [r.service_area, r.stage])).toEqual([[SEED_DRAFT_REVIEW, "plan"], [SEED_APPROVED_REVIEW, "do"]]);
    const approved = reviews.find((r) => r.service_area === SEED_APPROVED_REVIEW)!;
    const links = await t.db.selectFrom("decision_subjects as s").innerJoin("decisions as d", "d.id", "s.decision_id").select(["s.relation", "d.text"]).where("s.subject_kind", "=", "commissioning_review").where("s.subject_id", "=", approved.id).execute();
    expect(links).toEqual([{ relation: "approves", text: expect.stringContaining("is approved") }]);
  });

  it("has a key decision to come on the forward plan and one decision called in, suspended", async () => {
    const plan = await forwardPlan(t.db);
    expect(plan.some((r) => r.isKey && r.decisionId === null && r.publishedOn !== null)).toBe(true);
    const callIns = await t.db.selectFrom("call_ins").select(["decision_id", "status"]).execute();
    expect(callIns).toEqual([{ decision_id: expect.any(Number), status: "called_in" }]);
    expect(await isImplementationSuspended(t.db, callIns[0]!.decision_id)).toBe(true);
  });
});
