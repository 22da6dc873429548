/**
 * Commissioning intentions and market position statements, written per commissioning strategy
 * (issue 18: "publishing commissioning intentions and market position statements to give the
 * market sufficient time to plan"). An intention says what the council intends to buy, change or
 * stop buying, from when, its estimated annual value and how it will go to the market. A market
 * position statement has three narrative sections: demand, supply, and what the council wants
 * from the market. Drafts are internal: the public sees an intention or statement only once it
 * and its strategy are published.
 */
import type { Database } from "../../../db/client";
import type { IntentionChange, MarketRoute } from "../../../db/tables/market";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { reviewTarget, seesInternal } from "../commissioning/access";
import { isoDate } from "../evidence/dates";
import { can, decide, type Actor } from "../permissions/permissions";
import { intentionPublishSchema, intentionSchema, statementSchema } from "./market-schema";

/** A commissioner (or an officer who manages contracts) of the strategy's area may write its intentions. */
export function mayWriteIntentions(actor: Actor, localityId: number | null): boolean {
  const target = reviewTarget(localityId);
  return can(actor, "commissioning.manage", target) || can(actor, "contracts.manage", target);
}

async function writableStrategy(trx: Database, actor: Actor, strategyId: number) {
  if (!actor.user) return fail("Sign in to do this", 403);
  const s = await trx.selectFrom("commissioning_strategies").select(["id", "locality_id"]).where("id", "=", strategyId).forUpdate().executeTakeFirst();
  if (!s) return fail("That strategy does not exist", 404);
  if (!mayWriteIntentions(actor, s.locality_id)) {
    const refused = decide(actor, "commissioning.manage", reviewTarget(s.locality_id));
    return fail(refused.ok ? "You cannot do this" : refused.message, 403);
  }
  return { ok: true as const, strategy: s };
}

