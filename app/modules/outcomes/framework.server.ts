/**
 * Editing outcome frameworks (admins, "outcomes.manage"): add, rename, reorder, retire nodes and
 * set a measure's unit, polarity, baseline and target. A node in use — tagged by evidence, linked
 * or cited by another feature, or holding indicator values — is retired, never deleted.
 */
import type { Database } from "../../../db/client";
import type { OutcomeNodeKind } from "../../../db/schema";
import { permittedInput } from "../permissions/guard";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import type { Actor } from "../permissions/permissions";
import { forgetFrameworks, nodeAndDescendants } from "./outcomes.server";
import { addNodeSchema, editNodeSchema, measureSchema, moveNodeSchema, nodeIdSchema } from "./schema";

/** The cached trees and measures (outcomes.server.ts) are forgotten once a change has committed. */
async function afterChange<T>(db: Database, change: Promise<Result<T>>): Promise<Result<T>> {
  const result = await change;
  if (result.ok) forgetFrameworks(db);
  return result;
}

const CHILD_KIND: Record<OutcomeNodeKind, OutcomeNodeKind | null> = { outcome: "priority", priority: "measure", measure: null };

export async function addNode(db: Database, actor: Actor, input: unknown): Promise<Result<{ nodeId: number }>> {
  const parsed = permittedInput(actor, "outcomes.manage", addNodeSchema, input);
  if (!parsed.ok) return parsed;
  const { frameworkId, parentId, title, description } = parsed.value;
  return afterChange(db, db.transaction().execute(async (trx) => {
    const framework = await trx.selectFrom("outcome_frameworks").select("id").where("id", "=", frameworkId).executeTakeFirst();
    if (!framework) return fail("That framework does not exist", 404);
    let kind: OutcomeNodeKind = "outcome";
    if (parentId) {
      const parent = await trx.selectFrom("outcome_nodes").selectAll().where("id", "=", parentId).executeTakeFirst();
      if (!parent || parent.framework_id !== frameworkId) return fail("The node to add under does not exist in this framework", 404);
      if (parent.retired_at) return fail("You cannot add under a retired node. Reinstate it first", 409);
      const child = CHILD_KIND[parent.kind];
      if (!child) return fail("A measure cannot have anything under it", 409);
      kind = child;
    }
    const last = await trx
      .selectFrom("outcome_nodes")
      .select((eb) => eb.fn.max("position").as("max"))
      .where("framework_id", "=", frameworkId)
      .where((eb) => (parentId ? eb("parent_id", "=", parentId) : eb("parent_id", "is", null)))
      .executeTakeFirst();
    const row = await trx
      .insertInto("outcome_nodes")
      .values({ framework_id: frameworkId, parent_id: parentId ?? null, kind, title, description, position: (last?.max ?? -1) + 1 })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (kind === "measure") {
      await trx.insertInto("outcome_measures").values({ node_id: row.id, unit: "%", polarity: "higher_is_better", baseline: null, target: null }).execute();
    }
    await audit(trx, actor, "outcome_node.added", `outcome_node:${row.id}`, { kind, title });
    return ok({ nodeId: row.id });
  }));
}

export async function editNode(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = permittedInput(actor, "outcomes.manage", editNodeSchema, input);
  if (!parsed.ok) return parsed;
  const { nodeId, title, description } = parsed.value;
  return afterChange(db, db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable("outcome_nodes").set({ title, description }).where("id", "=", nodeId).returning("id").executeTakeFirst();
    if (!updated) return fail("That node does not exist", 404);
    await audit(trx, actor, "outcome_node.renamed", `outcome_node:${nodeId}`, { title });
    return ok(null);
  }));
}

export async function setMeasure(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = permittedInput(actor, "outcomes.manage", measureSchema, input);
  if (!parsed.ok) return parsed;
  const { nodeId, unit, polarity, baseline, target } = parsed.value;
  return afterChange(db, db.transaction().execute(async (trx) => {
    const node = await trx.selectFrom("outcome_nodes").select("kind").where("id", "=", nodeId).executeTakeFirst();
    if (!node) return fail("That measure does not exist", 404);
    if (node.kind !== "measure") return fail("Only a measure has a unit, polarity, baseline and target", 409);
    await trx
      .insertInto("outcome_measures")
      .values({ node_id: nodeId, unit, polarity, baseline, target })
      .onConflict((oc) => oc.column("node_id").doUpdateSet({ unit, polarity, baseline, target }))
      .execute();
    await audit(trx, actor, "outcome_measure.set", `outcome_node:${nodeId}`, { unit, polarity, baseline, target });
    return ok(null);
  }));
}

/** Swap a node with its neighbour among its siblings. */
export async function moveNode(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = permittedInput(actor, "outcomes.manage", moveNodeSchema, input);
  if (!parsed.ok) return parsed;
  const { nodeId, direction } = parsed.value;
  return afterChange(db, db.transaction().execute(async (trx) => {
    const node = await trx.selectFrom("outcome_nodes").selectAll().where("id", "=", nodeId).forUpdate().executeTakeFirst();
    if (!node) return fail("That node does not exist", 404);
    const siblings = await trx
      .selectFrom("outcome_nodes")
      .select(["id", "position"])
      .where("framework_id", "=", node.framework_id)
      .where((eb) => (node.parent_id ? eb("parent_id", "=", node.parent_id) : eb("parent_id", "is", null)))
      .orderBy("position")
      .orderBy("id")
      .execute();
    const index = siblings.findIndex((s) => s.id === nodeId);
    const other = index + (direction === "up" ? -1 : 1);
    if (other < 0 || other >= siblings.length) return fail(`This is already the ${direction === "up" ? "first" : "last"} one`, 409);
    const order = siblings.map((s) => s.id);
    [order[index], order[other]] = [order[other]!, order[index]!];
    for (const [position, id] of order.entries()) {
      await trx.updateTable("outcome_nodes").set({ position }).where("id", "=", id).execute();
    }
    await audit(trx, actor, "outcome_node.moved", `outcome_node:${nodeId}`, { direction });
    return ok(null);
  }));
}

