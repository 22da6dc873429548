/** Key decisions on the forward plan, the notice rules, call-in and scrutiny (issue 17), against real PostgreSQL. */
import { describe, expect, it } from "vitest";
import { saveBoard } from "../../app/modules/boards/admin.server";
import { decisionsRegister } from "../../app/modules/boards/boards.server";
import { reportsNotKey, forwardPlan, forwardPlanEntry, forwardPlanRows, governanceSettings, recordDecisionTaken, saveDecisionReport, updateGovernanceSettings } from "../../app/modules/governance/governance.server";
import { addRecommendation, addWorkItem, concludeCallIn, decisionGovernance, isImplementationSuspended, recordScrutinyOutcome, requestCallIn, respondToRecommendation, scrutinyBoardPage, setWorkItemStatus } from "../../app/modules/governance/scrutiny.server";
import { londonDay } from "../../app/modules/governance/dates";
import { addCalendarDays } from "../../app/modules/calendar/days";
import { VISITOR, type Actor } from "../../app/modules/permissions/permissions";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { value } from "../support/results";

const t = useTestDatabase({ seeded: true });
const DAY = 86_400_000;
const today = () => londonDay(new Date());
const dateParts = (iso: string) => ({ year: iso.slice(0, 4), month: iso.slice(5, 7), day: iso.slice(8, 10) });

const board = (slug: string) => t.db.selectFrom("boards").select(["id", "locality_id"]).where("slug", "=", slug).executeTakeFirstOrThrow();
const localityId = (slug: string) => t.db.selectFrom("localities").select("id").where("slug", "=", slug).executeTakeFirstOrThrow().then((r) => r.id);
const decisionLike = (text: string) => t.db.selectFrom("decisions").select(["id", "decided_at"]).where("text", "like", text).executeTakeFirstOrThrow();
const count = async (table: "decision_reports" | "call_in_requests" | "call_ins" | "scrutiny_recommendations") => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

async function report(overrides: Record<string, unknown> = {}) {
  const northgate = await board("northgate-locality-board");
  return {
    boardId: String(northgate.id),
    title: "Leisure centres management contract",
    summary: "Whether to let a ten-year contract for the council's three leisure centres.",
    decisionDueOn: dateParts(addCalendarDays(today(), 40)),
    spend: "£2,400,000",
    saving: "",
    localityIds: [String(await localityId("northgate"))],
    exceptionRoute: "none",
    financialImplications: "£240,000 a year.",
    alternativesConsidered: "In-house; a leisure trust.",
    ...overrides,
  };
}

/** A new person who sits on the scrutiny board (a member row and a grant scoped to the board). */
async function newScrutinyMember(name: string): Promise<Actor> {
  const scrutiny = await board("overview-and-scrutiny-board");
  const person = await newResident(t.db, name);
  await t.db.insertInto("board_members").values({ board_id: scrutiny.id, user_id: person.user!.id, name, role: "member", kind: "elected_councillor", organisation: "", term_start: "2025-05-01", term_end: null, voting: true }).execute();
  await t.db.insertInto("role_grants").values({ user_id: person.user!.id, role: "board_member", scope: "board", locality_id: null, board_id: scrutiny.id, granted_by: null }).execute();
  return actorFor(t.db, person.user!.email);
}

describe("governance settings", () => {
  it("lets the admin set the key-decision threshold in pounds (kept in pence) and the call-in number; refuses others and bad input", async () => {
    const admin = await actorFor(t.db, "admin@moot.example");
    const officer = await actorFor(t.db, "officer@moot.example");
    expect(await updateGovernanceSettings(t.db, officer, { keyDecisionThreshold: "1", callInMembersRequired: "1" })).toMatchObject({ ok: false, status: 403 });
    expect(await updateGovernanceSettings(t.db, admin, { keyDecisionThreshold: "lots", callInMembersRequired: "0" })).toMatchObject({ ok: false, errors: { keyDecisionThreshold: expect.any(String), callInMembersRequired: expect.any(String) } });
    expect(await governanceSettings(t.db)).toEqual({ keyDecisionThresholdPence: 50_000_000, callInMembersRequired: 2 });
    value(await updateGovernanceSettings(t.db, admin, { keyDecisionThreshold: "£600,000.50", callInMembersRequired: "2" }));
    expect(await governanceSettings(t.db)).toEqual({ keyDecisionThresholdPence: 60_000_050, callInMembersRequired: 2 });
    value(await updateGovernanceSettings(t.db, admin, { keyDecisionThreshold: "500,000", callInMembersRequired: "2" }));
  });
});

