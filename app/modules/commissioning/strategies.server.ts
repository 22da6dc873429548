/**
 * Commissioning strategies: one per function or outcome area, to the Lincolnshire minimum as a
 * structured record (scope in/out/why, stakeholders and the consultations that engaged them,
 * what each service area contributes, the evidence that shaped it, the outcomes and the measures
 * chosen to track them, the starting position, interdependencies and assumptions, and the budget
 * requirement in pence). Strategies group their commissioning reviews. Drafts are internal; a
 * published strategy is public.
 */
import type { Database } from "../../../db/client";
import { transact } from "../../lib/effects.server";
import { validate } from "../../lib/forms";
import { isRowId } from "../../lib/ids";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { decide, type Actor } from "../permissions/permissions";
import { maySeeReview, reviewTarget, seesInternal } from "./access";
import { contributionSchema, strategySchema } from "./schema";

/** Create (no strategyId) or update a strategy, replacing its linked consultations, evidence and outcomes. */
export async function saveStrategy(db: Database, actor: Actor, input: unknown): Promise<Result<{ strategyId: number }>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(strategySchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return transact(db, async (trx) => {
    if (v.strategyId) {
      const existing = await trx.selectFrom("commissioning_strategies").select(["id", "locality_id"]).where("id", "=", v.strategyId).forUpdate().executeTakeFirst();
      if (!existing) return fail("That strategy does not exist", 404);
      const mayChange = decide(actor, "commissioning.manage", reviewTarget(existing.locality_id));
      if (!mayChange.ok) return fail(mayChange.message, 403);
    }
    const allowed = decide(actor, "commissioning.manage", reviewTarget(v.localityId ?? null));
    if (!allowed.ok) return fail(allowed.message, 403);
    if (v.localityId && !(await trx.selectFrom("localities").select("id").where("id", "=", v.localityId).executeTakeFirst())) return fail({ localityId: "Select a locality, or council-wide" });
    const [consultations, evidence, nodes] = await Promise.all([
      v.consultationIds.length ? trx.selectFrom("consultations").select("id").where("id", "in", v.consultationIds).execute() : [],
      v.evidenceItemIds.length ? trx.selectFrom("evidence_items").select("id").where("id", "in", v.evidenceItemIds).execute() : [],
      v.outcomeNodeIds.length ? trx.selectFrom("outcome_nodes").select("id").where("id", "in", v.outcomeNodeIds).where("retired_at", "is", null).execute() : [],
    ]);
    if (consultations.length !== new Set(v.consultationIds).size) return fail({ consultationIds: "Choose consultations from the list" });
    if (evidence.length !== new Set(v.evidenceItemIds).size) return fail({ evidenceItemIds: "Choose evidence from the list" });
    if (nodes.length !== new Set(v.outcomeNodeIds).size) return fail({ outcomeNodeIds: "Choose outcomes and measures from the list" });
    const values = {
      title: v.title,
      area: v.area,
      locality_id: v.localityId ?? null,
      scope_in: v.scopeIn,
      scope_out: v.scopeOut,
      scope_why: v.scopeWhy,
      stakeholders: v.stakeholders,
      starting_position: v.startingPosition,
      interdependencies: v.interdependencies,
      assumptions: v.assumptions,
      budget_pence: v.budget,
      current_spend_pence: v.currentSpend,
      published: v.published,
      updated_at: new Date(),
    };
    const id = v.strategyId
      ? (await trx.updateTable("commissioning_strategies").set(values).where("id", "=", v.strategyId).returning("id").executeTakeFirstOrThrow()).id
      : (await trx.insertInto("commissioning_strategies").values({ ...values, owner_id: actor.user!.id, created_by: actor.user!.id }).returning("id").executeTakeFirstOrThrow()).id;
    await trx.deleteFrom("commissioning_strategy_consultations").where("strategy_id", "=", id).where("consultation_id", "not in", [0, ...v.consultationIds]).execute();
    if (v.consultationIds.length) await trx.insertInto("commissioning_strategy_consultations").values([...new Set(v.consultationIds)].map((c) => ({ strategy_id: id, consultation_id: c }))).onConflict((oc) => oc.doNothing()).execute();
    await trx.deleteFrom("commissioning_strategy_evidence").where("strategy_id", "=", id).execute();
    if (v.evidenceItemIds.length) await trx.insertInto("commissioning_strategy_evidence").values([...new Set(v.evidenceItemIds)].map((e) => ({ strategy_id: id, evidence_item_id: e }))).execute();
    await trx.deleteFrom("commissioning_strategy_outcomes").where("strategy_id", "=", id).execute();
    if (v.outcomeNodeIds.length) await trx.insertInto("commissioning_strategy_outcomes").values([...new Set(v.outcomeNodeIds)].map((n) => ({ strategy_id: id, outcome_node_id: n }))).execute();
    await audit(trx, actor, v.strategyId ? "strategy.updated" : "strategy.created", `commissioning_strategy:${id}`, {});
    return ok({ strategyId: id });
  });
}

