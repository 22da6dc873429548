/**
 * Key decisions and the public forward plan (issue 17), and the council's governance settings.
 *
 * A decision report is what an officer writes for a decision a board will take: summary, money
 * (integer pence), the localities affected, the implications sections and the alternatives
 * considered. Whether it is key is worked out when it is saved (rules.ts: spend or saving over the
 * admin's threshold, or two or more localities); a key one goes on the public forward plan that
 * day, and must stay there 28 clear days before the decision, or record the general-exception or
 * special-urgency route. When the board has decided, the officer links the decision, and the
 * notice is checked again against the day it was actually taken.
 */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import { permittedInput } from "../permissions/guard";
import { transact } from "../../lib/effects.server";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { boardTarget, decisionsJoined } from "../boards/boards.server";
import { decide, type Actor } from "../permissions/permissions";
import { londonDay } from "./dates";
import { decisionReportSchema, governanceSettingsSchema, takenSchema, type DecisionReportInput } from "./schema";
import { keyReasons, noticeProblem, type ExceptionRoute, type Notice } from "./rules";

const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

export interface GovernanceSettings {
  keyDecisionThresholdPence: number;
  callInMembersRequired: number;
}

export async function governanceSettings(db: Database): Promise<GovernanceSettings> {
  const row = await db.selectFrom("governance_settings").select(["key_decision_threshold_pence", "call_in_members_required"]).where("id", "=", 1).executeTakeFirst();
  return { keyDecisionThresholdPence: Number(row?.key_decision_threshold_pence ?? 50_000_000), callInMembersRequired: row?.call_in_members_required ?? 3 };
}

