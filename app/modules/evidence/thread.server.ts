/**
 * The golden thread: outcome and locality pages ask every feature what is linked to an outcome
 * ("consultations / decisions / challenges linked to this outcome"). A feature joins by adding
 * one provider to THREAD_PROVIDERS, like PROVIDERS in whats-open. See docs/golden-thread.md.
 */
import type { Database } from "../../../db/client";
import type { Actor } from "../permissions/permissions";
import { decisionThreadProvider } from "../boards/decisions.server";
import { challengeThreadProvider } from "../challenges/thread.server";
import { consultationThreadProvider } from "../consultations/thread.server";
import { reviewThreadProvider } from "./reviews.server";
import { arrangementThreadProvider } from "../providers/page.server";
import { strategyThreadProvider } from "../commissioning/strategy-thread.server";

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

/** Features register here as they land (consultations, board decisions, Right to Challenge). */
export const THREAD_PROVIDERS: ThreadProvider[] = [
  reviewThreadProvider,
  decisionThreadProvider,
  challengeThreadProvider,
  consultationThreadProvider,
  arrangementThreadProvider,
  strategyThreadProvider,
];

export interface ThreadSection {
  kind: string;
  label: string;
  items: ThreadItem[];
}

/** The thread of every outcome asked about (outcome id -> one section per provider): one query per provider in all. */
export async function threadsFor(db: Database, query: ThreadQuery): Promise<Map<number, ThreadSection[]>> {
  const outcomes = query.outcomes.filter((o) => o.nodeIds.length);
  const lists: ThreadLinks[] = outcomes.length ? await Promise.all(THREAD_PROVIDERS.map((p) => p.linkedTo(db, { ...query, outcomes }))) : [];
  return new Map(
    query.outcomes.map((o) => [o.outcomeId, THREAD_PROVIDERS.map((p, i) => ({ kind: p.kind, label: p.label, items: lists[i]?.get(o.outcomeId) ?? [] }))]),
  );
}

/** One outcome's thread (an outcome page): the same providers' method, asked about one outcome (the node and every node under it). */
export async function threadFor(db: Database, query: { outcomeNodeIds: number[]; localityId: number | null; actor: Actor }): Promise<ThreadSection[]> {
  const outcomeId = query.outcomeNodeIds[0] ?? 0;
  const threads = await threadsFor(db, { outcomes: [{ outcomeId, nodeIds: query.outcomeNodeIds }], localityId: query.localityId, actor: query.actor });
  return threads.get(outcomeId)!;
}

/** What cites one evidence item, grouped by provider (only providers that implement `citing`). */
export async function citingThread(db: Database, evidenceItemId: number, actor: Actor): Promise<ThreadSection[]> {
  const providers = THREAD_PROVIDERS.filter((p) => p.citing);
  const lists = await Promise.all(providers.map((p) => p.citing!(db, { evidenceItemId, actor })));
  return providers.map((p, i) => ({ kind: p.kind, label: p.label, items: lists[i]! })).filter((s) => s.items.length);
}
