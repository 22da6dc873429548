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
import type { ThreadItem, ThreadLinks, ThreadProvider, ThreadQuery } from "./thread-provider.server";

export type { ThreadItem, ThreadLinks, ThreadOutcome, ThreadProvider, ThreadQuery } from "./thread-provider.server";

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