export async function addIntention(db: Database, actor: Actor, input: unknown): Promise<Result<{ intentionId: number }>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(intentionSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return db.transaction().execute(async (trx) => {
    const s = await writableStrategy(trx, actor, v.strategyId);
    if (!s.ok) return s;
    const row = await trx
      .insertInto("commissioning_intentions")
      .values({ strategy_id: v.strategyId, change: v.change, what: v.what, detail: v.detail, from_on: v.fromOn, estimated_value_pence: v.estimatedValue ?? null, route: v.route, published: v.published, created_by: actor.user!.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, actor, "strategy.intention_added", `commissioning_strategy:${v.strategyId}`, { intentionId: row.id, published: v.published });
    return ok({ intentionId: row.id });
  });
}

export async function setIntentionPublished(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(intentionPublishSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return db.transaction().execute(async (trx) => {
    const s = await writableStrategy(trx, actor, v.strategyId);
    if (!s.ok) return s;
    const row = await trx.updateTable("commissioning_intentions").set({ published: v.published }).where("id", "=", v.intentionId).where("strategy_id", "=", v.strategyId).returning("id").executeTakeFirst();
    if (!row) return fail("That intention is not part of this strategy", 404);
    await audit(trx, actor, v.published ? "strategy.intention_published" : "strategy.intention_withdrawn", `commissioning_strategy:${v.strategyId}`, { intentionId: v.intentionId });
    return ok(null);
  });
}

/** Write (or rewrite) the strategy's market position statement. */
export async function saveStatement(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(statementSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return db.transaction().execute(async (trx) => {
    const s = await writableStrategy(trx, actor, v.strategyId);
    if (!s.ok) return s;
    const values = { demand: v.demand, supply: v.supply, market_asks: v.marketAsks, published: v.publishStatement, updated_by: actor.user!.id, updated_at: new Date() };
    await trx.insertInto("market_position_statements").values({ strategy_id: v.strategyId, ...values }).onConflict((oc) => oc.column("strategy_id").doUpdateSet(values)).execute();
    await audit(trx, actor, "strategy.market_statement_saved", `commissioning_strategy:${v.strategyId}`, { published: v.publishStatement });
    return ok(null);
  });
}

export interface IntentionView {
  id: number;
  strategyId: number;
  strategyTitle: string;
  change: IntentionChange;
  what: string;
  detail: string;
  fromOn: string;
  estimatedValuePence: number | null;
  route: MarketRoute;
  published: boolean;
}
export interface StatementView {
  strategyId: number;
  strategyTitle: string;
  demand: string;
  supply: string;
  marketAsks: string;
  published: boolean;
  updatedOn: string;
}

/**
 * Intentions and statements: of one strategy, or of every strategy. The public (and anyone who
 * may not see internal commissioning) sees only published ones of published strategies;
 * `publicOnly` forces that view (open data, /market).
 */
export async function marketWriting(db: Database, actor: Actor, filter: { strategyId?: number; publicOnly?: boolean } = {}): Promise<{ intentions: IntentionView[]; statements: StatementView[] }> {
  const internal = !filter.publicOnly && seesInternal(actor);
  const [intentions, statements] = await Promise.all([
    db
      .selectFrom("commissioning_intentions as i")
      .innerJoin("commissioning_strategies as s", "s.id", "i.strategy_id")
      .select(["i.id", "i.strategy_id", "s.title as strategy_title", "i.change", "i.what", "i.detail", "i.from_on", "i.estimated_value_pence", "i.route", "i.published"])
      .$if(filter.strategyId !== undefined, (q) => q.where("i.strategy_id", "=", filter.strategyId!))
      .$if(!internal, (q) => q.where("i.published", "=", true).where("s.published", "=", true))
      .orderBy("s.title")
      .orderBy("i.from_on")
      .orderBy("i.id")
      .execute(),
    db
      .selectFrom("market_position_statements as m")
      .innerJoin("commissioning_strategies as s", "s.id", "m.strategy_id")
      .select(["m.strategy_id", "s.title as strategy_title", "m.demand", "m.supply", "m.market_asks", "m.published", "m.updated_at"])
      .$if(filter.strategyId !== undefined, (q) => q.where("m.strategy_id", "=", filter.strategyId!))
      .$if(!internal, (q) => q.where("m.published", "=", true).where("s.published", "=", true))
      .orderBy("s.title")
      .execute(),
  ]);
  return {
    intentions: intentions.map((i) => ({
      id: i.id,
      strategyId: i.strategy_id,
      strategyTitle: i.strategy_title,
      change: i.change,
      what: i.what,
      detail: i.detail,
      fromOn: isoDate(i.from_on),
      estimatedValuePence: i.estimated_value_pence === null ? null : Number(i.estimated_value_pence),
      route: i.route,
      published: i.published,
    })),
    statements: statements.map((m) => ({
      strategyId: m.strategy_id,
      strategyTitle: m.strategy_title,
      demand: m.demand,
      supply: m.supply,
      marketAsks: m.market_asks,
      published: m.published,
      updatedOn: isoDate(m.updated_at),
    })),
  };
}

/** The writing page of one strategy: its intentions and statement (drafts included) for those who may write them. */
export async function intentionsPage(db: Database, actor: Actor, strategyId: number) {
  const s = await db.selectFrom("commissioning_strategies").select(["id", "title", "locality_id", "published"]).where("id", "=", strategyId).executeTakeFirst();
  if (!s || !mayWriteIntentions(actor, s.locality_id)) return null;
  const writing = await marketWriting(db, actor, { strategyId });
  return { strategy: { id: s.id, title: s.title, published: s.published }, ...writing, statement: writing.statements[0] ?? null };
}

/** Open data rows: published intentions, one per row. */
export const INTENTION_COLUMNS = ["id", "strategy_id", "strategy", "change", "what", "detail", "from", "estimated_annual_value_gbp", "route_to_market", "url"];
export function intentionRows(intentions: IntentionView[]) {
  return intentions.map((i) => ({
    id: i.id,
    strategy_id: i.strategyId,
    strategy: i.strategyTitle,
    change: i.change,
    what: i.what,
    detail: i.detail,
    from: i.fromOn,
    estimated_annual_value_gbp: i.estimatedValuePence === null ? null : i.estimatedValuePence / 100,
    route_to_market: i.route,
    url: `/commissioning-strategies/${i.strategyId}`,
  }));
}