/** The admin sets the key-decision threshold (pounds on the form, pence stored) and the call-in number. */
export async function updateGovernanceSettings(db: Database, actor: Actor, input: unknown): Promise<Result<GovernanceSettings>> {
  const parsed = permittedInput(actor, "governance.configure", governanceSettingsSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return transact(db, async (trx) => {
    const values = { key_decision_threshold_pence: v.keyDecisionThreshold, call_in_members_required: v.callInMembersRequired, updated_at: new Date() };
    await trx.insertInto("governance_settings").values({ id: 1, ...values }).onConflict((oc) => oc.column("id").doUpdateSet(values)).execute();
    await audit(trx, actor, "governance.settings_updated", "governance_settings", v);
    return ok({ keyDecisionThresholdPence: v.keyDecisionThreshold, callInMembersRequired: v.callInMembersRequired });
  });
}

// ---------------------------------------------------------------------------------------------
// Writing a decision report

/** Boards whose decisions this person may report on (decision-making boards they manage), and the localities. */
export async function reportFormChoices(db: Database, actor: Actor) {
  const [boards, localities] = await Promise.all([
    db.selectFrom("boards").select(["id", "name", "locality_id"]).where("kind", "=", "decision_making").orderBy("name").execute(),
    db.selectFrom("localities").select(["id", "name"]).orderBy("name").execute(),
  ]);
  return { boards: boards.filter((b) => decide(actor, "board.manage", boardTarget(b.id, b.locality_id)).ok).map((b) => ({ id: b.id, name: b.name })), localities };
}

const noticeOf = (v: Pick<DecisionReportInput, "exceptionRoute" | "exceptionReason" | "scrutinyChairNotifiedOn" | "scrutinyChairName" | "scrutinyChairAgreedOn">, publishedOn: string): Notice => ({
  publishedOn,
  route: v.exceptionRoute,
  reason: v.exceptionReason,
  scrutinyChairNotifiedOn: v.scrutinyChairNotifiedOn,
  scrutinyChairName: v.scrutinyChairName,
  scrutinyChairAgreedOn: v.scrutinyChairAgreedOn,
});

/**
 * Add a decision report (id absent) or change one that has not been decided yet. A key one is on
 * the forward plan from the day it is first saved as key; the notice rule is checked against the
 * date the decision is due. Refused input changes nothing.
 */
export async function saveDecisionReport(db: Database, actor: Actor, input: unknown, options: { reportId?: number; now?: Date } = {}): Promise<Result<{ reportId: number; isKey: boolean }>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(decisionReportSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const today = londonDay(options.now ?? new Date());
  return transact(db, async (trx) => {
    const board = await trx.selectFrom("boards").select(["id", "locality_id", "kind"]).where("id", "=", v.boardId).executeTakeFirst();
    if (!board) return fail({ boardId: "Choose the board that will take the decision" });
    if (!decide(actor, "board.manage", boardTarget(board.id, board.locality_id)).ok) return fail("You do not have permission to do this", 403);
    if (board.kind !== "decision_making") return fail({ boardId: "A scrutiny board does not take these decisions: choose the board that will" });
    const existing = options.reportId
      ? await trx.selectFrom("decision_reports").select(["id", "board_id", "decision_id", day("forward_plan_published_on").as("published_on")]).where("id", "=", options.reportId).forUpdate().executeTakeFirst()
      : null;
    if (options.reportId && !existing) return fail("There is no such decision report", 404);
    if (existing) {
      const from = await trx.selectFrom("boards").select(["id", "locality_id"]).where("id", "=", existing.board_id).executeTakeFirstOrThrow();
      if (!decide(actor, "board.manage", boardTarget(from.id, from.locality_id)).ok) return fail("You do not have permission to do this", 403);
      if (existing.decision_id) return fail("The decision has been taken: its report can no longer be changed", 409);
    }
    const localityIds = [...new Set(v.localityIds)].sort((a, b) => a - b);
    if (localityIds.length) {
      const found = await trx.selectFrom("localities").select("id").where("id", "in", localityIds).execute();
      if (found.length !== localityIds.length) return fail({ localityIds: "Choose the localities affected from the list" });
    }
    if (v.decisionDueOn < today) return fail({ decisionDueOn: "The date the decision is due must be today or later" });
    const { keyDecisionThresholdPence } = await governanceSettings(trx);
    const isKey = keyReasons({ spendPence: v.spend, savingPence: v.saving, localityIds }, keyDecisionThresholdPence).length > 0;
    const publishedOn = existing?.published_on ?? (isKey ? today : null);
    const problem = noticeProblem(isKey, noticeOf(v, publishedOn ?? today), v.decisionDueOn);
    if (problem) return fail({ [problem.field]: problem.message });
    const values = {
      board_id: v.boardId,
      title: v.title,
      summary: v.summary,
      decision_due_on: v.decisionDueOn,
      spend_pence: v.spend,
      saving_pence: v.saving,
      locality_ids: localityIds,
      is_key: isKey,
      forward_plan_published_on: publishedOn,
      exception_route: v.exceptionRoute,
      exception_reason: v.exceptionReason,
      scrutiny_chair_notified_on: v.scrutinyChairNotifiedOn,
      scrutiny_chair_name: v.scrutinyChairName,
      scrutiny_chair_agreed_on: v.scrutinyChairAgreedOn,
      financial_implications: v.financialImplications,
      legal_implications: v.legalImplications,
      equality_implications: v.equalityImplications,
      carbon_implications: v.carbonImplications,
      community_safety_implications: v.communitySafetyImplications,
      staffing_implications: v.staffingImplications,
      alternatives_considered: v.alternativesConsidered,
      updated_at: new Date(),
    };
    const reportId = existing
      ? (await trx.updateTable("decision_reports").set(values).where("id", "=", existing.id).returning("id").executeTakeFirstOrThrow()).id
      : (await trx.insertInto("decision_reports").values({ ...values, created_by: actor.user!.id }).returning("id").executeTakeFirstOrThrow()).id;
    await audit(trx, actor, existing ? "decision_report.changed" : "decision_report.added", `decision_report:${reportId}`, { title: v.title, isKey, decisionDueOn: v.decisionDueOn, exceptionRoute: v.exceptionRoute });
    return ok({ reportId, isKey });
  });
}

/**
 * Link the decision the board took to its report. The notice is checked again against the day
 * the decision was actually taken: a key decision taken sooner than its notice allows is refused.
 */
export async function recordDecisionTaken(db: Database, actor: Actor, reportId: number, input: unknown): Promise<Result<{ decisionId: number }>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(takenSchema, input);
  if (!parsed.ok) return parsed;
  return transact(db, async (trx) => {
    const report = await trx
      .selectFrom("decision_reports as r")
      .innerJoin("boards as b", "b.id", "r.board_id")
      .select(["r.id", "r.board_id", "r.is_key", "r.decision_id", "b.locality_id", "r.exception_route", "r.exception_reason", "r.scrutiny_chair_name", day("r.forward_plan_published_on").as("published_on"), day("r.scrutiny_chair_notified_on").as("notified_on"), day("r.scrutiny_chair_agreed_on").as("agreed_on")])
      .where("r.id", "=", reportId)
      .forUpdate()
      .executeTakeFirst();
    if (!report) return fail("There is no such decision report", 404);
    if (!decide(actor, "board.manage", boardTarget(report.board_id, report.locality_id)).ok) return fail("You do not have permission to do this", 403);
    if (report.decision_id) return fail("A decision is already linked to this report", 409);
    const decision = await decisionsJoined(trx).select(["d.id", "d.decided_at", "b.id as board_id"]).where("d.id", "=", parsed.value.decisionId).executeTakeFirst();
    if (!decision || decision.board_id !== report.board_id) return fail({ decisionId: "Choose a decision this board has taken" });
    const linked = await trx.selectFrom("decision_reports").select("id").where("decision_id", "=", decision.id).executeTakeFirst();
    if (linked) return fail({ decisionId: "That decision already has a report" });
    const takenOn = londonDay(decision.decided_at);
    const notice: Notice = {
      publishedOn: report.published_on ?? takenOn,
      route: report.exception_route as ExceptionRoute,
      reason: report.exception_reason,
      scrutinyChairNotifiedOn: report.notified_on,
      scrutinyChairName: report.scrutiny_chair_name,
      scrutinyChairAgreedOn: report.agreed_on,
    };
    const problem = noticeProblem(report.is_key, notice, takenOn);
    if (problem) return fail({ decisionId: `The decision was taken on ${takenOn}. ${problem.message}` });
    await trx.updateTable("decision_reports").set({ decision_id: decision.id, updated_at: new Date() }).where("id", "=", report.id).execute();
    await audit(trx, actor, "decision_report.decision_taken", `decision_report:${report.id}`, { decisionId: decision.id, takenOn });
    return ok({ decisionId: decision.id });
  });
}