describe("key decisions and the forward plan", () => {
  it("shows the seeded key decision on the public forward plan and in its open data", async () => {
    const plan = await forwardPlan(t.db);
    const transport = plan.find((r) => r.title === "Community transport contract 2027 to 2030")!;
    expect(transport).toMatchObject({ isKey: true, spendPence: 75_000_000, localities: expect.arrayContaining(["Northgate", "Riverside"]) });
    expect(plan.every((r) => r.isKey)).toBe(true);
    expect((await forwardPlanRows(t.db)).find((r) => r.id === transport.id)).toMatchObject({ decision_maker: "Northgate Locality Board", spend_pence: 75_000_000 });
    expect(await forwardPlanEntry(t.db, VISITOR, transport.id)).toMatchObject({ canManage: false, report: { implications: { carbon: expect.stringContaining("electric") } } });
  });

  it("puts a key decision (over the threshold) on the forward plan today when it has 28 clear days' notice", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const saved = value(await saveDecisionReport(t.db, officer, await report()));
    expect(saved.isKey).toBe(true);
    const entry = (await forwardPlanEntry(t.db, VISITOR, saved.reportId))!;
    expect(entry.report).toMatchObject({ publishedOn: today(), spendPence: 240_000_000, isKey: true });
  });

  it("treats a decision affecting two localities as key, and one under the threshold in one locality as not key (not public)", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const two = value(await saveDecisionReport(t.db, officer, await report({ spend: "1,000", localityIds: [String(await localityId("northgate")), String(await localityId("eastmere"))] })));
    expect(two.isKey).toBe(true);
    const small = value(await saveDecisionReport(t.db, officer, await report({ spend: "1,000", decisionDueOn: dateParts(addCalendarDays(today(), 3)) })));
    expect(small.isKey).toBe(false);
    expect(await forwardPlanEntry(t.db, VISITOR, small.reportId)).toBeNull();
    expect((await forwardPlan(t.db)).some((r) => r.id === small.reportId)).toBe(false);
    expect((await reportsNotKey(t.db, officer)).map((r) => r.id)).toContain(small.reportId);
    expect(await reportsNotKey(t.db, VISITOR)).toEqual([]);
    expect(await reportsNotKey(t.db, await actorFor(t.db, "scrutiny@moot.example"))).toEqual([]);
  });

  it("refuses a key decision without 28 clear days' notice and no exception route, and records nothing", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const before = await count("decision_reports");
    const refused = await saveDecisionReport(t.db, officer, await report({ decisionDueOn: dateParts(addCalendarDays(today(), 28)) }));
    expect(refused).toMatchObject({ ok: false, errors: { exceptionRoute: expect.stringContaining("27 clear days") } });
    expect(await count("decision_reports")).toBe(before);
    // 29 days ahead is 28 clear days: allowed.
    value(await saveDecisionReport(t.db, officer, await report({ decisionDueOn: dateParts(addCalendarDays(today(), 29)) })));
  });

  it("allows the general exception with the scrutiny chair told 5 clear days before, and refuses it with less", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const general = { exceptionRoute: "general_exception", exceptionReason: "The funding offer lapses before 28 days' notice could be given.", scrutinyChairNotifiedOn: dateParts(today()) };
    const before = await count("decision_reports");
    expect(await saveDecisionReport(t.db, officer, await report({ ...general, decisionDueOn: dateParts(addCalendarDays(today(), 5)) }))).toMatchObject({ ok: false, errors: { scrutinyChairNotifiedOn: expect.any(String) } });
    expect(await saveDecisionReport(t.db, officer, await report({ ...general, exceptionReason: "", decisionDueOn: dateParts(addCalendarDays(today(), 10)) }))).toMatchObject({ ok: false, errors: { exceptionReason: expect.any(String) } });
    expect(await count("decision_reports")).toBe(before);
    value(await saveDecisionReport(t.db, officer, await report({ ...general, decisionDueOn: dateParts(addCalendarDays(today(), 6)) })));
  });

  it("allows special urgency only with the scrutiny chair's agreement recorded", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const urgent = { exceptionRoute: "special_urgency", exceptionReason: "The roof of the main leisure centre failed inspection.", decisionDueOn: dateParts(addCalendarDays(today(), 2)) };
    expect(await saveDecisionReport(t.db, officer, await report(urgent))).toMatchObject({ ok: false, errors: { scrutinyChairName: expect.any(String) } });
    expect(await saveDecisionReport(t.db, officer, await report({ ...urgent, scrutinyChairName: "Cllr Grace Whitfield", scrutinyChairAgreedOn: dateParts(addCalendarDays(today(), 3)) }))).toMatchObject({ ok: false, errors: { scrutinyChairAgreedOn: expect.any(String) } });
    value(await saveDecisionReport(t.db, officer, await report({ ...urgent, scrutinyChairName: "Cllr Grace Whitfield", scrutinyChairAgreedOn: dateParts(today()) })));
  });

  it("refuses a resident, a scrutiny board as decision-maker, bad money and a date in the past", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const scrutiny = await board("overview-and-scrutiny-board");
    expect(await saveDecisionReport(t.db, await newResident(t.db), await report())).toMatchObject({ ok: false, status: 403 });
    expect(await saveDecisionReport(t.db, officer, await report({ boardId: String(scrutiny.id) }))).toMatchObject({ ok: false, errors: { boardId: expect.any(String) } });
    expect(await saveDecisionReport(t.db, officer, await report({ spend: "two million" }))).toMatchObject({ ok: false, errors: { spend: expect.any(String) } });
    expect(await saveDecisionReport(t.db, officer, await report({ decisionDueOn: dateParts(addCalendarDays(today(), -1)) }))).toMatchObject({ ok: false, errors: { decisionDueOn: expect.any(String) } });
    expect(await saveDecisionReport(t.db, officer, await report({ decisionDueOn: { day: "31", month: "2", year: "2027" } }))).toMatchObject({ ok: false, errors: { decisionDueOn: expect.any(String) } });
  });

  it("links the decision taken only when the notice was long enough on the day it was actually taken", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const grants = await decisionLike("£12,000 is awarded%");
    const takenOn = londonDay(grants.decided_at);
    // Published today: a decision taken weeks ago had no notice.
    const late = value(await saveDecisionReport(t.db, officer, await report()));
    expect(await recordDecisionTaken(t.db, officer, late.reportId, { decisionId: String(grants.id) })).toMatchObject({ ok: false, errors: { decisionId: expect.stringContaining("clear days") } });
    expect((await t.db.selectFrom("decision_reports").select("decision_id").where("id", "=", late.reportId).executeTakeFirstOrThrow()).decision_id).toBeNull();
    // Published 40 days before it was taken: linked, and the decision page shows the report.
    const early = value(await saveDecisionReport(t.db, officer, await report({ decisionDueOn: dateParts(takenOn) }), { now: new Date(grants.decided_at.getTime() - 40 * DAY) }));
    expect(await recordDecisionTaken(t.db, await newResident(t.db), early.reportId, { decisionId: String(grants.id) })).toMatchObject({ ok: false, status: 403 });
    value(await recordDecisionTaken(t.db, officer, early.reportId, { decisionId: String(grants.id) }));
    expect((await decisionGovernance(t.db, VISITOR, grants.id)).report).toMatchObject({ id: early.reportId, isKey: true, takenOn });
    expect(await saveDecisionReport(t.db, officer, await report(), { reportId: early.reportId })).toMatchObject({ ok: false, status: 409 });
  });
});

