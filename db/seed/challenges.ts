/**
 * Right to Challenge demo data: the clock's settings (bank holidays are the council's one table,
 * seeded with the boards' data), a services register
 * (open in a window, open any time, not open yet, and one excluded), two groups with
 * group@moot.example acting for both, and expressions of interest in several states.
 * Idempotent: skipped once the demo group exists (settings by key).
 */
import { addDays, format } from "date-fns";
import type { Database } from "../client";
import type { EoiStatus } from "../tables/challenges";
import type { SeedContext } from "./context";
import { REJECTION_GROUNDS } from "../../app/modules/challenges/transitions";

const day = (d: Date) => format(d, "yyyy-MM-dd");

export const EXCLUDED_REASON =
  "Excluded by the Community Right to Challenge (Expressions of Interest and Excluded Services) (England) Regulations 2012: services commissioned jointly with the NHS for named people with complex individual health needs.";

export async function seedChallenges(db: Database, { now }: SeedContext): Promise<void> {
  await db.insertInto("challenge_settings").values({ id: 1 }).onConflict((oc) => oc.column("id").doNothing()).execute();
  if (await db.selectFrom("challenge_groups").select("id").where("name", "=", "Eastmere Community Trust").executeTakeFirst()) return;

  const user = (email: string) => db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  const rep = await user("group@moot.example");
  const officer = await user("officer@moot.example");
  const locality = async (slug: string) => (await db.selectFrom("localities").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
  const node = async (title: string) => (await db.selectFrom("outcome_nodes").select("id").where("title", "=", title).orderBy("id").executeTakeFirstOrThrow()).id;

  const service = async (s: { slug: string; name: string; description: string; excluded?: string; anyTime?: boolean; window?: [number, number]; outcomes: string[]; min?: number; max?: number }) => {
    const row = await db
      .insertInto("challenge_services")
      .values({
        slug: s.slug,
        name: s.name,
        description: s.description,
        excluded_reason: s.excluded ?? null,
        any_time: s.anyTime ?? false,
        procurement_min_months: s.min ?? 6,
        procurement_max_months: s.max ?? 12,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (s.window) await db.insertInto("challenge_service_windows").values({ service_id: row.id, opens_on: day(addDays(now, s.window[0])), closes_on: day(addDays(now, s.window[1])) }).execute();
    for (const title of s.outcomes) await db.insertInto("challenge_service_outcomes").values({ service_id: row.id, outcome_node_id: await node(title) }).execute();
    return row.id;
  };

  const youth = await service({ slug: "youth-clubs", name: "Youth clubs and detached youth work", description: "Evening youth clubs in four centres and detached youth work in the coastal wards.", window: [-30, 60], outcomes: ["Your life", "Safe and connected communities"] });
  const libraries = await service({ slug: "community-libraries", name: "Community libraries", description: "The six branch libraries outside the main towns.", anyTime: true, outcomes: ["Your life", "Less loneliness and isolation"], min: 3, max: 9 });
  await service({ slug: "parks-maintenance", name: "Parks and green spaces maintenance", description: "Grass cutting, planting and play-area inspections in the district's parks.", window: [90, 150], outcomes: ["Your environment"] });
  await service({ slug: "complex-care-packages", name: "Joint care packages for people with complex health needs", description: "Care commissioned jointly with the NHS for named individuals.", excluded: EXCLUDED_REASON, outcomes: ["Your health"] });

  const group = async (g: { name: string; kind: "charitable_body_or_trust" | "council_employees"; charity?: string; contact: string; email: string }) => {
    const row = await db
      .insertInto("challenge_groups")
      .values({ name: g.name, kind: g.kind, charity_number: g.charity ?? "", contact_name: g.contact, contact_email: g.email, address: "The Old Lifeboat House, Eastmere", created_by: rep.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("challenge_group_members").values({ group_id: row.id, user_id: rep.id }).execute();
    return row.id;
  };
  const trust = await group({ name: "Eastmere Community Trust", kind: "charitable_body_or_trust", charity: "1187654", contact: "Gareth Lewis", email: "group@moot.example" });
  const mutual = await group({ name: "Fenwold Library Staff Mutual", kind: "council_employees", contact: "Gareth Lewis", email: "group@moot.example" });
  const partner = await db.insertInto("challenge_group_partners").values({ group_id: trust, role: "consortium_member", name: "Coastal Youth CIC", registration: "Company 11223344" }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("challenge_group_partners").values({ group_id: trust, role: "subcontractor", name: "Fenwold Minibus Co-operative" }).execute();
  const minibus = await db.selectFrom("challenge_group_partners").select("id").where("name", "=", "Fenwold Minibus Co-operative").executeTakeFirstOrThrow();

  /** An EOI walked through `path` (each step an event), received `daysAgo` days before now. */
  const eoi = async (e: { group: number; service: number; title: string; localities: string[]; outcomes: string[]; path: EoiStatus[]; daysAgo: number; employee?: boolean; decisionDue?: number; grounds?: { ground: string; reason: string }[] }) => {
    const receivedAt = addDays(now, -e.daysAgo);
    const status = e.path[e.path.length - 1]!;
    const accepted = status === "accepted" || status === "procurement_pending";
    const row = await db
      .insertInto("challenge_eois")
      .values({
        group_id: e.group,
        service_id: e.service,
        status,
        title: e.title,
        area_description: "The coastal wards of Eastmere and the villages along the estuary.",
        finances: "Reserves of £84,000 and an annual income of £210,000 from grants and lettings (accounts to March 2026 attached).",
        finances_confidential: true,
        capability: "We have run holiday youth schemes for eight years with DBS-checked staff and a safeguarding lead; we would recruit the council's current youth workers under TUPE.",
        outcomes: "More young people taking part in positive activities each week, and fewer reports of antisocial behaviour on the seafront.",
        wellbeing: "Social: safe places to meet. Economic: six local jobs and volunteering that leads to work. Environmental: walking and minibus routes replace lifts by car.",
        users_needs: "Young people asked for later opening on Fridays and a space for those not in school; we would provide both.",
        employee_engagement: e.employee ? "Fortnightly staff meetings in every branch, a staff ballot before any proposal is finalised, and union representatives on the steering group." : "",
        submitted_at: status === "draft" ? null : receivedAt,
        acknowledged_at: e.path.includes("acknowledged") ? addDays(receivedAt, 3) : null,
        decision_due_on: e.decisionDue !== undefined ? day(addDays(now, e.decisionDue)) : null,
        decided_at: accepted || status === "rejected" ? addDays(now, -2) : null,
        procurement_opens_on: accepted ? day(addDays(now, -20)) : null,
        procurement_closes_on: accepted ? day(addDays(now, 10)) : null,
        created_by: rep.id,
        created_at: addDays(receivedAt, -7),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const slug of e.localities) await db.insertInto("challenge_eoi_localities").values({ eoi_id: row.id, locality_id: await locality(slug) }).execute();
    for (const title of e.outcomes) await db.insertInto("challenge_eoi_outcomes").values({ eoi_id: row.id, outcome_node_id: await node(title) }).execute();
    if (e.group === trust) {
      await db.insertInto("challenge_eoi_partner_finances").values([
        { eoi_id: row.id, partner_id: partner.id, finances: "Coastal Youth CIC: turnover £95,000, reserves £20,000.", confidential: true },
        { eoi_id: row.id, partner_id: minibus.id, finances: "Fenwold Minibus Co-operative: four vehicles owned outright.", confidential: false },
      ]).execute();
    }
    let from: EoiStatus | null = null;
    for (const [i, to] of e.path.entries()) {
      await db.insertInto("challenge_eoi_events").values({ eoi_id: row.id, actor_user_id: ["draft", "submitted"].includes(to) ? rep.id : officer.id, from_status: from, to_status: to, reason: to === "draft" ? "Started" : "", at: addDays(receivedAt, i) }).execute();
      from = to;
    }
    if (e.grounds || accepted) {
      await db.insertInto("challenge_decision_notices").values({
        eoi_id: row.id,
        decision: e.grounds ? "rejected" : "accepted",
        reasons: e.grounds ? "The council wrote to the current provider's parent body on 1 October to negotiate an extension; the service is therefore already the subject of written negotiations." : "The proposal meets the requirements and would keep all six branches open for longer hours.",
        grounds: JSON.stringify(e.grounds ?? []),
        issued_by: officer.id,
        issued_at: addDays(now, -2),
      }).execute();
    }
    return row.id;
  };

  await eoi({ group: trust, service: youth, title: "Eastmere youth clubs run by the community", localities: ["eastmere"], outcomes: ["Safe and connected communities"], path: ["draft"], daysAgo: 0 });
  await eoi({ group: mutual, service: libraries, title: "Branch libraries run by a staff mutual", localities: ["northgate", "hollin-valley"], outcomes: ["Less loneliness and isolation"], path: ["draft", "submitted"], daysAgo: 3, employee: true });
  await eoi({ group: trust, service: youth, title: "Detached youth work on the coast", localities: ["eastmere", "riverside"], outcomes: ["Safe and connected communities"], path: ["draft", "submitted", "acknowledged", "decision_date_notified", "under_consideration"], daysAgo: 20, decisionDue: 40 });
  await eoi({ group: mutual, service: libraries, title: "Mobile library service by the staff mutual", localities: ["hollin-valley"], outcomes: ["Less loneliness and isolation"], path: ["draft", "submitted", "acknowledged", "decision_date_notified", "under_consideration", "accepted"], daysAgo: 60, decisionDue: -2, employee: true });
  await eoi({ group: trust, service: libraries, title: "Riverside library as a community hub", localities: ["riverside"], outcomes: ["Less loneliness and isolation"], path: ["draft", "submitted", "acknowledged", "decision_date_notified", "under_consideration", "rejected"], daysAgo: 50, decisionDue: -2, grounds: [{ ground: "negotiating_third_party", reason: REJECTION_GROUNDS.negotiating_third_party }] });
}