// ---------------------------------------------------------------------------------------------
// Reading: the forward plan, one entry, and the report behind a decision

function reports(db: Database) {
  return db
    .selectFrom("decision_reports as r")
    .innerJoin("boards as b", "b.id", "r.board_id")
    .leftJoin("decisions as d", "d.id", "r.decision_id")
    .select([
      "r.id", "r.title", "r.summary", "r.spend_pence", "r.saving_pence", "r.locality_ids", "r.is_key", "r.exception_route", "r.exception_reason", "r.scrutiny_chair_name", "r.decision_id",
      "r.financial_implications", "r.legal_implications", "r.equality_implications", "r.carbon_implications", "r.community_safety_implications", "r.staffing_implications", "r.alternatives_considered",
      day("r.decision_due_on").as("decision_due_on"), day("r.forward_plan_published_on").as("published_on"), day("r.scrutiny_chair_notified_on").as("notified_on"), day("r.scrutiny_chair_agreed_on").as("agreed_on"),
      "b.id as board_id", "b.name as board_name", "b.slug as board_slug", "b.locality_id", "d.decided_at",
    ]);
}
type ReportRow = Awaited<ReturnType<ReturnType<typeof reports>["executeTakeFirstOrThrow"]>>;

async function localityNames(db: Database): Promise<Map<number, string>> {
  return new Map((await db.selectFrom("localities").select(["id", "name"]).execute()).map((l) => [l.id, l.name]));
}