describe("call-in", () => {
  it("shows the seeded call-in: the pilot is called in and its implementation suspended", async () => {
    const pilot = await decisionLike("A six-month peer support pilot%");
    expect(await isImplementationSuspended(t.db, pilot.id)).toBe(true);
    const shown = await decisionGovernance(t.db, VISITOR, pilot.id);
    expect(shown).toMatchObject({ suspended: true, callIn: { status: "called_in" }, requests: [expect.objectContaining({ name: "Cllr Daniel Frost" }), expect.objectContaining({ name: "Cllr Imran Sheikh" })] });
    expect(shown.report?.implications.equality).toContain("step-free");
    // The public register marks it, and only it among the seeded decisions, as called in.
    const register = await decisionsRegister(t.db, {});
    expect(register.decisions.filter((d) => d.calledIn).map((d) => d.id)).toEqual([pilot.id]);
  });

  it("needs as many scrutiny members as the admin sets, within five working days; the scrutiny board's outcome needs the call-in", async () => {
    const admin = await actorFor(t.db, "admin@moot.example");
    value(await updateGovernanceSettings(t.db, admin, { keyDecisionThreshold: "500,000", callInMembersRequired: "3" }));
    const grants = await decisionLike("£12,000 is awarded%");
    const within = { now: new Date(grants.decided_at.getTime() + 1 * DAY) };
    const chair = await actorFor(t.db, "scrutiny@moot.example");
    const member = await actorFor(t.db, "scrutiny-member@moot.example");
    const reasons = { decisionId: String(grants.id), reasons: "The award was not compared with the other two bids in public." };

    expect(await isImplementationSuspended(t.db, grants.id)).toBe(false);
    // Not a scrutiny member: a Northgate board member and a visitor are refused.
    expect(await requestCallIn(t.db, await actorFor(t.db, "member@moot.example"), reasons, within)).toMatchObject({ ok: false, status: 403 });
    expect(await requestCallIn(t.db, VISITOR, reasons, within)).toMatchObject({ ok: false, status: 403 });
    // After five working days: refused, nothing recorded.
    const before = await count("call_in_requests");
    expect(await requestCallIn(t.db, member, reasons, { now: new Date(grants.decided_at.getTime() + 10 * DAY) })).toMatchObject({ ok: false, errors: { reasons: expect.stringContaining("call-in period has ended") } });
    expect(await requestCallIn(t.db, member, { decisionId: String(grants.id), reasons: "  " }, within)).toMatchObject({ ok: false, errors: { reasons: expect.any(String) } });
    expect(await count("call_in_requests")).toBe(before);

    expect(value(await requestCallIn(t.db, member, reasons, within))).toEqual({ calledIn: false, requests: 1, required: 3 });
    expect(await requestCallIn(t.db, member, reasons, within)).toMatchObject({ ok: false, status: 409 });
    expect(value(await requestCallIn(t.db, chair, reasons, within))).toEqual({ calledIn: false, requests: 2, required: 3 });
    expect(await isImplementationSuspended(t.db, grants.id)).toBe(false);
    // Too few members: the scrutiny board cannot record an outcome yet.
    expect(await recordScrutinyOutcome(t.db, chair, { decisionId: String(grants.id), outcome: "no_further_action" })).toMatchObject({ ok: false, errors: { outcome: expect.stringContaining("2 of the 3") } });

    const third = await newScrutinyMember("Cllr New Member");
    expect(value(await requestCallIn(t.db, third, reasons, within))).toEqual({ calledIn: true, requests: 3, required: 3 });
    expect(await isImplementationSuspended(t.db, grants.id)).toBe(true);
    expect(await requestCallIn(t.db, await newScrutinyMember("Cllr Late"), reasons, within)).toMatchObject({ ok: false, status: 409 });

    // A plain member cannot record the outcome; the chair can. No further action lifts the suspension.
    expect(await recordScrutinyOutcome(t.db, member, { decisionId: String(grants.id), outcome: "no_further_action" })).toMatchObject({ ok: false, status: 403 });
    value(await recordScrutinyOutcome(t.db, chair, { decisionId: String(grants.id), outcome: "no_further_action", notes: "The board heard the officer's comparison and was satisfied." }));
    expect(await isImplementationSuspended(t.db, grants.id)).toBe(false);
    expect(await recordScrutinyOutcome(t.db, chair, { decisionId: String(grants.id), outcome: "referred_back", recommendation: "x", responseDueOn: dateParts(today()) })).toMatchObject({ ok: false, status: 409 });
    value(await updateGovernanceSettings(t.db, admin, { keyDecisionThreshold: "500,000", callInMembersRequired: "2" }));
  });

  it("refers a decision back with recommendations: suspended until the decision-maker records its final decision and answers", async () => {
    const pilot = await decisionLike("A six-month peer support pilot%");
    const chair = await actorFor(t.db, "scrutiny@moot.example");
    const officer = await actorFor(t.db, "officer@moot.example");
    const recommendationsBefore = await count("scrutiny_recommendations");
    expect(await recordScrutinyOutcome(t.db, chair, { decisionId: String(pilot.id), outcome: "referred_back" })).toMatchObject({ ok: false, errors: { recommendation: expect.any(String) } });
    expect(await count("scrutiny_recommendations")).toBe(recommendationsBefore);
    value(await recordScrutinyOutcome(t.db, chair, { decisionId: String(pilot.id), outcome: "referred_back", recommendation: "Agree measures of success before the pilot starts, and include a Riverside venue.", responseDueOn: dateParts(addCalendarDays(today(), 20)) }));
    expect(await isImplementationSuspended(t.db, pilot.id)).toBe(true);
    const shown = await decisionGovernance(t.db, officer, pilot.id);
    expect(shown).toMatchObject({ callIn: { status: "referred_back" }, may: { conclude: true, respond: true }, recommendations: [expect.objectContaining({ addressed_to: "Northgate Locality Board", response: null })] });

    expect(await concludeCallIn(t.db, chair, { decisionId: String(pilot.id), finalDecision: "Confirmed" })).toMatchObject({ ok: false, status: 403 });
    value(await concludeCallIn(t.db, officer, { decisionId: String(pilot.id), finalDecision: "The pilot goes ahead with agreed measures and a fourth venue in Riverside." }));
    expect(await isImplementationSuspended(t.db, pilot.id)).toBe(false);
    const rec = shown.recommendations[0]!;
    expect(await respondToRecommendation(t.db, await newResident(t.db), { recommendationId: String(rec.id), response: "No" })).toMatchObject({ ok: false, status: 403 });
    value(await respondToRecommendation(t.db, officer, { recommendationId: String(rec.id), response: "Accepted: measures agreed and a Riverside venue added." }));
    expect(await respondToRecommendation(t.db, officer, { recommendationId: String(rec.id), response: "Again" })).toMatchObject({ ok: false, status: 409 });
  });
});