/** How the node (or anything under it) is used, in words; empty when it is not used at all. */
export async function nodeUses(db: Database, nodeId: number): Promise<string[]> {
  const ids = await nodeAndDescendants(db, [nodeId]);
  if (!ids.length) return [];
  const count = async (q: Promise<{ n: number | string | bigint } | undefined>) => Number((await q)?.n ?? 0);
  const [evidence, links, values] = await Promise.all([
    count(db.selectFrom("evidence_item_outcomes").select((eb) => eb.fn.countAll().as("n")).where("outcome_node_id", "in", ids).executeTakeFirst()),
    count(db.selectFrom("outcome_links").select((eb) => eb.fn.countAll().as("n")).where("outcome_node_id", "in", ids).executeTakeFirst()),
    count(db.selectFrom("indicator_values").select((eb) => eb.fn.countAll().as("n")).where("measure_node_id", "in", ids).executeTakeFirst()),
  ]);
  const uses: string[] = [];
  if (evidence) uses.push(`${evidence} evidence ${evidence === 1 ? "tag" : "tags"}`);
  if (links) uses.push(`${links} ${links === 1 ? "link" : "links"} from consultations, decisions, challenges or reviews`);
  if (values) uses.push(`${values} indicator ${values === 1 ? "value" : "values"}`);
  return uses;
}

export async function retireNode(db: Database, actor: Actor, input: unknown, options: { reinstate?: boolean } = {}): Promise<Result<null>> {
  const parsed = permittedInput(actor, "outcomes.manage", nodeIdSchema, input);
  if (!parsed.ok) return parsed;
  const { nodeId } = parsed.value;
  return afterChange(db, db.transaction().execute(async (trx) => {
    const node = await trx.selectFrom("outcome_nodes").select(["id", "parent_id"]).where("id", "=", nodeId).executeTakeFirst();
    if (!node) return fail("That node does not exist", 404);
    if (options.reinstate && node.parent_id) {
      const parent = await trx.selectFrom("outcome_nodes").select("retired_at").where("id", "=", node.parent_id).executeTakeFirstOrThrow();
      if (parent.retired_at) return fail("Reinstate the node above it first", 409);
    }
    const ids = await nodeAndDescendants(trx, [nodeId]);
    await trx
      .updateTable("outcome_nodes")
      .set({ retired_at: options.reinstate ? null : new Date() })
      .where("id", "in", ids)
      .$if(!options.reinstate, (q) => q.where("retired_at", "is", null))
      .execute();
    await audit(trx, actor, options.reinstate ? "outcome_node.reinstated" : "outcome_node.retired", `outcome_node:${nodeId}`, { nodes: ids.length });
    return ok(null);
  }));
}

/** Delete a node nobody uses and that has nothing under it; otherwise refuse and say why. */
export async function deleteNode(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = permittedInput(actor, "outcomes.manage", nodeIdSchema, input);
  if (!parsed.ok) return parsed;
  const { nodeId } = parsed.value;
  return afterChange(db, db.transaction().execute(async (trx) => {
    const node = await trx.selectFrom("outcome_nodes").select(["id", "title"]).where("id", "=", nodeId).forUpdate().executeTakeFirst();
    if (!node) return fail("That node does not exist", 404);
    const uses = await nodeUses(trx, nodeId);
    if (uses.length) {
      return fail(`“${node.title}” is in use (${uses.join(", ")}), so it cannot be deleted. Retire it instead: it stays on the record but is no longer offered.`, 409);
    }
    const children = await trx.selectFrom("outcome_nodes").select("id").where("parent_id", "=", nodeId).executeTakeFirst();
    if (children) return fail(`“${node.title}” has priorities or measures under it. Delete or move those first, or retire it instead.`, 409);
    await trx.deleteFrom("outcome_measures").where("node_id", "=", nodeId).execute();
    await trx.deleteFrom("outcome_nodes").where("id", "=", nodeId).execute();
    await audit(trx, actor, "outcome_node.deleted", `outcome_node:${nodeId}`, { title: node.title });
    return ok(null);
  }));
}

/** A node with its measure settings and uses, for the admin edit page. */
export async function nodeForEditing(db: Database, nodeId: number) {
  if (!Number.isSafeInteger(nodeId) || nodeId <= 0) return null;
  const node = await db
    .selectFrom("outcome_nodes as n")
    .innerJoin("outcome_frameworks as f", "f.id", "n.framework_id")
    .leftJoin("outcome_measures as m", "m.node_id", "n.id")
    .select(["n.id", "n.kind", "n.title", "n.description", "n.retired_at", "n.framework_id", "f.name as framework_name", "m.unit", "m.polarity", "m.baseline", "m.target"])
    .where("n.id", "=", nodeId)
    .executeTakeFirst();
  if (!node) return null;
  return { ...node, retired: node.retired_at !== null, uses: await nodeUses(db, nodeId) };
}
