/**
 * Changing a delivery plan after it is written (issue 17): milestones (dates, Done, the reason
 * when late; never after the plan's end) and the equality impact assessment's rows (change and
 * remove, with the reason kept in its history). Each refusal is checked to have changed nothing.
 */
import { describe, expect, it } from "vitest";
import { VISITOR } from "../../app/modules/permissions/permissions";
import { changeEqualityImpact, changeMilestone, equalityHistory, removeEqualityImpact } from "../../app/modules/commissioning/plan-edits.server";
import { submitPlanToAgenda } from "../../app/modules/commissioning/plans.server";
import { getReview } from "../../app/modules/evidence/reviews.server";
import { createMeeting } from "../../app/modules/meetings/meetings.server";
import { londonDay, toIsoDate } from "../../app/modules/calendar/days";
import { COMMISSIONER_EMAIL, SEED_APPROVED_REVIEW, SEED_DRAFT_REVIEW } from "../../db/seed/commissioning";
import { actorFor } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });
const DAY = 86_400_000;
const reviewId = async (serviceArea: string) => (await t.db.selectFrom("commissioning_reviews").select("id").where("service_area", "=", serviceArea).orderBy("cycle").executeTakeFirstOrThrow()).id;
const commissioner = () => actorFor(t.db, COMMISSIONER_EMAIL);
const milestoneRows = (id: number) => t.db.selectFrom("commissioning_milestones").selectAll().where("review_id", "=", id).orderBy("id").execute();
const impactRows = (id: number) => t.db.selectFrom("commissioning_equality_impacts").selectAll().where("review_id", "=", id).orderBy("id").execute();
const dayFromNow = (days: number) => londonDay(new Date(Date.now() + days * DAY));