describe("call-in by two members at the same moment", () => {
  it("counts both and calls the decision in exactly once", async () => {
    // A decision of another board, taken today at a published meeting, with no requests yet.
    const riverside = await board("riverside-locality-board");
    const meeting = await t.db.selectFrom("meetings").select("id").where("board_id", "=", riverside.id).where("status", "!=", "draft").executeTakeFirstOrThrow();
    const item = await t.db.selectFrom("agenda_items").select("id").where("meeting_id", "=", meeting.id).where("kind", "!=", "exempt").orderBy("position").executeTakeFirstOrThrow();
    const decided = await t.db.insertInto("decisions").values({ meeting_id: meeting.id, agenda_item_id: item.id, motion_id: null, text: "Riverside play areas are resurfaced.", reasons: "Safety inspection." }).returning("id").executeTakeFirstOrThrow();
    const [a, b] = await Promise.all([newScrutinyMember("Cllr Same Time A"), newScrutinyMember("Cllr Same Time B")]);
    const reasons = { decisionId: String(decided.id), reasons: "No consultation with parents." };
    const results = await Promise.all([requestCallIn(t.db, a, reasons), requestCallIn(t.db, b, reasons)]);
    expect(results.map((r) => value(r).requests).sort()).toEqual([1, 2]);
    expect(results.filter((r) => r.ok && r.value.calledIn)).toHaveLength(1);
    expect(await t.db.selectFrom("call_ins").select("id").where("decision_id", "=", decided.id).execute()).toHaveLength(1);
    expect(await isImplementationSuspended(t.db, decided.id)).toBe(true);
  });
});

