/**
 * "Your work" for governance (issue 17): decisions called in and waiting for the scrutiny board
 * (its members and chair, the clerk), scrutiny recommendations due or overdue (whoever must answer,
 * including the plan's accountable commissioner), and key decisions on short notice (the clerks).
 */
import { describe, expect, it } from "vitest";
import { saveDecisionReport } from "../../app/modules/governance/governance.server";
import { respondToRecommendation } from "../../app/modules/governance/scrutiny.server";
import { governanceWork } from "../../app/modules/governance/work.server";
import { yourWork } from "../../app/modules/work/work.server";
import { addCalendarDays, londonDay } from "../../app/modules/calendar/days";
import { COMMISSIONER_EMAIL, SEED_APPROVED_REVIEW } from "../../db/seed/commissioning";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { value } from "../support/results";

const t = useTestDatabase({ seeded: true });
const today = () => londonDay(new Date());
const dateParts = (iso: string) => ({ year: iso.slice(0, 4), month: iso.slice(5, 7), day: iso.slice(8, 10) });

describe("governance on Your work", () => {
  it("lists the seeded called-in decision for the scrutiny members, the chair and the clerk, and not for others", async () => {
    const pilot = await t.db.selectFrom("decisions").select("id").where("text", "like", "A six-month peer support pilot%").executeTakeFirstOrThrow();
    for (const email of ["scrutiny-member@moot.example", "scrutiny@moot.example", "officer@moot.example"]) {
      const work = value(await yourWork(t.db, await actorFor(t.db, email)));
      expect(work.governance!.callIns.map((c) => c.decisionId), email).toEqual([pilot.id]);
      expect(work.governance!.callIns[0]).toMatchObject({ itemTitle: "Mental wellbeing peer support pilot", scrutinyBoardSlug: "overview-and-scrutiny-board" });
    }
    // A member of a locality board (not scrutiny) has nothing here; a resident has no "Your work" at all.
    expect(value(await yourWork(t.db, await actorFor(t.db, "member@moot.example"))).governance).toBeNull();
    expect(await governanceWork(t.db, await newResident(t.db))).toBeNull();
    expect(await yourWork(t.db, await newResident(t.db))).toMatchObject({ ok: false, status: 403 });
    // Once scrutiny has decided, it is no longer waiting.
    await t.db.updateTable("call_ins").set({ status: "no_further_action", outcome_recorded_at: new Date() }).where("decision_id", "=", pilot.id).execute();
    expect((await governanceWork(t.db, await actorFor(t.db, "scrutiny@moot.example")))!.callIns).toEqual([]);
  });

  it("lists recommendations due soon or overdue for the clerk and the plan's accountable commissioner, until answered", async () => {
    const homeCare = await t.db.selectFrom("commissioning_reviews").select("id").where("service_area", "=", SEED_APPROVED_REVIEW).executeTakeFirstOrThrow();
    const decision = await t.db.selectFrom("decision_subjects").select("decision_id").where("subject_kind", "=", "commissioning_review").where("subject_id", "=", homeCare.id).executeTakeFirstOrThrow();
    const scrutiny = await t.db.selectFrom("boards").select("id").where("slug", "=", "overview-and-scrutiny-board").executeTakeFirstOrThrow();
    const add = (recommendation: string, days: number) =>
      t.db.insertInto("scrutiny_recommendations").values({ board_id: scrutiny.id, decision_id: decision.decision_id, recommendation, addressed_to: "Adult social care", response_due_on: addCalendarDays(today(), days) }).returning("id").executeTakeFirstOrThrow();
    const overdue = await add("Publish the rural premium rates", -3);
    const soon = await add("Report on hours not delivered each quarter", 5);
    await add("Review the zones in two years", 60);

    const commissioner = await actorFor(t.db, COMMISSIONER_EMAIL);
    for (const actor of [commissioner, await actorFor(t.db, "officer@moot.example")]) {
      const recs = (await governanceWork(t.db, actor))!.recommendations;
      expect(recs.map((r) => [r.id, r.daysLeft])).toEqual([[overdue.id, -3], [soon.id, 5]]);
    }
    expect((await governanceWork(t.db, await actorFor(t.db, "scrutiny-member@moot.example")))!.recommendations).toEqual([]);

    // The accountable commissioner answers for the plan; then it leaves the list.
    value(await respondToRecommendation(t.db, commissioner, { recommendationId: String(overdue.id), response: "The rates are in the contract register from next month." }));
    expect((await governanceWork(t.db, commissioner))!.recommendations.map((r) => r.id)).toEqual([soon.id]);
    expect(await respondToRecommendation(t.db, await actorFor(t.db, "scrutiny-member@moot.example"), { recommendationId: String(soon.id), response: "x" })).toMatchObject({ ok: false, status: 403 });
  });

  it("lists key decisions on short notice (an exception route) for the clerks of the deciding board", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const northgate = await t.db.selectFrom("boards").select("id").where("slug", "=", "northgate-locality-board").executeTakeFirstOrThrow();
    const locality = await t.db.selectFrom("localities").select("id").where("slug", "=", "northgate").executeTakeFirstOrThrow();
    const base = { boardId: String(northgate.id), summary: "x", spend: "£2,400,000", saving: "", localityIds: [String(locality.id)], financialImplications: "", alternativesConsidered: "" };
    const short = value(await saveDecisionReport(t.db, officer, { ...base, title: "Emergency roof repairs at the leisure centre", decisionDueOn: dateParts(addCalendarDays(today(), 10)), exceptionRoute: "general_exception", exceptionReason: "The roof failed in the storm.", scrutinyChairNotifiedOn: dateParts(today()) }));
    value(await saveDecisionReport(t.db, officer, { ...base, title: "Leisure contract", decisionDueOn: dateParts(addCalendarDays(today(), 40)), exceptionRoute: "none" }));
    const listed = (await governanceWork(t.db, officer))!.shortNotice;
    expect(listed.map((k) => [k.reportId, k.clearDays, k.route])).toEqual([[short.reportId, 9, "general_exception"]]);
    expect((await governanceWork(t.db, await actorFor(t.db, "scrutiny-member@moot.example")))!.shortNotice).toEqual([]);
  });
});