function shape(r: ReportRow, names: Map<number, string>) {
  return {
    id: r.id,
    title: r.title,
    summary: r.summary,
    boardId: r.board_id,
    boardName: r.board_name,
    boardSlug: r.board_slug,
    decisionDueOn: r.decision_due_on,
    publishedOn: r.published_on,
    isKey: r.is_key,
    spendPence: Number(r.spend_pence),
    savingPence: Number(r.saving_pence),
    localities: r.locality_ids.map((id) => names.get(id) ?? `Locality ${id}`),
    localityIds: r.locality_ids,
    exceptionRoute: r.exception_route,
    exceptionReason: r.exception_reason,
    scrutinyChairNotifiedOn: r.notified_on,
    scrutinyChairName: r.scrutiny_chair_name,
    scrutinyChairAgreedOn: r.agreed_on,
    decisionId: r.decision_id,
    takenOn: r.decided_at ? londonDay(r.decided_at) : null,
    implications: {
      financial: r.financial_implications,
      legal: r.legal_implications,
      equality: r.equality_implications,
      carbon: r.carbon_implications,
      communitySafety: r.community_safety_implications,
      staffing: r.staffing_implications,
    },
    alternativesConsidered: r.alternatives_considered,
  };
}
export type DecisionReport = ReturnType<typeof shape>;

/** The public forward plan: every key decision, the coming ones first (by due date), then those taken. */
export async function forwardPlan(db: Database) {
  const [rows, names] = await Promise.all([reports(db).where("r.is_key", "=", true).orderBy(sql`r.decision_id IS NOT NULL`).orderBy("r.decision_due_on").orderBy("r.id").limit(500).execute(), localityNames(db)]);
  return rows.map((r) => shape(r, names));
}

/** Reports that are not key (so not on the public plan), on boards this person manages: the officer's own list. */
export async function reportsNotKey(db: Database, actor: Actor) {
  if (!actor.user) return [];
  const [rows, names] = await Promise.all([reports(db).where("r.is_key", "=", false).orderBy(sql`r.decision_id IS NOT NULL`).orderBy("r.decision_due_on").limit(200).execute(), localityNames(db)]);
  return rows.filter((r) => decide(actor, "board.manage", boardTarget(r.board_id, r.locality_id)).ok).map((r) => shape(r, names));
}

/** One entry as the public sees it: key reports are public; a non-key report only to those who manage its board. */
export async function forwardPlanEntry(db: Database, actor: Actor, reportId: number) {
  const row = await reports(db).where("r.id", "=", reportId).executeTakeFirst();
  if (!row) return null;
  const canManage = decide(actor, "board.manage", boardTarget(row.board_id, row.locality_id)).ok;
  if (!row.is_key && !canManage) return null;
  const report = shape(row, await localityNames(db));
  const decisions = canManage && !row.decision_id
    ? await decisionsJoined(db)
        .select(["d.id", "d.text", "d.decided_at", "ai.title as item_title"])
        .where("b.id", "=", row.board_id)
        .where((eb) => eb.not(eb.exists(eb.selectFrom("decision_reports as x").select("x.id").whereRef("x.decision_id", "=", "d.id"))))
        .orderBy("d.decided_at", "desc")
        .limit(50)
        .execute()
    : [];
  return { report, canManage, decisions: decisions.map((d) => ({ id: d.id, label: `${d.item_title}: ${d.text.length > 80 ? `${d.text.slice(0, 79)}…` : d.text} (${londonDay(d.decided_at)})` })) };
}

/** The report behind a decision (for the decision page), or null. */
export async function reportForDecision(db: Database, decisionId: number): Promise<DecisionReport | null> {
  const row = await reports(db).where("r.decision_id", "=", decisionId).executeTakeFirst();
  return row ? shape(row, await localityNames(db)) : null;
}

/** The forward plan as open data (CSV and JSON): one row per key decision. */
export async function forwardPlanRows(db: Database) {
  return (await forwardPlan(db)).map((r) => ({
    id: r.id,
    title: r.title,
    summary: r.summary,
    decision_maker: r.boardName,
    decision_due_on: r.decisionDueOn,
    first_published_on: r.publishedOn ?? "",
    spend_pence: r.spendPence,
    saving_pence: r.savingPence,
    localities: r.localities.join("; "),
    exception_route: r.exceptionRoute,
    decision_taken_on: r.takenOn ?? "",
    decision_url: r.decisionId ? `/decisions/${r.decisionId}` : "",
  }));
}
export const FORWARD_PLAN_COLUMNS = ["id", "title", "summary", "decision_maker", "decision_due_on", "first_published_on", "spend_pence", "saving_pence", "localities", "exception_route", "decision_taken_on", "decision_url"] as const;
