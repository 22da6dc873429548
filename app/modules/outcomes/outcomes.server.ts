/** Outcome frameworks as trees: framework → outcome → priority → measure. */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import type { OutcomeNodeKind } from "../../../db/schema";
import { cached, forget } from "../../lib/cache.server";

export interface OutcomeTreeNode {
  id: number;
  kind: OutcomeNodeKind;
  title: string;
  description: string;
  retired: boolean;
  children: OutcomeTreeNode[];
}

export interface FrameworkTree {
  id: number;
  slug: string;
  name: string;
  description: string;
  source: string;
  outcomes: OutcomeTreeNode[];
}

/**
 * The frameworks as trees. Kept in memory (app/lib/cache.server.ts): every outcome, evidence and
 * dashboard page reads them and an administrator rarely changes them; framework.server.ts forgets
 * them after each change commits. Each caller gets its own copy.
 */
export async function listFrameworkTrees(db: Database, options: { includeRetired?: boolean } = {}): Promise<FrameworkTree[]> {
  const trees = await cached(db, options.includeRetired ? FRAMEWORK_KEYS[1] : FRAMEWORK_KEYS[0], () => loadFrameworkTrees(db, options));
  return structuredClone(trees);
}

const FRAMEWORK_KEYS = ["outcomes:trees", "outcomes:trees+retired", "outcomes:measures"] as const;

/** After a change to frameworks, nodes or measures has committed (framework.server.ts). */
export function forgetFrameworks(db: Database): void {
  forget(db, ...FRAMEWORK_KEYS);
}

export interface MeasureSettings {
  id: number;
  title: string;
  unit: string;
  polarity: "higher_is_better" | "lower_is_better";
  baseline: number | null;
  target: number | null;
}

/** Every measure's title, unit, polarity, baseline and target, by node id (cached like the trees). */
export async function measureSettings(db: Database): Promise<Map<number, MeasureSettings>> {
  const rows = await cached(db, FRAMEWORK_KEYS[2], () =>
    db
      .selectFrom("outcome_nodes as n")
      .innerJoin("outcome_measures as m", "m.node_id", "n.id")
      .select(["n.id", "n.title", "m.unit", "m.polarity", "m.baseline", "m.target"])
      .execute(),
  );
  return new Map(rows.map((r) => [r.id, { ...r }]));
}

async function loadFrameworkTrees(db: Database, options: { includeRetired?: boolean }): Promise<FrameworkTree[]> {
  const [frameworks, nodes] = await Promise.all([
    db.selectFrom("outcome_frameworks").selectAll().orderBy("id").execute(),
    db
      .selectFrom("outcome_nodes")
      .selectAll()
      .$if(!options.includeRetired, (q) => q.where("retired_at", "is", null))
      .orderBy("position")
      .orderBy("id")
      .execute(),
  ]);
  const byId = new Map<number, OutcomeTreeNode>();
  for (const n of nodes) {
    byId.set(n.id, { id: n.id, kind: n.kind, title: n.title, description: n.description, retired: n.retired_at !== null, children: [] });
  }
  const roots = new Map<number, OutcomeTreeNode[]>(frameworks.map((f) => [f.id, []]));
  for (const n of nodes) {
    const node = byId.get(n.id)!;
    if (n.parent_id === null) roots.get(n.framework_id)?.push(node);
    else byId.get(n.parent_id)?.children.push(node);
  }
  return frameworks.map((f) => ({
    id: f.id,
    slug: f.slug,
    name: f.name,
    description: f.description,
    source: f.source,
    outcomes: roots.get(f.id) ?? [],
  }));
}

export interface NodeOption {
  id: number;
  kind: OutcomeNodeKind;
  /** e.g. "Your money › Help with the cost of living" */
  label: string;
  framework: string;
}

/** Every current node as a choice for tagging, labelled with its path, in tree order. */
export async function listNodeOptions(db: Database): Promise<NodeOption[]> {
  const frameworks = await listFrameworkTrees(db);
  const out: NodeOption[] = [];
  const walk = (framework: string, nodes: OutcomeTreeNode[], path: string[]) => {
    for (const n of nodes) {
      const label = [...path, n.title].join(" › ");
      out.push({ id: n.id, kind: n.kind, label, framework });
      walk(framework, n.children, [...path, n.title]);
    }
  };
  for (const f of frameworks) walk(f.name, f.outcomes, []);
  return out;
}

/** Ids of the node and every node under it (an outcome's evidence, uses and links include its priorities' and measures'). */
export async function nodeAndDescendants(db: Database, nodeIds: number[]): Promise<number[]> {
  if (!nodeIds.length) return [];
  const rows = await sql<{ id: number }>`
    WITH RECURSIVE t AS (SELECT id FROM outcome_nodes WHERE id = ANY(${nodeIds}::int[])
      UNION SELECT n.id FROM outcome_nodes n JOIN t ON n.parent_id = t.id)
    SELECT id FROM t`.execute(db);
  return rows.rows.map((r) => r.id);
}
