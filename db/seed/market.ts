/**
 * Demo data for grant approval and the market (issue 18): the grant panel (two councillors, a
 * voluntary-sector representative, an officer); the Hollin Valley befriending grant approved by
 * the panel, one councillor having declared an interest and stood aside; and for the "Ageing well"
 * strategy, commissioning intentions (three published, one draft) and a published market
 * position statement. Idempotent: skipped once the panel has members.
 */
import type { Database } from "../client";
import type { SeedContext } from "./context";
import { SEED_STRATEGY_TITLE } from "./commissioning";
import { isoDate } from "../../app/modules/evidence/dates";

export const SEED_GRANT_TITLE = "Hollin Valley befriending grant";

export async function seedMarket(db: Database, { now }: SeedContext): Promise<void> {
  if (await db.selectFrom("grant_panel_members").select("id").executeTakeFirst()) return;
  const officer = (await db.selectFrom("users").select("id").where("email", "=", "officer@moot.example").executeTakeFirst())?.id ?? null;
  const member = async (name: string, seat: "councillor" | "voluntary_sector" | "officer", organisation: string) =>
    (await db.insertInto("grant_panel_members").values({ name, seat, organisation, created_by: officer }).returning("id").executeTakeFirstOrThrow()).id;
  const okafor = await member("Cllr Helen Okafor", "councillor", "Northgate ward");
  const reeve = await member("Cllr Tom Reeve", "councillor", "Hollin Valley ward");
  const adeyemi = await member("Sam Adeyemi", "voluntary_sector", "Fenwold Voluntary Action");
  const haddad = await member("Omar Haddad", "officer", "Commissioning team");

  const grant = await db.selectFrom("arrangements").select(["id", "starts_on"]).where("title", "=", SEED_GRANT_TITLE).where("kind", "=", "grant").executeTakeFirst();
  if (grant) {
    const approvedOn = new Date(new Date(`${isoDate(grant.starts_on)}T00:00:00Z`).getTime() - 14 * 86_400_000).toISOString().slice(0, 10);
    await db.insertInto("grant_interests").values({ arrangement_id: grant.id, member_id: reeve, interest: "Trustee of the Eastmere Community Trust, the grant’s recipient" }).execute();
    await db.insertInto("grant_approvals").values({ arrangement_id: grant.id, route: "grant_panel", decision_id: null, approved_on: approvedOn, recorded_by: officer }).execute();
    await db.insertInto("grant_approval_seats").values([
      { arrangement_id: grant.id, seat: "councillor", member_id: okafor },
      { arrangement_id: grant.id, seat: "voluntary_sector", member_id: adeyemi },
      { arrangement_id: grant.id, seat: "officer", member_id: haddad },
    ]).execute();
  }

  const strategy = await db.selectFrom("commissioning_strategies").select("id").where("title", "=", SEED_STRATEGY_TITLE).executeTakeFirst();
  if (!strategy) return;
  const commissioner = (await db.selectFrom("users").select("id").where("email", "=", "commissioner@moot.example").executeTakeFirst())?.id ?? officer;
  const year = now.getUTCFullYear();
  await db
    .insertInto("commissioning_intentions")
    .values([
      { strategy_id: strategy.id, change: "buy", what: "Befriending and social contact for older people in every locality", detail: "Building on the Hollin Valley grant: a council-wide grant round for community groups.", from_on: `${year + 1}-04-01`, estimated_value_pence: 12_000_000, route: "grant_round", published: true, created_by: commissioner },
      { strategy_id: strategy.id, change: "change", what: "Home care: zoned contracts with a rural premium", detail: "Fewer, larger zones; a premium for rural visits in Hollin Valley.", from_on: `${year + 1}-10-01`, estimated_value_pence: 310_000_000, route: "open_tender", published: true, created_by: commissioner },
      { strategy_id: strategy.id, change: "stop", what: "Council-run day centre sessions on weekday afternoons", detail: "Use has fallen by half; replaced by community day opportunities.", from_on: `${year + 2}-04-01`, estimated_value_pence: null, route: "not_decided", published: true, created_by: commissioner },
      { strategy_id: strategy.id, change: "buy", what: "Digital inclusion for older people (draft)", detail: "Still being scoped with the libraries service.", from_on: `${year + 2}-04-01`, estimated_value_pence: 5_000_000, route: "not_decided", published: false, created_by: commissioner },
    ])
    .execute();
  await db
    .insertInto("market_position_statements")
    .values({
      strategy_id: strategy.id,
      demand: "The number of residents over 85 will rise by a third in ten years. Home care hours have risen 3% a year; demand is highest in Hollin Valley, where visits are longest.",
      supply: "Seven home care providers work in Fenwold; two hold most hours. Rural runs are hard to staff. Voluntary befriending is strong in Eastmere and thin elsewhere.",
      market_asks: "Providers who can cover rural zones reliably, pay the Real Living Wage and work with community groups; community groups ready to bid for befriending grants.",
      published: true,
      updated_by: commissioner,
    })
    .execute();
}
