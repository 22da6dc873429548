/**
 * The golden thread's question as SQL: the outcomes asked about, each with the node ids under it,
 * as a derived table `tq (outcome_id int, node_ids int[])` a provider joins to its link tables, so
 * one query answers for every outcome on a page (the locality dashboard asks for all of them).
 * Kept apart from thread.server.ts so providers can import it without an import cycle.
 */
import { sql } from "kysely";
import type { ThreadItem, ThreadLinks, ThreadOutcome } from "./thread-provider.server";

/** `(outcome_id, node_ids)` per outcome asked about, to join as `tq`. */
export function outcomeGroups(outcomes: readonly ThreadOutcome[]) {
  const rows = JSON.stringify(outcomes.map((o) => ({ outcome_id: o.outcomeId, node_ids: o.nodeIds })));
  return sql<{ outcome_id: number; node_ids: number[] }>`(SELECT * FROM jsonb_to_recordset(${rows}::jsonb) AS r(outcome_id int, node_ids int[]))`.as("tq");
}

/**
 * Rows (each naming the outcome it is linked to, in the provider's order) as items per outcome.
 * Every outcome asked about gets a list, empty when nothing is linked. `limit` caps each outcome's
 * list before `keep` filters it (as a per-outcome SQL LIMIT followed by a permission filter would).
 */
export function byOutcome<R extends { outcome_id: number }>(
  outcomes: readonly ThreadOutcome[],
  rows: readonly R[],
  toItem: (row: R) => ThreadItem | null,
  limit = Infinity,
): ThreadLinks {
  const links: ThreadLinks = new Map(outcomes.map((o) => [o.outcomeId, []]));
  const taken = new Map<number, number>();
  for (const row of rows) {
    const n = taken.get(row.outcome_id) ?? 0;
    if (n >= limit) continue;
    taken.set(row.outcome_id, n + 1);
    const item = toItem(row);
    if (item) links.get(row.outcome_id)?.push(item);
  }
  return links;
}
