/**
 * What a golden-thread provider is (THREAD_PROVIDERS in thread.server.ts): the question it is
 * asked, the items it answers with. Providers import these and the helpers in
 * thread-groups.server.ts, never the registry, so the registry alone imports the providers.
 */
import type { Database } from "../../../db/client";
import type { Actor } from "../permissions/permissions";

export interface ThreadItem {
  /** The provider's kind, e.g. "board_decision". */
  kind: string;
  title: string;
  href: string;
  /** e.g. "Decided 12 January 2027 by the Northgate board" */
  detail: string;
  /** Evidence items this thing cites (ids), so an evidence page can link back to it. */
  evidenceItemIds?: number[];
}

/** One outcome asked about: its id and the ids of it and every node under it (priorities, measures). */
export interface ThreadOutcome {
  outcomeId: number;
  nodeIds: number[];
}

export interface ThreadQuery {
  /** Every outcome to answer for: a provider answers for all of them in one query. */
  outcomes: ThreadOutcome[];
  /** Only things in this locality (or council-wide); null means everywhere. */
  localityId: number | null;
  actor: Actor;
}

/** A provider's answer: the items linked to each outcome asked about (outcome id -> items, in the provider's order). */
export type ThreadLinks = Map<number, ThreadItem[]>;

export interface ThreadProvider {
  /** Matches the `citing_kind` the feature writes with cite(), e.g. "consultation". */
  kind: string;
  /** Plural heading on the page, e.g. "Board decisions". */
  label: string;
  /**
   * What is linked to each outcome (to any of its nodeIds), for all outcomes at once: one query,
   * whether an outcome page asks about one outcome or the locality dashboard about all of them.
   * Join the outcomes as `outcomeGroups(query.outcomes)` (thread-groups.server.ts) and select
   * `tq.outcome_id`; `byOutcome` turns the rows into the answer.
   */
  linkedTo(db: Database, query: ThreadQuery): Promise<ThreadLinks>;
  /** Optional: the things of this kind that cite one evidence item (for the evidence page). */
  citing?(db: Database, query: { evidenceItemId: number; actor: Actor }): Promise<ThreadItem[]>;
}
