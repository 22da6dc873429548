/**
 * Demo data for commissioning strategies and plans (issue 17): a commissioner account, one
 * strategy ("Ageing well") with two reviews at different stages — home care, whose plan a board
 * approved (agenda item, named votes, decision linked as approving) and is now in delivery with
 * milestones and a risk register with history; and community transport, a draft plan at the
 * Plan stage that is ready to go to a board. The older seeded reviews get the commissioner as
 * their accountable commissioner. Idempotent: skipped when the strategy exists.
 */
import type { Database } from "../client";
import type { SeedContext } from "./context";

const DAY = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);
export const SEED_STRATEGY_TITLE = "Ageing well: later life commissioning strategy";
export const SEED_APPROVED_REVIEW = "Home care for older people";
export const SEED_DRAFT_REVIEW = "Community transport for older people";
export const COMMISSIONER_EMAIL = "commissioner@moot.example";

export async function seedCommissioning(db: Database, { passwordHash, now }: SeedContext): Promise<void> {
  if (await db.selectFrom("commissioning_strategies").select("id").where("title", "=", SEED_STRATEGY_TITLE).executeTakeFirst()) return;
  const northgate = await db.selectFrom("localities").select("id").where("slug", "=", "northgate").executeTakeFirst();
  await db.insertInto("users").values({ email: COMMISSIONER_EMAIL, display_name: "Carys Bell", password_hash: passwordHash, home_locality_id: northgate?.id ?? null }).onConflict((oc) => oc.column("email").doNothing()).execute();
  const commissioner = await db.selectFrom("users").select("id").where("email", "=", COMMISSIONER_EMAIL).executeTakeFirstOrThrow();
  await db.insertInto("role_grants").values({ user_id: commissioner.id, role: "commissioner", scope: "council", locality_id: null, board_id: null }).onConflict((oc) => oc.doNothing()).execute();
  await db.updateTable("commissioning_reviews").set({ accountable_commissioner_id: commissioner.id }).where("accountable_commissioner_id", "is", null).execute();

  const node = async (title: string) => (await db.selectFrom("outcome_nodes").select("id").where("title", "=", title).executeTakeFirst())?.id;
  const evidence = async (title: string) => (await db.selectFrom("evidence_items").select("id").where("title", "=", title).executeTakeFirst())?.id;
  const consultation = await db.selectFrom("consultations").select("id").orderBy("id").executeTakeFirst();

  const strategy = await db
    .insertInto("commissioning_strategies")
    .values({
      title: SEED_STRATEGY_TITLE,
      area: "Later life",
      owner_id: commissioner.id,
      created_by: commissioner.id,
      scope_in: "Support that helps people over 65 stay well and independent at home: home care, day opportunities, community transport, befriending.",
      scope_out: "Residential and nursing care (the care homes strategy) and hospital discharge (the NHS’s own plan).",
      scope_why: "Most older residents want to stay at home; the care homes market is commissioned jointly with the NHS under its own strategy.",
      stakeholders: "Older residents and carers (listening events in every locality), home care providers (provider forum), the NHS trust, the voluntary sector.",
      starting_position: "Three home care contracts (£3.1m a year, 4,200 hours a week, satisfaction 78%); two council day centres (use falling); a dial-a-ride grant.",
      interdependencies: "Shares the workforce plan with the NHS; depends on the housing strategy for adaptations.",
      assumptions: "Demand for home care rises 3% a year; the National Living Wage rises with inflation.",
      budget_pence: 420_000_000,
      current_spend_pence: 398_000_000,
      published: true,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (consultation) await db.insertInto("commissioning_strategy_consultations").values({ strategy_id: strategy.id, consultation_id: consultation.id, how_engaged: "Asked older residents what helps them stay at home" }).execute();
  for (const [service_area, contribution] of [
    ["Adult social care", "Home care and reablement; assessment of need."],
    ["Housing", "Adaptations and extra-care housing."],
    ["Transport", "Community transport and concessionary fares."],
  ]) await db.insertInto("commissioning_strategy_contributions").values({ strategy_id: strategy.id, service_area: service_area!, contribution: contribution! }).execute();
  for (const t of ["Listening events with older residents in Hollin Valley", "Medium-term financial plan: community services budget"]) {
    const id = await evidence(t);
    if (id) await db.insertInto("commissioning_strategy_evidence").values({ strategy_id: strategy.id, evidence_item_id: id }).execute();
  }
  for (const t of ["Later life", "Ageing well at home", "Older people still at home 91 days after leaving hospital"]) {
    const id = await node(t);
    if (id) await db.insertInto("commissioning_strategy_outcomes").values({ strategy_id: strategy.id, outcome_node_id: id }).execute();
  }

  const start = new Date(now.getTime() - 90 * DAY);
  const end = new Date(now.getTime() + 3 * 365 * DAY);
  const plan = {
    strategy_id: strategy.id,
    accountable_commissioner_id: commissioner.id,
    created_by: commissioner.id,
    plan_starts_on: day(start),
    plan_ends_on: day(end),
    statutory_duties: "Care Act 2014: meet eligible needs; shape a diverse and sustainable market.",
    discretionary_activity: "Preventive visits for people below the eligibility threshold.",
    significant_issues: "Unfilled hours in rural areas; provider staff turnover of 30%.",
    current_resources: "£3.1m a year across three contracts; two in-house reablement teams.",
  };

  // 1. Home care: approved by the Northgate board, now in delivery.
  const homeCare = await db
    .insertInto("commissioning_reviews")
    .values({ ...plan, service_area: SEED_APPROVED_REVIEW, stage: "do", needs_summary: "4,200 hours a week commissioned; 6% not delivered, mostly in Hollin Valley.", chosen_option: "external", rationale: "Zoned contracts with a rural premium cost least per hour delivered and keep choice.", delivery_arrangement: "Four zoned home care contracts from April, with a rural premium in Hollin Valley.", budget_pence: 960_000_000, current_spend_pence: 930_000_000 })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("commissioning_review_options")
    .values([
      { review_id: homeCare.id, option: "internal", description: "Bring home care in-house.", governance: "Adult social care directorate.", cost_pence: 1_080_000_000, benefit_pence: 0, saving_pence: -150_000_000, strengths: "Direct control of quality.", weaknesses: "Higher cost; recruitment.", opportunities: "Career pathway.", threats: "Pension costs.", social_value: "Local jobs on council terms.", equality_impact: "No change for users." },
      { review_id: homeCare.id, option: "external", description: "Four zoned contracts with a rural premium.", governance: "Contract management board, quarterly.", cost_pence: 955_000_000, benefit_pence: 20_000_000, saving_pence: 25_000_000, costs_confidential: true, notes: "Zoned contracts with a rural premium cost least per hour delivered and keep choice.", strengths: "Market capacity.", weaknesses: "Provider failure risk.", opportunities: "Outcome-based payments.", threats: "Workforce shortages.", social_value: "Real Living Wage required.", equality_impact: "Better reach for rural older people." },
      { review_id: homeCare.id, option: "partnership", description: "Joint commissioning with the NHS trust.", governance: "Joint board.", cost_pence: 990_000_000, benefit_pence: 30_000_000, saving_pence: 0 },
    ])
    .execute();
  await db
    .insertInto("commissioning_milestones")
    .values([
      { review_id: homeCare.id, title: "Contracts awarded", due_on: day(new Date(now.getTime() - 60 * DAY)), done_on: day(new Date(now.getTime() - 62 * DAY)) },
      { review_id: homeCare.id, title: "Rural premium in place in Hollin Valley", due_on: day(new Date(now.getTime() - 10 * DAY)), done_on: null, late_reason: "Two providers could not recruit carers in the valley; the premium starts when they can." },
      { review_id: homeCare.id, title: "First quarterly contract review", due_on: day(new Date(now.getTime() + 30 * DAY)), done_on: null },
    ])
    .execute();
  const risk = await db.insertInto("commissioning_review_risks").values({ review_id: homeCare.id, risk: "A provider leaves the market mid-contract", category: "delivery", likelihood: "medium", impact: "high", mitigation: "Contingency provider on the framework", owner: "Carys Bell" }).returning("id").executeTakeFirstOrThrow();
  const money = await db.insertInto("commissioning_review_risks").values({ review_id: homeCare.id, risk: "National Living Wage rise above the budget assumption", category: "financial", likelihood: "medium", impact: "medium", mitigation: "Inflation clause capped at CPI + 1%", owner: "Finance business partner", closed_at: new Date(now.getTime() - 20 * DAY), closed_reason: "The rise was announced within the assumption." }).returning("id").executeTakeFirstOrThrow();
  await db
    .insertInto("commissioning_risk_changes")
    .values([
      { risk_id: risk.id, change: "added", likelihood: "high", impact: "high", note: "", changed_by: commissioner.id, changed_at: new Date(now.getTime() - 120 * DAY) },
      { risk_id: risk.id, change: "rescored", likelihood: "medium", impact: "high", note: "Contingency provider signed up", changed_by: commissioner.id, changed_at: new Date(now.getTime() - 40 * DAY) },
      { risk_id: money.id, change: "added", likelihood: "medium", impact: "medium", note: "", changed_by: commissioner.id, changed_at: new Date(now.getTime() - 120 * DAY) },
      { risk_id: money.id, change: "closed", likelihood: "medium", impact: "medium", note: "The rise was announced within the assumption.", changed_by: commissioner.id, changed_at: new Date(now.getTime() - 20 * DAY) },
    ])
    .execute();
  await db
    .insertInto("commissioning_equality_impacts")
    .values([
      { review_id: homeCare.id, group_affected: "Age", impact: "positive", details: "More hours delivered to older people in rural areas.", mitigation: "", evidence: "Listening events in Hollin Valley" },
      { review_id: homeCare.id, group_affected: "Disability", impact: "negative", details: "A change of carer for some people when contracts move.", mitigation: "Staff transfer (TUPE) so carers move with their clients.", evidence: "Provider returns" },
    ])
    .execute();
  await db.updateTable("commissioning_reviews").set({ changes_service: true }).where("id", "=", homeCare.id).execute();
  for (const [stage, titles] of [["analyse", ["Provider quarterly return: home care hours delivered (commercial in confidence)", "Listening events with older residents in Hollin Valley"]], ["plan", ["Medium-term financial plan: community services budget"]]] as const) {
    for (const t of titles) {
      const id = await evidence(t);
      if (id) await db.insertInto("evidence_citations").values({ citing_kind: "commissioning_review", citing_id: homeCare.id, evidence_item_id: id, context: stage }).execute();
    }
  }
  const ageing = await node("Ageing well at home");
  if (ageing) await db.insertInto("outcome_links").values({ citing_kind: "commissioning_review", citing_id: homeCare.id, outcome_node_id: ageing }).execute();

  // The board's decision approving it: a past meeting of the Northgate board with named votes.
  const board = await db.selectFrom("boards").select("id").where("slug", "=", "northgate-locality-board").executeTakeFirst();
  if (board) {
    const members = await db.selectFrom("board_members").select("id").where("board_id", "=", board.id).where("voting", "=", true).orderBy("id").execute();
    const at = new Date(now.getTime() - 100 * DAY);
    at.setUTCHours(18, 30, 0, 0);
    const meeting = await db
      .insertInto("meetings")
      .values({ board_id: board.id, title: "Extraordinary meeting: home care", starts_at: at, venue: "Northgate Town Hall, Council Chamber", online_link: "", status: "closed", agenda_published_at: new Date(at.getTime() - 10 * DAY), urgency_reason: null, current_item_id: null, minutes: null, minutes_approved_at: null, started_at: at })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("meeting_status_changes").values({ meeting_id: meeting.id, from_status: null, to_status: "closed", by_user_id: null }).execute();
    const item = await db
      .insertInto("agenda_items")
      .values({ meeting_id: meeting.id, position: 1, kind: "decision", title: `Commissioning plan: ${SEED_APPROVED_REVIEW}`, summary: "Zoned contracts with a rural premium cost least per hour delivered and keep choice.", recommendation: "That the board approves the commissioning plan for home care, with the option “External, by contract”.", exempt_paragraph: null, public_interest_reason: null, previous_meeting_id: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("commissioning_plan_submissions").values({ review_id: homeCare.id, agenda_item_id: item.id, submitted_by: commissioner.id, submitted_at: new Date(at.getTime() - 12 * DAY) }).execute();
    if (members.length >= 2) {
      const motion = await db
        .insertInto("motions")
        .values({ agenda_item_id: item.id, amends_motion_id: null, text: "That the board approves the commissioning plan for home care.", proposer_id: members[0]!.id, seconder_id: members[1]!.id, status: "carried", votes_for: members.length, votes_against: 0, abstentions: 0, casting_vote: null, decided_at: at })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db.insertInto("votes").values(members.map((m) => ({ motion_id: motion.id, member_id: m.id, choice: "for" as const, cast_at: at }))).execute();
      const decision = await db
        .insertInto("decisions")
        .values({ meeting_id: meeting.id, agenda_item_id: item.id, motion_id: motion.id, text: "The commissioning plan for home care for older people is approved: four zoned contracts with a rural premium.", reasons: "The appraisal showed the lowest cost per hour delivered and better reach in rural areas; the equality impact assessment’s mitigation is adequate.", decided_at: at })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db.insertInto("decision_subjects").values({ decision_id: decision.id, subject_kind: "commissioning_review", subject_id: homeCare.id, relation: "approves", linked_by: commissioner.id }).execute();
      if (ageing) await db.insertInto("decision_outcomes").values({ decision_id: decision.id, outcome_node_id: ageing }).execute();
    }
  }

  // 2. Community transport: a draft plan at Plan, complete but not yet approved.
  const transport = await db
    .insertInto("commissioning_reviews")
    .values({ ...plan, service_area: SEED_DRAFT_REVIEW, stage: "plan", needs_summary: "Older people in Hollin Valley cannot reach day opportunities or GP surgeries.", chosen_option: "external_grant", rationale: "A grant lets the volunteer dial-a-ride grow into the valley at the least cost.", budget_pence: 36_000_000, current_spend_pence: 30_000_000, plan_starts_on: day(new Date(now.getTime() + 60 * DAY)), plan_ends_on: day(new Date(now.getTime() + 2 * 365 * DAY)) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("commissioning_review_options")
    .values([
      { review_id: transport.id, option: "internal", description: "Council minibuses with paid drivers.", cost_pence: 52_000_000, benefit_pence: 0, saving_pence: -22_000_000 },
      { review_id: transport.id, option: "external_grant", description: "A three-year grant to the Hollin Valley dial-a-ride.", cost_pence: 34_000_000, benefit_pence: 4_000_000, saving_pence: -4_000_000, notes: "A grant lets the volunteer dial-a-ride grow into the valley at the least cost.", social_value: "Volunteering by older residents." },
    ])
    .execute();
  await db.insertInto("commissioning_milestones").values({ review_id: transport.id, title: "Grant agreement signed", due_on: day(new Date(now.getTime() + 90 * DAY)), done_on: null }).execute();
  const transportRisk = await db.insertInto("commissioning_review_risks").values({ review_id: transport.id, risk: "Not enough volunteer drivers", category: "delivery", likelihood: "medium", impact: "medium", mitigation: "Paid coordinator in the grant", owner: "Carys Bell" }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("commissioning_risk_changes").values({ risk_id: transportRisk.id, change: "added", likelihood: "medium", impact: "medium", note: "", changed_by: commissioner.id }).execute();
  const listening = await evidence("Listening events with older residents in Hollin Valley");
  if (listening) {
    await db.insertInto("evidence_citations").values([{ citing_kind: "commissioning_review", citing_id: transport.id, evidence_item_id: listening, context: "analyse" }, { citing_kind: "commissioning_review", citing_id: transport.id, evidence_item_id: listening, context: "plan" }]).execute();
  }
  const loneliness = await node("Less loneliness and isolation");
  if (loneliness) await db.insertInto("outcome_links").values({ citing_kind: "commissioning_review", citing_id: transport.id, outcome_node_id: loneliness }).execute();
}