describe("delivery-plan milestones", () => {
  it("changes the dates and marks Done; refuses a date after the plan's end, a future done day and a late one without a reason, changing nothing", async () => {
    const c = await commissioner();
    const id = await reviewId(SEED_DRAFT_REVIEW);
    const [m] = await milestoneRows(id);
    const plan = await t.db.selectFrom("commissioning_reviews").select(["plan_ends_on"]).where("id", "=", id).executeTakeFirstOrThrow();
    const end = toIsoDate(plan.plan_ends_on!);
    const base = { reviewId: String(id), milestoneId: String(m!.id), title: m!.title, state: "due", doneOn: "", lateReason: "" };
    const before = await milestoneRows(id);

    const afterEnd = await changeMilestone(t.db, c, { ...base, dueOn: londonDay(new Date(Date.parse(end) + 2 * DAY)) });
    expect(afterEnd.ok ? "" : afterEnd.errors.dueOn).toBe(`The milestone is after the plan ends (${end}): move it, or change the plan period`);
    expect(await changeMilestone(t.db, c, { ...base, dueOn: dayFromNow(100), state: "done", doneOn: "" })).toMatchObject({ ok: false, errors: { doneOn: "Enter the day it was done" } });
    expect(await changeMilestone(t.db, c, { ...base, dueOn: dayFromNow(100), state: "done", doneOn: dayFromNow(3) })).toMatchObject({ ok: false, errors: { doneOn: "The day it was done cannot be in the future" } });
    expect(await changeMilestone(t.db, c, { ...base, dueOn: "2027-02-30" })).toMatchObject({ ok: false, errors: { dueOn: "The due date must be a real date, like 2027-03-31" } });
    expect(await changeMilestone(t.db, await actorFor(t.db, "officer@moot.example"), { ...base, dueOn: dayFromNow(100) })).toMatchObject({ ok: false, status: 403 });
    expect(await changeMilestone(t.db, VISITOR, { ...base, dueOn: dayFromNow(100) })).toMatchObject({ ok: false, status: 403 });
    expect(await milestoneRows(id)).toEqual(before);

    expect((await changeMilestone(t.db, c, { ...base, title: "Grant agreement signed by both parties", dueOn: dayFromNow(120) })).ok).toBe(true);
    expect(await milestoneRows(id)).toEqual([expect.objectContaining({ title: "Grant agreement signed by both parties", late_reason: "" })]);
    expect(toIsoDate((await milestoneRows(id))[0]!.due_on)).toBe(dayFromNow(120));
    const audit = await t.db.selectFrom("audit_log").select("detail").where("action", "=", "milestone.changed").where("subject", "=", `commissioning_milestone:${m!.id}`).executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ before: { title: "Grant agreement signed" }, after: { title: "Grant agreement signed by both parties" } });
  });

  it("asks why a milestone is late (past due and not done, or done after its due day) and shows the reason with the approved plan", async () => {
    const c = await commissioner();
    const id = await reviewId(SEED_APPROVED_REVIEW);
    const rows = await milestoneRows(id);
    const awarded = rows.find((r) => r.title === "Contracts awarded")!;
    const base = { reviewId: String(id), milestoneId: String(awarded.id), title: awarded.title, dueOn: toIsoDate(awarded.due_on) };
    const doneLate = await changeMilestone(t.db, c, { ...base, state: "done", doneOn: dayFromNow(-5), lateReason: "" });
    expect(doneLate.ok ? "" : doneLate.errors.lateReason).toBe(`It was done after its due date (${base.dueOn}): say why it was late`);
    const notDone = await changeMilestone(t.db, c, { ...base, state: "due", doneOn: "", lateReason: " " });
    expect(notDone.ok ? "" : notDone.errors.lateReason).toBe(`It is past its due date (${base.dueOn}) and not done: say why it is late`);
    expect(await milestoneRows(id)).toEqual(rows);

    expect((await changeMilestone(t.db, c, { ...base, state: "done", doneOn: dayFromNow(-5), lateReason: "The evaluation panel met late" })).ok).toBe(true);
    const shown = (await getReview(t.db, VISITOR, id))!.plan.milestones.find((m) => m.id === awarded.id)!;
    expect(shown).toMatchObject({ status: "done", doneOn: dayFromNow(-5), lateReason: "The evaluation panel met late" });
    // Done on time again: the late reason is dropped.
    expect((await changeMilestone(t.db, c, { ...base, state: "done", doneOn: base.dueOn, lateReason: "The evaluation panel met late" })).ok).toBe(true);
    expect((await getReview(t.db, VISITOR, id))!.plan.milestones.find((m) => m.id === awarded.id)!.lateReason).toBe("");
  });
});

