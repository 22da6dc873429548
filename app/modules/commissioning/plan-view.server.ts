/**
 * Reading a commissioning plan for its page. What the public sees of an approved plan: the
 * services analysis, each option's appraisal (its costs withheld when marked commercially
 * confidential), the choice and why, milestones, the equality impact assessment and the board's
 * decisions. The risk register and confidential costs are for council staff and commissioners.
 */
import type { Database } from "../../../db/client";
import type { CommissioningReviewTable, DeliveryOption, RiskCategory, RiskLevel } from "../../../db/tables/evidence";
import type { EqualityImpact, RiskChange } from "../../../db/tables/commissioning";
import type { Selectable } from "kysely";
import { londonDay, toIsoDate } from "../calendar/days";
import { DELIVERY_OPTIONS } from "../../../db/tables/evidence";
import type { Actor } from "../permissions/permissions";
import { mayManageReview, seesInternal } from "./access";
import { decisionsAbout, type DecisionAbout } from "./decision-subjects.server";
import { milestoneStatus, type MilestoneStatus } from "./rules";
import { needsEquality, planGaps } from "./plans.server";

export interface OptionView {
  option: DeliveryOption;
  description: string;
  governance: string;
  outcomes: string;
  policyFit: string;
  costPence: number | null;
  benefitPence: number | null;
  savingPence: number | null;
  /** Costs are commercially confidential and this viewer may not see them. */
  costsWithheld: boolean;
  costsConfidential: boolean;
  otherResources: string;
  risks: string;
  strengths: string;
  weaknesses: string;
  opportunities: string;
  threats: string;
  socialValue: string;
  equalityImpact: string;
  /** Why it was chosen (the chosen option only). */
  notes: string;
}

export interface RiskView {
  id: number;
  risk: string;
  category: RiskCategory;
  likelihood: RiskLevel;
  impact: RiskLevel;
  mitigation: string;
  owner: string;
  closedAt: string | null;
  closedReason: string;
  history: { change: RiskChange; likelihood: RiskLevel; impact: RiskLevel; note: string; by: string | null; on: string }[];
}

export interface PlanView {
  strategy: { id: number; title: string } | null;
  commissioner: { id: number; name: string } | null;
  cycle: number;
  previousReviewId: number | null;
  nextReviewId: number | null;
  planNeeded: boolean;
  noPlanReason: string;
  statutoryDuties: string;
  discretionaryActivity: string;
  significantIssues: string;
  currentResources: string;
  changesService: boolean;
  planStartsOn: string | null;
  planEndsOn: string | null;
  budgetPence: number | null;
  currentSpendPence: number | null;
  options: OptionView[];
  milestones: { id: number; title: string; dueOn: string; doneOn: string | null; status: MilestoneStatus; lateReason: string }[];
  /** null: not shown to this viewer. */
  risks: RiskView[] | null;
  equality: { id: number; groupAffected: string; impact: EqualityImpact; details: string; mitigation: string; evidence: string }[];
  equalityNeeded: boolean;
  submissions: { agendaItemId: number; meetingId: number; meetingTitle: string; boardName: string; startsOn: string }[];
  decisions: DecisionAbout[];
  /** What the plan still lacks before it can go for approval (for those who manage it). */
  gaps: string[];
}

type ReviewRow = Selectable<CommissioningReviewTable>;