describe("a decision taken under special urgency", () => {
  it("cannot be called in, and nothing is recorded", async () => {
    const eastmere = await board("eastmere-locality-board");
    const meeting = await t.db.selectFrom("meetings").select("id").where("board_id", "=", eastmere.id).where("status", "!=", "draft").executeTakeFirstOrThrow();
    const item = await t.db.selectFrom("agenda_items").select("id").where("meeting_id", "=", meeting.id).where("kind", "!=", "exempt").orderBy("position").executeTakeFirstOrThrow();
    const decided = await t.db.insertInto("decisions").values({ meeting_id: meeting.id, agenda_item_id: item.id, motion_id: null, text: "The leisure centre roof is replaced at once.", reasons: "It failed inspection." }).returning("id").executeTakeFirstOrThrow();
    await t.db.insertInto("decision_reports").values({ board_id: eastmere.id, title: "Leisure centre roof", decision_due_on: today(), spend_pence: 90_000_000, is_key: true, forward_plan_published_on: today(), exception_route: "special_urgency", exception_reason: "Unsafe roof.", scrutiny_chair_name: "Cllr Grace Whitfield", scrutiny_chair_agreed_on: today(), decision_id: decided.id }).execute();
    const member = await actorFor(t.db, "scrutiny-member@moot.example");
    const before = await count("call_in_requests");
    expect(await requestCallIn(t.db, member, { decisionId: String(decided.id), reasons: "Too fast." })).toMatchObject({ ok: false, status: 409, errors: { _form: expect.stringContaining("special urgency") } });
    expect(await count("call_in_requests")).toBe(before);
    expect((await decisionGovernance(t.db, member, decided.id)).may.callIn).toBe(false);
  });
});