/** What a service area contributes to the strategy. */
export async function addContribution(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(contributionSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return transact(db, async (trx) => {
    const s = await trx.selectFrom("commissioning_strategies").select(["id", "locality_id"]).where("id", "=", v.strategyId).forUpdate().executeTakeFirst();
    if (!s) return fail("That strategy does not exist", 404);
    const allowed = decide(actor, "commissioning.manage", reviewTarget(s.locality_id));
    if (!allowed.ok) return fail(allowed.message, 403);
    await trx.insertInto("commissioning_strategy_contributions").values({ strategy_id: s.id, service_area: v.serviceArea, contribution: v.contribution }).execute();
    await audit(trx, actor, "strategy.contribution_added", `commissioning_strategy:${s.id}`, {});
    return ok(null);
  });
}

export async function listStrategies(db: Database, actor: Actor) {
  const rows = await db
    .selectFrom("commissioning_strategies as s")
    .leftJoin("localities as l", "l.id", "s.locality_id")
    .select(["s.id", "s.title", "s.area", "s.published", "s.budget_pence", "l.name as locality_name"])
    .$if(!seesInternal(actor), (q) => q.where("s.published", "=", true))
    .orderBy("s.title")
    .execute();
  return rows;
}

export async function getStrategy(db: Database, actor: Actor, strategyId: number) {
  if (!isRowId(strategyId)) return null;
  const s = await db
    .selectFrom("commissioning_strategies as s")
    .leftJoin("localities as l", "l.id", "s.locality_id")
    .leftJoin("users as u", "u.id", "s.owner_id")
    .selectAll("s")
    .select(["l.name as locality_name", "u.display_name as owner_name"])
    .where("s.id", "=", strategyId)
    .executeTakeFirst();
  if (!s) return null;
  const internal = seesInternal(actor);
  if (!s.published && !internal) return null;
  const [consultations, contributions, evidence, outcomes, reviews] = await Promise.all([
    db
      .selectFrom("commissioning_strategy_consultations as sc")
      .innerJoin("consultations as c", "c.id", "sc.consultation_id")
      .select(["c.id", "c.title", "sc.how_engaged"])
      .where("sc.strategy_id", "=", s.id)
      .orderBy("c.title")
      .execute(),
    db.selectFrom("commissioning_strategy_contributions").select(["id", "service_area", "contribution"]).where("strategy_id", "=", s.id).orderBy("id").execute(),
    db
      .selectFrom("commissioning_strategy_evidence as se")
      .innerJoin("evidence_items as e", "e.id", "se.evidence_item_id")
      .select(["e.id", "e.title", "e.visibility"])
      .where("se.strategy_id", "=", s.id)
      .$if(!internal, (q) => q.where("e.visibility", "=", "public"))
      .orderBy("e.title")
      .execute(),
    db
      .selectFrom("commissioning_strategy_outcomes as so")
      .innerJoin("outcome_nodes as n", "n.id", "so.outcome_node_id")
      .select(["n.id", "n.title", "n.kind"])
      .where("so.strategy_id", "=", s.id)
      .orderBy("n.id")
      .execute(),
    db
      .selectFrom("commissioning_reviews")
      .select(["id", "service_area", "stage", "cycle", "locality_id", "accountable_commissioner_id"])
      .where("strategy_id", "=", s.id)
      .orderBy("service_area")
      .orderBy("cycle")
      .execute(),
  ]);
  return {
    strategy: s,
    consultations,
    contributions,
    evidence,
    outcomes,
    reviews: reviews.filter((r) => maySeeReview(actor, r)),
    canManage: decide(actor, "commissioning.manage", reviewTarget(s.locality_id)).ok,
  };
}

/** The choices for a strategy's form: consultations, evidence, outcome nodes (with measures). */
export async function strategyChoices(db: Database) {
  const [consultations, evidence, nodes] = await Promise.all([
    db.selectFrom("consultations").select(["id", "title"]).orderBy("title").execute(),
    db.selectFrom("evidence_items").select(["id", "title"]).orderBy("title").limit(500).execute(),
    db.selectFrom("outcome_nodes").select(["id", "title", "kind"]).where("retired_at", "is", null).orderBy("framework_id").orderBy("id").execute(),
  ]);
  return { consultations, evidence, nodes };
}
