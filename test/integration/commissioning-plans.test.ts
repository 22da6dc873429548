/**
 * Commissioning strategies and plans (issue 17): who may see and change a plan, the gates a plan
 * passes (costs, milestones in the plan period, equality impact assessment, a board's approving
 * decision), the decision ↔ subject links, the risk register's history and keeping every cycle.
 * Each refusal is checked to have changed nothing.
 */
import { describe, expect, it } from "vitest";
import { VISITOR } from "../../app/modules/permissions/permissions";
import { advanceReview, createReview, getReview, listReviews } from "../../app/modules/evidence/reviews.server";
import { addEqualityImpact, addMilestone, addRisk, changeRisk, chooseOption, saveOptionAppraisal, saveServicesAnalysis, submitPlanToAgenda } from "../../app/modules/commissioning/plans.server";
import { decisionsAbout, linkDecisionSubject, linkSubjectsOfAgendaItem, subjectsOfDecision } from "../../app/modules/commissioning/decision-subjects.server";
import { getStrategy, listStrategies, saveStrategy } from "../../app/modules/commissioning/strategies.server";
import { createMeeting } from "../../app/modules/meetings/meetings.server";
import { COMMISSIONER_EMAIL, SEED_APPROVED_REVIEW, SEED_DRAFT_REVIEW, SEED_STRATEGY_TITLE } from "../../db/seed/commissioning";
import { actorFor } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });
const reviewId = async (serviceArea: string) => (await t.db.selectFrom("commissioning_reviews").select("id").where("service_area", "=", serviceArea).orderBy("cycle").executeTakeFirstOrThrow()).id;
const reviewRow = async (id: number) => t.db.selectFrom("commissioning_reviews").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const commissioner = () => actorFor(t.db, COMMISSIONER_EMAIL);
const officer = () => actorFor(t.db, "officer@moot.example");

describe("visibility", () => {
  it("keeps draft plans internal and withholds the risk register and confidential costs of an approved plan from the public", async () => {
    const draft = await reviewId(SEED_DRAFT_REVIEW);
    const approved = await reviewId(SEED_APPROVED_REVIEW);
    expect(await getReview(t.db, VISITOR, draft)).toBeNull();
    expect((await listReviews(t.db, VISITOR)).map((r) => r.service_area)).not.toContain(SEED_DRAFT_REVIEW);
    const publicView = (await getReview(t.db, VISITOR, approved))!;
    expect(publicView.plan.risks).toBeNull();
    const external = publicView.plan.options.find((o) => o.option === "external")!;
    expect(external).toMatchObject({ costsWithheld: true, costPence: null, savingPence: null });
    expect(publicView.plan.options.find((o) => o.option === "internal")!.costPence).toBe(1_080_000_000);
    expect(publicView.plan.decisions.map((d) => d.relation)).toEqual(["approves"]);

    const staffView = (await getReview(t.db, await commissioner(), approved))!;
    expect(staffView.plan.risks!.map((r) => r.risk)).toContain("A provider leaves the market mid-contract");
    expect(staffView.plan.options.find((o) => o.option === "external")!.costPence).toBe(955_000_000);
    expect((await getReview(t.db, await officer(), draft))!.canManage).toBe(false);
  });

  it("shows a published strategy to the public with the reviews they may see", async () => {
    const strategies = await listStrategies(t.db, VISITOR);
    const s = strategies.find((x) => x.title === SEED_STRATEGY_TITLE)!;
    const view = (await getStrategy(t.db, VISITOR, s.id))!;
    expect(view.reviews.map((r) => r.service_area)).toEqual([SEED_APPROVED_REVIEW]);
    expect(view.contributions.length).toBe(3);
    expect(view.strategy.budget_pence).toBe(420_000_000);
  });
});