describe("the equality impact assessment", () => {
  it("changes and removes a group at the Plan stage with the reason in its history; refuses bad input, other stages and emptying an assessment on an agenda", async () => {
    const c = await commissioner();
    const id = await reviewId(SEED_DRAFT_REVIEW);
    await t.db.updateTable("commissioning_reviews").set({ changes_service: true }).where("id", "=", id).execute();
    const a = (await t.db.insertInto("commissioning_equality_impacts").values({ review_id: id, group_affected: "Age", impact: "positive", details: "Trips for older people", mitigation: "", evidence: "" }).returning("id").executeTakeFirstOrThrow()).id;
    const b = (await t.db.insertInto("commissioning_equality_impacts").values({ review_id: id, group_affected: "Disability", impact: "neutral", details: "Accessible vehicles as now", mitigation: "", evidence: "" }).returning("id").executeTakeFirstOrThrow()).id;
    const change = { reviewId: String(id), impactId: String(a), groupAffected: "Age", impact: "negative", details: "Fewer trips on Sundays", mitigation: "", evidence: "Survey", reason: "The timetable changed" };
    const before = await impactRows(id);

    expect(await changeEqualityImpact(t.db, c, change)).toMatchObject({ ok: false, errors: { mitigation: "Say how a negative impact will be mitigated" } });
    expect(await changeEqualityImpact(t.db, c, { ...change, mitigation: "Saturday service", reason: "" })).toMatchObject({ ok: false, errors: { reason: "Enter why the assessment changed" } });
    expect(await changeEqualityImpact(t.db, c, { ...change, impact: "positive", details: "Trips for older people", evidence: "" })).toMatchObject({ ok: false, errors: { details: "Nothing has changed: change the assessment, or go back" } });
    expect(await changeEqualityImpact(t.db, await actorFor(t.db, "officer@moot.example"), { ...change, mitigation: "x" })).toMatchObject({ ok: false, status: 403 });
    expect(await changeEqualityImpact(t.db, c, { ...change, impactId: String((await impactRows(await reviewId(SEED_APPROVED_REVIEW)))[0]!.id), mitigation: "x" })).toMatchObject({ ok: false, status: 404 });
    expect(await impactRows(id)).toEqual(before);

    expect((await changeEqualityImpact(t.db, c, { ...change, mitigation: "A Saturday service instead" })).ok).toBe(true);
    expect((await impactRows(id)).find((r) => r.id === a)).toMatchObject({ impact: "negative", details: "Fewer trips on Sundays", mitigation: "A Saturday service instead" });
    expect(await removeEqualityImpact(t.db, c, { reviewId: String(id), impactId: String(b), reason: "" })).toMatchObject({ ok: false, errors: { reason: "Enter why the group is removed from the assessment" } });
    expect((await removeEqualityImpact(t.db, c, { reviewId: String(id), impactId: String(b), reason: "Counted twice with Age" })).ok).toBe(true);
    expect((await impactRows(id)).map((r) => r.id)).toEqual([a]);
    expect((await equalityHistory(t.db, id)).map((h) => [h.action, h.groupAffected, h.reason])).toEqual([["removed", "Disability", "Counted twice with Age"], ["changed", "Age", "The timetable changed"]]);

    // On an agenda for decision, a plan that changes the service keeps at least one group.
    const clerk = await actorFor(t.db, "officer@moot.example");
    const board = await t.db.selectFrom("boards").select("id").where("slug", "=", "northgate-locality-board").executeTakeFirstOrThrow();
    const meeting = await createMeeting(t.db, clerk, { boardId: String(board.id), title: "Plans", startsAt: new Date(Date.now() + 40 * DAY).toISOString().slice(0, 16), venue: "Town Hall" });
    expect((await submitPlanToAgenda(t.db, clerk, { reviewId: String(id), meetingId: String(meeting.ok ? meeting.value.meetingId : 0) })).ok).toBe(true);
    expect(await removeEqualityImpact(t.db, c, { reviewId: String(id), impactId: String(a), reason: "x" })).toMatchObject({ ok: false, status: 409 });
    expect((await impactRows(id)).map((r) => r.id)).toEqual([a]);

    // Once approved (Do), the assessment is what the board approved.
    const approved = await reviewId(SEED_APPROVED_REVIEW);
    const row = (await impactRows(approved))[0]!;
    expect(await removeEqualityImpact(t.db, c, { reviewId: String(approved), impactId: String(row.id), reason: "x" })).toMatchObject({ ok: false, status: 409 });
  });
});

describe("marking a milestone done from the plan", () => {
  it("refuses a late one until the reason it was late is recorded", async () => {
    const { markMilestoneDone } = await import("../../app/modules/commissioning/plans.server");
    const c = await commissioner();
    const id = await reviewId(SEED_APPROVED_REVIEW);
    const late = (await milestoneRows(id)).find((r) => r.title === "Rural premium in place in Hollin Valley")!;
    await t.db.updateTable("commissioning_milestones").set({ late_reason: "" }).where("id", "=", late.id).execute();
    expect(await markMilestoneDone(t.db, c, { reviewId: String(id), milestoneId: String(late.id), doneOn: londonDay(new Date()) })).toMatchObject({ ok: false, errors: { milestoneId: "This milestone is done after its due date: change the milestone to say why it was late" } });
    expect((await milestoneRows(id)).find((r) => r.id === late.id)!.done_on).toBeNull();
    await t.db.updateTable("commissioning_milestones").set({ late_reason: "Recruitment in the valley" }).where("id", "=", late.id).execute();
    expect((await markMilestoneDone(t.db, c, { reviewId: String(id), milestoneId: String(late.id), doneOn: londonDay(new Date()) })).ok).toBe(true);
  });
});
