/**
 * Demo governance (issue 17): the council's key-decision threshold (£500,000) and call-in number
 * (2 members); the Overview and Scrutiny Board with its work programme (scrutiny@moot.example
 * chairs it, scrutiny-member@moot.example sits on it); a key decision on the forward plan; and the
 * Northgate peer support pilot, a key decision taken after its notice, with its report, called in by two scrutiny members.
 * Idempotent: nothing is added once the scrutiny board exists.
 */
import type { Database } from "../client";
import type { SeedContext } from "./context";

const DAY = 86_400_000;
const SLUG = "overview-and-scrutiny-board";
const day = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(d);

const MEMBERS = [
  { name: "Cllr Grace Whitfield", role: "chair" as const, email: "scrutiny@moot.example", grants: ["chair", "board_member"] as const },
  { name: "Cllr Daniel Frost", role: "vice_chair" as const, email: "scrutiny-member@moot.example", grants: ["board_member"] as const },
  { name: "Cllr Imran Sheikh", role: "member" as const, email: null, grants: [] },
  { name: "Cllr Joan Pike", role: "member" as const, email: null, grants: [] },
];

export async function seedGovernance(db: Database, { now, passwordHash }: SeedContext): Promise<void> {
  if (await db.selectFrom("boards").select("id").where("slug", "=", SLUG).executeTakeFirst()) return;
  await db.updateTable("governance_settings").set({ key_decision_threshold_pence: 50_000_000, call_in_members_required: 2 }).where("id", "=", 1).execute();
  const localities = new Map((await db.selectFrom("localities").select(["id", "slug"]).execute()).map((l) => [l.slug, l.id]));

  const board = await db
    .insertInto("boards")
    .values({
      slug: SLUG,
      name: "Overview and Scrutiny Board",
      locality_id: null,
      kind: "scrutiny",
      remit: "Holds the council's decision-makers to account: reviews policy and performance, calls in decisions before they are put into effect and makes recommendations.",
      terms_of_reference: "Any two members may call in a published decision within five working days. The board then takes no further action, refers the decision back to the decision-maker with recommendations, or refers it to full council.",
      quorum_number: 3,
      quorum_fraction: null,
      quorum_minimum: 3,
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  const memberIds: number[] = [];
  for (const m of MEMBERS) {
    let userId: number | null = null;
    if (m.email) {
      await db.insertInto("users").values({ email: m.email, display_name: m.name, password_hash: passwordHash, home_locality_id: localities.get("eastmere") ?? null }).onConflict((oc) => oc.column("email").doNothing()).execute();
      userId = (await db.selectFrom("users").select("id").where("email", "=", m.email).executeTakeFirstOrThrow()).id;
      for (const role of m.grants) await db.insertInto("role_grants").values({ user_id: userId, role, scope: "board", locality_id: null, board_id: board.id }).onConflict((oc) => oc.doNothing()).execute();
    }
    const row = await db.insertInto("board_members").values({ board_id: board.id, user_id: userId, name: m.name, role: m.role, kind: "elected_councillor", organisation: "Fenwold District Council", term_start: "2025-05-01", term_end: "2029-05-01", voting: true }).returning("id").executeTakeFirstOrThrow();
    memberIds.push(row.id);
  }

  await db
    .insertInto("scrutiny_work_items")
    .values([
      { board_id: board.id, title: "Community transport: performance of the current contract", description: "Before the key decision on the new contract: journeys, complaints and costs since 2024.", planned_for: day(new Date(now.getTime() + 21 * DAY)), status: "scheduled" },
      { board_id: board.id, title: "Locality fund: how grants are awarded", description: "A review of the criteria and the spread of awards across the four localities.", planned_for: day(new Date(now.getTime() + 70 * DAY)), status: "proposed" },
      { board_id: board.id, title: "Winter warm spaces: use and lessons", description: "Visits, feedback from residents and the cost per visit.", planned_for: day(new Date(now.getTime() - 20 * DAY)), status: "completed" },
    ])
    .execute();

  const northgate = await db.selectFrom("boards").select("id").where("slug", "=", "northgate-locality-board").executeTakeFirst();
  const officer = await db.selectFrom("users").select("id").where("email", "=", "officer@moot.example").executeTakeFirst();
  if (!northgate) return;

  // A key decision on the forward plan: over the threshold and affecting two localities, first published 10 days ago, due in 40.
  await db
    .insertInto("decision_reports")
    .values({
      board_id: northgate.id,
      title: "Community transport contract 2027 to 2030",
      summary: "Whether to award a three-year contract for dial-a-ride and community minibus services in Northgate and Riverside.",
      decision_due_on: day(new Date(now.getTime() + 40 * DAY)),
      spend_pence: 75_000_000,
      saving_pence: 0,
      locality_ids: [localities.get("northgate"), localities.get("riverside")].filter((id): id is number => id !== undefined).sort((a, b) => a - b),
      is_key: true,
      forward_plan_published_on: day(new Date(now.getTime() - 10 * DAY)),
      financial_implications: "£750,000 over three years from the community transport budget; the current contract costs £262,000 a year.",
      legal_implications: "An above-threshold services contract under the Procurement Act 2023: a competitive flexible procedure.",
      equality_implications: "Most users are older or disabled residents; an equality impact assessment is in the report's appendix.",
      carbon_implications: "The specification asks for electric or hybrid minibuses by the second year.",
      community_safety_implications: "Drivers are DBS-checked; the service supports safe evening journeys.",
      staffing_implications: "None for council staff; TUPE may apply to the provider's drivers.",
      alternatives_considered: "Bringing the service in-house (higher cost, no fleet); grant funding the voluntary sector (no assurance of coverage); doing nothing (the contract ends in March).",
      created_by: officer?.id ?? null,
    })
    .execute();

  // The peer support pilot: a key decision (its venues serve Northgate and Riverside) on the forward plan 35 days before it
  // was taken, then called in by two scrutiny members two days after.
  const pilot = await db.selectFrom("decisions").select(["id", "decided_at"]).where("text", "like", "A six-month peer support pilot%").executeTakeFirst();
  if (!pilot) return;
  await db
    .insertInto("decision_reports")
    .values({
      board_id: northgate.id,
      title: "Mental wellbeing peer support pilot",
      summary: "A six-month pilot of peer support groups in three community venues used by residents of Northgate and Riverside.",
      decision_due_on: day(pilot.decided_at),
      spend_pence: 850_000,
      saving_pence: 0,
      locality_ids: [localities.get("northgate"), localities.get("riverside")].filter((id): id is number => id !== undefined).sort((a, b) => a - b),
      is_key: true,
      forward_plan_published_on: day(new Date(pilot.decided_at.getTime() - 35 * DAY)),
      financial_implications: "£8,500 from the Northgate locality fund, leaving £31,200 for the rest of the year.",
      legal_implications: "A grant agreement with each venue; no procurement is needed under £10,000.",
      equality_implications: "Open to all adults; venues are step-free and on bus routes.",
      carbon_implications: "Negligible: local venues reduce travel.",
      community_safety_implications: "Facilitators are trained in safeguarding.",
      staffing_implications: "Two hours a week of a public health officer's time.",
      alternatives_considered: "Commissioning a clinical service (four times the cost); waiting for the NHS talking therapies expansion (no date).",
      decision_id: pilot.id,
      created_by: officer?.id ?? null,
    })
    .execute();
  const askedAt = new Date(pilot.decided_at.getTime() + 2 * DAY);
  await db
    .insertInto("call_in_requests")
    .values([
      { decision_id: pilot.id, scrutiny_board_id: board.id, member_id: memberIds[1]!, reasons: "The pilot has no measures of success agreed before it starts, so it cannot be evaluated as the reasons claim.", requested_at: askedAt },
      { decision_id: pilot.id, scrutiny_board_id: board.id, member_id: memberIds[2]!, reasons: "The venues were chosen without asking residents of Riverside which of them they could reach.", requested_at: askedAt },
    ])
    .execute();
  await db.insertInto("call_ins").values({ decision_id: pilot.id, scrutiny_board_id: board.id, called_in_at: askedAt }).execute();
}