describe("strategies and reviews", () => {
  it("only a commissioner creates strategies and reviews; a review names a commissioner who holds the role", async () => {
    const c = await commissioner();
    expect(await saveStrategy(t.db, await officer(), { title: "Children’s strategy" })).toMatchObject({ ok: false, status: 403 });
    expect(await saveStrategy(t.db, c, { title: "Children’s strategy", budget: "12.345" })).toMatchObject({ ok: false, errors: { budget: "Budget requirement must be an amount in pounds, like 12500 or 12,500.50" } });
    const made = await saveStrategy(t.db, c, { title: "Children’s strategy", budget: "£1,200,000.50", published: "yes" });
    expect(made.ok).toBe(true);
    const strategyId = made.ok ? made.value.strategyId : 0;
    expect((await t.db.selectFrom("commissioning_strategies").select("budget_pence").where("id", "=", strategyId).executeTakeFirstOrThrow()).budget_pence).toBe(120_000_050);

    const officerUser = await t.db.selectFrom("users").select("id").where("email", "=", "officer@moot.example").executeTakeFirstOrThrow();
    expect(await createReview(t.db, c, { serviceArea: "Youth clubs", strategyId: String(strategyId), accountableCommissionerId: String(officerUser.id) })).toMatchObject({ ok: false, errors: { accountableCommissionerId: "Choose a commissioner from the list" } });
    expect(await createReview(t.db, await officer(), { serviceArea: "Youth clubs", accountableCommissionerId: String(c.user!.id) })).toMatchObject({ ok: false, status: 403 });
    const review = await createReview(t.db, c, { serviceArea: "Youth clubs", strategyId: String(strategyId), accountableCommissionerId: String(c.user!.id) });
    expect(review.ok).toBe(true);
  });
});

describe("the plan's rules", () => {
  it("refuses an option without costs, a milestone after the plan ends and an end date before a milestone, changing nothing", async () => {
    const c = await commissioner();
    const id = await reviewId(SEED_DRAFT_REVIEW);
    const before = await t.db.selectFrom("commissioning_review_options").select("option").where("review_id", "=", id).execute();
    expect(await saveOptionAppraisal(t.db, c, { reviewId: String(id), option: "partnership", description: "With the NHS trust", cost: "" })).toMatchObject({ ok: false, errors: { cost: "Enter the cost over the plan period, in pounds (0 if it costs nothing)" } });
    expect(await t.db.selectFrom("commissioning_review_options").select("option").where("review_id", "=", id).execute()).toEqual(before);
    expect(await chooseOption(t.db, c, { reviewId: String(id), chosenOption: "partnership", reason: "x" })).toMatchObject({ ok: false, errors: { chosenOption: "Appraise “Partnership” before choosing it" } });

    const plan = await reviewRow(id);
    const end = plan.plan_ends_on!.toISOString().slice(0, 10);
    const after = `${Number(end.slice(0, 4)) + 1}${end.slice(4)}`;
    const milestones = await t.db.selectFrom("commissioning_milestones").select("id").where("review_id", "=", id).execute();
    const refused = await addMilestone(t.db, c, { reviewId: String(id), title: "Evaluation", dueOn: after });
    expect(refused.ok).toBe(false);
    expect(refused.ok ? "" : refused.errors.dueOn).toMatch(/^The milestone is after the plan ends/);
    expect(await t.db.selectFrom("commissioning_milestones").select("id").where("review_id", "=", id).execute()).toEqual(milestones);

    const early = `${Number(end.slice(0, 4)) - 2}${end.slice(4)}`;
    const analysis = { reviewId: String(id), planNeeded: "yes", statutoryDuties: "a", discretionaryActivity: "b", significantIssues: "c", currentResources: "d", planEndsOn: early, budget: "360000" };
    const shortened = await saveServicesAnalysis(t.db, c, analysis);
    expect(shortened.ok ? "" : shortened.errors.planEndsOn).toMatch(/^The milestone “Grant agreement signed” is due/);
    expect((await reviewRow(id)).plan_ends_on).toEqual(plan.plan_ends_on);
    expect(await saveServicesAnalysis(t.db, await officer(), { ...analysis, planEndsOn: end })).toMatchObject({ ok: false, status: 403 });
  });

  it("keeps the risk register through delivery: edit, re-score, close and reopen, each in the history", async () => {
    const c = await commissioner();
    const id = await reviewId(SEED_APPROVED_REVIEW);
    const added = await addRisk(t.db, c, { reviewId: String(id), risk: "Rural rounds are not covered", category: "reputational", likelihood: "low", impact: "high" });
    expect(added.ok).toBe(true);
    const riskId = String(added.ok ? added.value.riskId : 0);
    expect(await changeRisk(t.db, c, { reviewId: String(id), riskId, change: "rescored", likelihood: "low", impact: "high", note: "same" })).toMatchObject({ ok: false, errors: { likelihood: "The new score is the same as the current one" } });
    expect((await changeRisk(t.db, c, { reviewId: String(id), riskId, change: "rescored", likelihood: "high", impact: "high", note: "Two providers gave notice" })).ok).toBe(true);
    expect(await changeRisk(t.db, c, { reviewId: String(id), riskId, change: "closed", note: "" })).toMatchObject({ ok: false, errors: { note: "Enter why the risk is closed" } });
    expect((await changeRisk(t.db, c, { reviewId: String(id), riskId, change: "closed", note: "Rounds re-let" })).ok).toBe(true);
    expect(await changeRisk(t.db, c, { reviewId: String(id), riskId, change: "edited", risk: "x", category: "legal", likelihood: "low", impact: "low" })).toMatchObject({ ok: false, status: 409 });
    expect((await changeRisk(t.db, c, { reviewId: String(id), riskId, change: "reopened", note: "Provider failed again" })).ok).toBe(true);
    expect(await changeRisk(t.db, VISITOR, { reviewId: String(id), riskId, change: "closed", note: "x" })).toMatchObject({ ok: false, status: 403 });
    const risk = (await getReview(t.db, c, id))!.plan.risks!.find((r) => r.id === Number(riskId))!;
    expect(risk.history.map((h) => [h.change, h.likelihood, h.impact])).toEqual([["added", "low", "high"], ["rescored", "high", "high"], ["closed", "high", "high"], ["reopened", "high", "high"]]);
    expect(risk.closedAt).toBeNull();
  });
});

