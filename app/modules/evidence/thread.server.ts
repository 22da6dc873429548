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

export interface ThreadQuery {
  /** The outcome and every node under it (priorities, measures). */
  outcomeNodeIds: number[];
  /** Only things in this locality (or council-wide); null means everywhere. */
  localityId: number | null;
  actor: Actor;
}

export interface ThreadProvider {
  /** Matches the `citing_kind` the feature writes with cite(), e.g. "consultation". */
  kind: string;
  /** Plural heading on the page, e.g. "Board decisions". */
  label: string;
  linkedTo(db: Database, query: ThreadQuery): Promise<ThreadItem[]>;
  /** Optional: the things of this kind that cite one evidence item (for the evidence page). */
  citing?(db: Database, query: { evidenceItemId: number; actor: Actor }): Promise<ThreadItem[]>;
}

/** Features register here as they land (consultations, board decisions, Right to Challenge). */
export const THREAD_PROVIDERS: ThreadProvider[] = [reviewThreadProvider, decisionThreadProvider, challengeThreadProvider, consultationThreadProvider, arrangementThreadProvider];

export interface ThreadSection {
  kind: string;
  label: string;
  items: ThreadItem[];
}

export async function threadFor(db: Database, query: ThreadQuery): Promise<ThreadSection[]> {
  if (!query.outcomeNodeIds.length) return THREAD_PROVIDERS.map((p) => ({ kind: p.kind, label: p.label, items: [] }));
  const lists = await Promise.all(THREAD_PROVIDERS.map((p) => p.linkedTo(db, query)));
  return THREAD_PROVIDERS.map((p, i) => ({ kind: p.kind, label: p.label, items: lists[i]! }));
}

/** What cites one evidence item, grouped by provider (only providers that implement `citing`). */
export async function citingThread(db: Database, evidenceItemId: number, actor: Actor): Promise<ThreadSection[]> {
  const providers = THREAD_PROVIDERS.filter((p) => p.citing);
  const lists = await Promise.all(providers.map((p) => p.citing!(db, { evidenceItemId, actor })));
  return providers.map((p, i) => ({ kind: p.kind, label: p.label, items: lists[i]! })).filter((s) => s.items.length);
}
