/**
 * The golden thread on a page: an outcome's measures (with series for charts), the evidence tagged
 * to it, and what the thread providers link to it; and the locality dashboard summarising every
 * outcome for one locality at a glance.
 */
import type { Database } from "../../../db/client";
import type { Actor } from "../permissions/permissions";
import { listFrameworkTrees, measureSettings, type MeasureSettings, type OutcomeTreeNode } from "../outcomes/outcomes.server";
import { meetsTarget, trendOf, type Trend } from "./chart";
import type { MeasureChartData } from "./components/LineChart";
import { countEvidenceForOutcomes, evidenceTaggedTo, nodeAndDescendants, type EvidenceSummary } from "./evidence.server";
import { seriesFor, seriesKey } from "./indicators.server";
import { threadFor, threadsFor, type ThreadSection } from "./thread.server";
import { isRowId } from "../../lib/ids";

export interface MeasureView {
  id: number;
  chart: MeasureChartData;
  trend: Trend;
  onTarget: boolean | null;
  latest: { period: string; value: number } | null;
}

/** A measure as the dashboard reads it: the same fields as the cached settings. */
type MeasureRow = MeasureSettings;

/** The measures among these nodes (an outcome's subtree, already expanded). */
async function measuresAmong(db: Database, ids: number[]): Promise<MeasureRow[]> {
  if (!ids.length) return [];
  return db
    .selectFrom("outcome_nodes as n")
    .innerJoin("outcome_measures as m", "m.node_id", "n.id")
    .select(["n.id", "n.title", "m.unit", "m.polarity", "m.baseline", "m.target"])
    .where("n.id", "in", ids)
    .where("n.kind", "=", "measure")
    .where("n.retired_at", "is", null)
    .orderBy("n.position")
    .orderBy("n.id")
    .execute();
}

/** Chart data per measure: the locality's series compared with council-wide (or council-wide alone). */
export async function measureViews(db: Database, measures: MeasureRow[], locality: { id: number; name: string } | null): Promise<MeasureView[]> {
  const series = await seriesFor(db, measures.map((m) => m.id), locality ? [locality.id, null] : [null]);
  return measures.map((m) => {
    const council = series.get(seriesKey(m.id, null)) ?? [];
    const local = locality ? (series.get(seriesKey(m.id, locality.id)) ?? []) : council;
    const chart: MeasureChartData = {
      title: m.title,
      unit: m.unit,
      polarity: m.polarity,
      target: m.target,
      baseline: m.baseline,
      main: { label: locality ? locality.name : "Council-wide", points: local },
      comparison: locality ? { label: "Council-wide", points: council } : null,
    };
    return { id: m.id, chart, trend: trendOf(local, m.polarity), onTarget: meetsTarget(local, m.polarity, m.target), latest: local[local.length - 1] ?? null };
  });
}

export interface OutcomePage {
  node: { id: number; kind: string; title: string; description: string; retired: boolean };
  framework: { id: number; name: string };
  ancestors: { id: number; title: string }[];
  children: { id: number; kind: string; title: string }[];
  measures: MeasureView[];
  evidence: EvidenceSummary[];
  thread: ThreadSection[];
}

export async function outcomePage(db: Database, actor: Actor, nodeId: number, locality: { id: number; name: string } | null): Promise<OutcomePage | null> {
  if (!isRowId(nodeId)) return null;
  const node = await db.selectFrom("outcome_nodes").selectAll().where("id", "=", nodeId).executeTakeFirst();
  if (!node) return null;
  const framework = await db.selectFrom("outcome_frameworks").select(["id", "name"]).where("id", "=", node.framework_id).executeTakeFirstOrThrow();
  const ancestors: { id: number; title: string }[] = [];
  for (let parent = node.parent_id; parent; ) {
    const p = await db.selectFrom("outcome_nodes").select(["id", "title", "parent_id"]).where("id", "=", parent).executeTakeFirstOrThrow();
    ancestors.unshift({ id: p.id, title: p.title });
    parent = p.parent_id;
  }
  const subtree = await nodeAndDescendants(db, [nodeId]);
  const [children, measures, evidence] = await Promise.all([
    db.selectFrom("outcome_nodes").select(["id", "kind", "title"]).where("parent_id", "=", nodeId).where("retired_at", "is", null).orderBy("position").orderBy("id").execute(),
    measuresAmong(db, subtree),
    evidenceTaggedTo(db, actor, subtree, locality?.id ?? null),
  ]);
  const [views, thread] = await Promise.all([
    measureViews(db, measures, locality),
    threadFor(db, { outcomeNodeIds: subtree, localityId: locality?.id ?? null, actor }),
  ]);
  return {
    node: { id: node.id, kind: node.kind, title: node.title, description: node.description, retired: node.retired_at !== null },
    framework,
    ancestors,
    children,
    measures: views,
    evidence,
    thread,
  };
}

export interface DashboardOutcome {
  id: number;
  title: string;
  description: string;
  measures: MeasureView[];
  evidenceCount: number;
  threadCount: number;
}

export interface LocalityDashboard {
  frameworks: { id: number; name: string; outcomes: DashboardOutcome[] }[];
}

function measuresOf(node: OutcomeTreeNode): number[] {
  return node.kind === "measure" ? [node.id] : node.children.flatMap(measuresOf);
}
function idsOf(node: OutcomeTreeNode): number[] {
  return [node.id, ...node.children.flatMap(idsOf)];
}

/**
 * Every outcome for one locality: its measures (latest, trend, target, chart) and counts of
 * evidence and linked things. The trees and measure settings come from memory (outcomes.server.ts);
 * the indicator series and evidence counts are one query each, and each golden-thread provider is
 * asked once for every outcome.
 */
export async function localityDashboard(db: Database, actor: Actor, locality: { id: number; name: string }): Promise<LocalityDashboard> {
  const [frameworks, settings] = await Promise.all([listFrameworkTrees(db), measureSettings(db)]);
  const outcomes = frameworks.flatMap((f) => f.outcomes);
  const measures = outcomes.flatMap(measuresOf).flatMap((id) => settings.get(id) ?? []);
  const [viewList, evidenceCounts, threads] = await Promise.all([
    measureViews(db, measures, locality),
    countEvidenceForOutcomes(db, actor, outcomes.map((o) => o.id), locality.id),
    threadsFor(db, { outcomes: outcomes.map((o) => ({ outcomeId: o.id, nodeIds: idsOf(o) })), localityId: locality.id, actor }),
  ]);
  const views = new Map(viewList.map((v) => [v.id, v]));
  return {
    frameworks: frameworks.map((f) => ({
      id: f.id,
      name: f.name,
      outcomes: f.outcomes.map((o) => ({
        id: o.id,
        title: o.title,
        description: o.description,
        measures: measuresOf(o).map((id) => views.get(id)).filter((v): v is MeasureView => Boolean(v)),
        evidenceCount: evidenceCounts.get(o.id) ?? 0,
        threadCount: (threads.get(o.id) ?? []).reduce((n, s) => n + s.items.length, 0),
      })),
    })),
  };
}