describe("the approval gate", () => {
  it("needs an equality impact assessment for a change, a clerk to put it on an agenda, and an approving decision before Do", async () => {
    const c = await commissioner();
    const clerk = await officer();
    const id = await reviewId(SEED_DRAFT_REVIEW);
    const advance = () => advanceReview(t.db, c, { reviewId: String(id), to: "do" });

    // Approving without a decision: refused, nothing changes.
    const refused = await advance();
    expect(refused).toMatchObject({ ok: false, status: 409 });
    expect(refused.ok ? "" : refused.errors._form).toContain("have the plan approved by a board");
    expect((await reviewRow(id)).stage).toBe("plan");

    // A change to the service needs the equality impact assessment before it can go for approval.
    const row = await reviewRow(id);
    const analysis = { reviewId: String(id), planNeeded: "yes", statutoryDuties: row.statutory_duties, discretionaryActivity: row.discretionary_activity, significantIssues: row.significant_issues, currentResources: row.current_resources, changesService: "yes", planStartsOn: row.plan_starts_on!.toISOString().slice(0, 10), planEndsOn: row.plan_ends_on!.toISOString().slice(0, 10), budget: "360000" };
    expect((await saveServicesAnalysis(t.db, c, analysis)).ok).toBe(true);
    const board = await t.db.selectFrom("boards").select("id").where("slug", "=", "northgate-locality-board").executeTakeFirstOrThrow();
    const meeting = await createMeeting(t.db, clerk, { boardId: String(board.id), title: "Commissioning plans", startsAt: new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 16), venue: "Town Hall" });
    const meetingId = String(meeting.ok ? meeting.value.meetingId : 0);
    const noEia = await submitPlanToAgenda(t.db, clerk, { reviewId: String(id), meetingId });
    expect(noEia.ok ? "" : noEia.errors._form).toContain("complete the equality impact assessment");
    expect(await addEqualityImpact(t.db, c, { reviewId: String(id), groupAffected: "Age", impact: "negative", details: "Fewer trips for some", mitigation: "" })).toMatchObject({ ok: false, errors: { mitigation: "Say how a negative impact will be mitigated" } });
    expect((await addEqualityImpact(t.db, c, { reviewId: String(id), groupAffected: "Age", impact: "positive", details: "Trips for older people in the valley" })).ok).toBe(true);

    // The commissioner is not the clerk of the board: only the clerk adds it to the agenda.
    expect(await submitPlanToAgenda(t.db, c, { reviewId: String(id), meetingId })).toMatchObject({ ok: false, status: 403 });
    const submitted = await submitPlanToAgenda(t.db, clerk, { reviewId: String(id), meetingId });
    expect(submitted.ok).toBe(true);
    const itemId = submitted.ok ? submitted.value.agendaItemId : 0;
    expect(await t.db.selectFrom("agenda_items").select(["kind", "title"]).where("id", "=", itemId).executeTakeFirstOrThrow()).toEqual({ kind: "decision", title: `Commissioning plan: ${SEED_DRAFT_REVIEW}` });
    expect(await submitPlanToAgenda(t.db, clerk, { reviewId: String(id), meetingId })).toMatchObject({ ok: false, errors: { meetingId: "This plan is already on that meeting’s agenda" } });

    // The board rejects it (a lost motion): still no way to Do, and the clerk cannot call it approving.
    const members = await t.db.selectFrom("board_members").select("id").where("board_id", "=", board.id).orderBy("id").execute();
    const decide = async (status: "carried" | "lost") => {
      const motion = await t.db.insertInto("motions").values({ agenda_item_id: itemId, amends_motion_id: null, text: "That the plan is approved", proposer_id: members[0]!.id, seconder_id: members[1]!.id, status, votes_for: 1, votes_against: 1, abstentions: 0, casting_vote: null, decided_at: new Date() }).returning("id").executeTakeFirstOrThrow();
      return t.db.transaction().execute(async (trx) => {
        const d = await trx.insertInto("decisions").values({ meeting_id: Number(meetingId), agenda_item_id: itemId, motion_id: motion.id, text: `Plan ${status}`, reasons: "Debated" }).returning("id").executeTakeFirstOrThrow();
        await linkSubjectsOfAgendaItem(trx, d.id, itemId, motion.id, clerk);
        return d.id;
      });
    };
    const rejected = await decide("lost");
    expect(await subjectsOfDecision(t.db, rejected, clerk)).toMatchObject([{ kind: "commissioning_review", id, relation: "rejects" }]);
    expect(await linkDecisionSubject(t.db, clerk, { decisionId: String(rejected), subjectKind: "commissioning_review", subjectId: String(id), relation: "approves" })).toMatchObject({ ok: false, errors: { relation: "The motion on this decision was lost: it cannot approve anything" } });
    expect(await linkDecisionSubject(t.db, c, { decisionId: String(rejected), subjectKind: "commissioning_review", subjectId: String(id), relation: "informs" })).toMatchObject({ ok: false, status: 403 });
    expect((await advance()).ok).toBe(false);

    // Approved (a carried motion): the gate opens, and both sides show the link.
    const approved = await decide("carried");
    // Called in by scrutiny: implementation is suspended, so the gate stays shut until the outcome.
    const scrutiny = await t.db.selectFrom("boards").select("id").where("kind", "=", "scrutiny").executeTakeFirstOrThrow();
    const callIn = await t.db.insertInto("call_ins").values({ decision_id: approved, scrutiny_board_id: scrutiny.id }).returning("id").executeTakeFirstOrThrow();
    const held = await advance();
    expect(held.ok ? "" : held.errors._form).toContain("the decision that approves it has been called in");
    expect((await reviewRow(id)).stage).toBe("plan");
    await t.db.updateTable("call_ins").set({ status: "no_further_action", outcome_recorded_at: new Date() }).where("id", "=", callIn.id).execute();
    expect(await advance()).toEqual({ ok: true, value: { stage: "do", reviewId: id } });
    expect((await decisionsAbout(t.db, "commissioning_review", id)).map((d) => [d.decisionId, d.relation])).toEqual(expect.arrayContaining([[approved, "approves"], [rejected, "rejects"]]));
    // Now public.
    expect((await getReview(t.db, VISITOR, id))!.plan.decisions.length).toBe(2);
  });
});

describe("cycles", () => {
  it("starting the next cycle creates a new review and leaves the last one as it was", async () => {
    const c = await commissioner();
    const id = await reviewId("Household waste and recycling collection");
    const before = await reviewRow(id);
    expect(await advanceReview(t.db, VISITOR, { reviewId: String(id), to: "analyse" })).toMatchObject({ ok: false, status: 403 });
    const next = await advanceReview(t.db, c, { reviewId: String(id), to: "analyse" });
    expect(next.ok).toBe(true);
    const nextId = next.ok ? next.value.reviewId : 0;
    expect(nextId).not.toBe(id);
    expect(await reviewRow(id)).toEqual(before);
    expect(await reviewRow(nextId)).toMatchObject({ service_area: before.service_area, stage: "analyse", cycle: 2, previous_review_id: id, accountable_commissioner_id: before.accountable_commissioner_id });
    expect(await advanceReview(t.db, c, { reviewId: String(id), to: "analyse" })).toMatchObject({ ok: false, errors: { _form: "The next cycle of this review has already started" } });
    expect((await getReview(t.db, VISITOR, id))!.plan.nextReviewId).toBe(nextId);
  });
});