export async function readPlan(db: Database, actor: Actor, r: ReviewRow): Promise<PlanView> {
  const internal = seesInternal(actor) || mayManageReview(actor, r);
  const [strategy, commissioner, next, options, milestones, risks, equality, submissions, decisions, gaps] = await Promise.all([
    r.strategy_id ? db.selectFrom("commissioning_strategies").select(["id", "title"]).where("id", "=", r.strategy_id).executeTakeFirst() : undefined,
    r.accountable_commissioner_id ? db.selectFrom("users").select(["id", "display_name"]).where("id", "=", r.accountable_commissioner_id).executeTakeFirst() : undefined,
    db.selectFrom("commissioning_reviews").select("id").where("previous_review_id", "=", r.id).executeTakeFirst(),
    db.selectFrom("commissioning_review_options").selectAll().where("review_id", "=", r.id).execute(),
    db.selectFrom("commissioning_milestones").selectAll().where("review_id", "=", r.id).orderBy("due_on").orderBy("id").execute(),
    internal ? readRisks(db, r.id) : Promise.resolve(null),
    db.selectFrom("commissioning_equality_impacts").selectAll().where("review_id", "=", r.id).orderBy("id").execute(),
    db
      .selectFrom("commissioning_plan_submissions as s")
      .innerJoin("agenda_items as ai", "ai.id", "s.agenda_item_id")
      .innerJoin("meetings as m", "m.id", "ai.meeting_id")
      .innerJoin("boards as b", "b.id", "m.board_id")
      .select(["ai.id as agenda_item_id", "m.id as meeting_id", "m.title as meeting_title", "m.starts_at", "b.name as board_name"])
      .where("s.review_id", "=", r.id)
      .orderBy("m.starts_at")
      .execute(),
    decisionsAbout(db, "commissioning_review", r.id, actor),
    mayManageReview(actor, r) && r.stage === "plan" ? planGaps(db, r.id) : Promise.resolve([]),
  ]);
  const today = londonDay(new Date());
  const order = (o: DeliveryOption) => DELIVERY_OPTIONS.indexOf(o);
  return {
    strategy: strategy ?? null,
    commissioner: commissioner ? { id: commissioner.id, name: commissioner.display_name } : null,
    cycle: r.cycle,
    previousReviewId: r.previous_review_id,
    nextReviewId: next?.id ?? null,
    planNeeded: r.plan_needed,
    noPlanReason: r.no_plan_reason,
    statutoryDuties: r.statutory_duties,
    discretionaryActivity: r.discretionary_activity,
    significantIssues: r.significant_issues,
    currentResources: r.current_resources,
    changesService: r.changes_service,
    planStartsOn: r.plan_starts_on ? toIsoDate(r.plan_starts_on) : null,
    planEndsOn: r.plan_ends_on ? toIsoDate(r.plan_ends_on) : null,
    budgetPence: r.budget_pence,
    currentSpendPence: r.current_spend_pence,
    options: options
      .sort((a, b) => order(a.option) - order(b.option))
      .map((o) => {
        const withheld = o.costs_confidential && !internal;
        return {
          option: o.option,
          description: o.description,
          governance: o.governance,
          outcomes: o.outcomes,
          policyFit: o.policy_fit,
          costPence: withheld ? null : o.cost_pence,
          benefitPence: withheld ? null : o.benefit_pence,
          savingPence: withheld ? null : o.saving_pence,
          costsWithheld: withheld,
          costsConfidential: o.costs_confidential,
          otherResources: o.other_resources,
          risks: o.risks,
          strengths: o.strengths,
          weaknesses: o.weaknesses,
          opportunities: o.opportunities,
          threats: o.threats,
          socialValue: o.social_value,
          equalityImpact: o.equality_impact,
          notes: o.notes,
        };
      }),
    milestones: milestones.map((m) => {
      const dueOn = toIsoDate(m.due_on);
      const doneOn = m.done_on ? toIsoDate(m.done_on) : null;
      return { id: m.id, title: m.title, dueOn, doneOn, status: milestoneStatus({ dueOn, doneOn }, today), lateReason: m.late_reason };
    }),
    risks,
    equality: equality.map((e) => ({ id: e.id, groupAffected: e.group_affected, impact: e.impact, details: e.details, mitigation: e.mitigation, evidence: e.evidence })),
    equalityNeeded: needsEquality(r),
    submissions: submissions.map((s) => ({ agendaItemId: s.agenda_item_id, meetingId: s.meeting_id, meetingTitle: s.meeting_title, boardName: s.board_name, startsOn: londonDay(s.starts_at) })),
    decisions,
    gaps,
  };
}

async function readRisks(db: Database, reviewId: number): Promise<RiskView[]> {
  const [risks, changes] = await Promise.all([
    db.selectFrom("commissioning_review_risks").selectAll().where("review_id", "=", reviewId).orderBy("id").execute(),
    db
      .selectFrom("commissioning_risk_changes as c")
      .innerJoin("commissioning_review_risks as k", "k.id", "c.risk_id")
      .leftJoin("users as u", "u.id", "c.changed_by")
      .select(["c.risk_id", "c.change", "c.likelihood", "c.impact", "c.note", "c.changed_at", "u.display_name"])
      .where("k.review_id", "=", reviewId)
      .orderBy("c.id")
      .execute(),
  ]);
  return risks.map((k) => ({
    id: k.id,
    risk: k.risk,
    category: k.category,
    likelihood: k.likelihood,
    impact: k.impact,
    mitigation: k.mitigation,
    owner: k.owner,
    closedAt: k.closed_at ? londonDay(k.closed_at) : null,
    closedReason: k.closed_reason,
    history: changes.filter((c) => c.risk_id === k.id).map((c) => ({ change: c.change, likelihood: c.likelihood, impact: c.impact, note: c.note, by: c.display_name, on: londonDay(c.changed_at) })),
  }));
}