describe("the scrutiny board's work programme and recommendations", () => {
  it("lets the chair add items and recommendations and change status; refuses a plain member and a resident", async () => {
    const scrutiny = await board("overview-and-scrutiny-board");
    const chair = await actorFor(t.db, "scrutiny@moot.example");
    const member = await actorFor(t.db, "scrutiny-member@moot.example");
    const item = { boardId: String(scrutiny.id), title: "Housing repairs backlog", plannedFor: dateParts(addCalendarDays(today(), 30)), status: "scheduled" };
    expect(await addWorkItem(t.db, member, item)).toMatchObject({ ok: false, status: 403 });
    expect(await addWorkItem(t.db, chair, { ...item, title: "" })).toMatchObject({ ok: false, errors: { title: expect.any(String) } });
    const { workItemId } = value(await addWorkItem(t.db, chair, item));
    value(await setWorkItemStatus(t.db, chair, { workItemId: String(workItemId), status: "under_review" }));
    expect(await setWorkItemStatus(t.db, chair, { workItemId: String(workItemId), status: "finished" })).toMatchObject({ ok: false, errors: { status: expect.any(String) } });
    expect(await addRecommendation(t.db, chair, { boardId: String(scrutiny.id), recommendation: "Publish repair times by locality.", addressedTo: "Cabinet", responseDueOn: dateParts(addCalendarDays(today(), -1)) })).toMatchObject({ ok: false, errors: { responseDueOn: expect.any(String) } });
    value(await addRecommendation(t.db, chair, { boardId: String(scrutiny.id), recommendation: "Publish repair times by locality.", addressedTo: "Cabinet", responseDueOn: dateParts(addCalendarDays(today(), 60)) }));
    const page = (await scrutinyBoardPage(t.db, VISITOR, "overview-and-scrutiny-board"))!;
    expect(page.canManage).toBe(false);
    expect(page.work).toEqual(expect.arrayContaining([expect.objectContaining({ title: "Housing repairs backlog", status: "under_review" })]));
    expect(page.recommendations).toEqual(expect.arrayContaining([expect.objectContaining({ recommendation: "Publish repair times by locality.", response: null, overdue: false })]));
    expect(await scrutinyBoardPage(t.db, VISITOR, "northgate-locality-board")).toBeNull();
  });
});

describe("boards of a kind", () => {
  it("lets an officer create a scrutiny board, which then has a scrutiny page and cannot take reported decisions", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const form = { name: "Health Scrutiny Panel", quorumKind: "number", quorumNumber: "3", quorumMinimum: "2", questionDeadlineDays: "3", boardKind: "scrutiny" };
    expect(await saveBoard(t.db, officer, { ...form, boardKind: "cabinet" })).toMatchObject({ ok: false, errors: { boardKind: expect.any(String) } });
    const { slug, boardId } = value(await saveBoard(t.db, officer, form));
    expect((await t.db.selectFrom("boards").select("kind").where("id", "=", boardId).executeTakeFirstOrThrow()).kind).toBe("scrutiny");
    expect(await scrutinyBoardPage(t.db, VISITOR, slug)).toMatchObject({ board: { name: "Health Scrutiny Panel" }, work: [] });
    // Edited without the field, it keeps its kind.
    value(await saveBoard(t.db, officer, { ...form, boardKind: undefined, boardId: String(boardId), remit: "Health services" }));
    expect((await t.db.selectFrom("boards").select("kind").where("id", "=", boardId).executeTakeFirstOrThrow()).kind).toBe("scrutiny");
  });
});
