/**
 * Effects: what must happen after a command's transaction commits. A command (a module function)
 * returns them with its result (`ok(value, effects)`); a failed command has none (its transaction
 * was rolled back, see `transact`). The caller never chooses what to broadcast: it hands the whole
 * result to the one function that carries effects out, `settle()` (effects.server.ts).
 *
 * Adding a kind of effect (e.g. an e-mail to queue): add it to `Effect` below and a method to
 * `EffectSink`; TypeScript then points at the one switch in `settle()` that must run it.
 *
 * This file is types and plain constructors only: no socket server, no database.
 */
import type { ServerToClientEvents } from "./socket-events";

type EventName = keyof ServerToClientEvents;

/** Send one event to one Socket.IO room (every process, in the order published). */
export type Broadcast = {
  [E in EventName]: { kind: "broadcast"; room: string; event: E; payload: Parameters<ServerToClientEvents[E]>[0] };
}[EventName];

/** A person's sign-in or roles changed: every process re-reads the sessions of their open sockets. */
export interface IdentityChanged {
  kind: "identity";
  userId: number;
}

/** A vote was stored: send the poll's tally soon (coalesced per room, read fresh when sent). */
export interface TallySoon {
  kind: "tally";
  feedId: number;
  pollId: number;
}

/**
 * Messages were written to the outbox (or an event to expand into messages) in the committed
 * transaction: nudge the delivery worker. Only a nudge: the rows are durable already, and the
 * worker's schedule sweeps the outbox every minute even if a nudge is lost.
 */
export interface DeliverSoon {
  kind: "deliver";
}

export type Effect = Broadcast | IdentityChanged | TallySoon | DeliverSoon;

export function broadcast<E extends EventName>(room: string, event: E, payload: Parameters<ServerToClientEvents[E]>[0]): Effect {
  return { kind: "broadcast", room, event, payload } as Broadcast;
}

export const identityChanged = (userId: number): Effect => ({ kind: "identity", userId });

export const tallySoon = (feedId: number, pollId: number): Effect => ({ kind: "tally", feedId, pollId });

export const deliverSoon = (): Effect => ({ kind: "deliver" });

/**
 * What carries effects out, one per process, made by the realtime layer (`attachRealtime`) and
 * handed to routes through the load context (`context.bus`) and to socket handlers with the
 * socket. Modules never see it: they only return effects.
 */
export interface EffectSink {
  broadcast(effect: Broadcast): void;
  /** Resolves when this process's sockets are re-read; other processes follow shortly after. */
  refreshIdentity(userId: number): Promise<void>;
  scheduleTally(feedId: number, pollId: number): void;
  /** Wake the notification worker (a hint: the outbox rows are already committed). */
  nudgeDelivery(): void;
  /**
   * A write committed: every process forgets its cached public pages (app/lib/page-cache.server.ts),
   * this one at once. `settle()` calls it for every committed command; the request handler for
   * every form post.
   */
  pagesChanged(): void;
  /** Where a failing effect is reported (it never stops the others). */
  reportFailure(error: unknown, effect: Effect): void;
}
