/**
 * The write path's two halves (docs/architecture.md, "One write path"):
 * - `transact(db, body)`: a command's one transaction. The body returns a Result; a failure
 *   rolls the whole transaction back (nothing half-recorded) and so carries no effects.
 * - `settle(bus, result)`: THE function that carries out a committed result's effects. Route
 *   actions, loaders, socket handlers and background jobs all call it with the whole result.
 */
import type { Database } from "../../db/client";
import type { Effect, EffectSink } from "./effects";
import type { Result } from "./result";


type Failure = Extract<Result<never>, { ok: false }>;

/** Carries a failure out of the transaction callback so the transaction rolls back. Never escapes `transact`. */
class Undo {
  constructor(readonly failure: Failure) {}
}

export async function transact<T>(db: Database, body: (trx: Database) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await body(trx);
      if (!result.ok) throw new Undo(result);
      return result;
    });
  } catch (e) {
    if (e instanceof Undo) return e.failure;
    throw e;
  }
}

/**
 * Carry out the effects of a committed command, then hand its result back unchanged. Every effect
 * runs even if another fails (a committed change's broadcast is never dropped because a later
 * step failed). Identity refreshes of this process are done when the promise settles.
 */
export function settle<T>(bus: EffectSink, pending: Result<T> | Promise<Result<T>>): Promise<Result<T>>;
/** Also for what a page's read-with-catch-up returns (`{ …, effects }`, or null when nothing happened). */
export function settle<R extends { effects?: readonly Effect[] } | null>(bus: EffectSink, pending: R | Promise<R>): Promise<R>;
export async function settle(bus: EffectSink, pending: Settleable | Promise<Settleable>): Promise<Settleable> {
  const result = await pending;
  if (!result || result.ok === false) return result;
  // Something committed (a command's success, or a page read that caught up with the clock):
  // cached public pages may show what it changed.
  if (result.ok === true || result.effects?.length) bus.pagesChanged();
  if (result.effects?.length) await runEffects(bus, result.effects);
  return result;
}

type Settleable = { ok?: boolean; effects?: readonly Effect[] } | null;

async function runEffects(bus: EffectSink, effects: readonly Effect[]): Promise<void> {
  const waits: Promise<void>[] = [];
  for (const effect of effects) {
    try {
      switch (effect.kind) {
        case "broadcast":
          bus.broadcast(effect);
          break;
        case "identity":
          waits.push(bus.refreshIdentity(effect.userId).catch((error: unknown) => bus.reportFailure(error, effect)));
          break;
        case "tally":
          bus.scheduleTally(effect.feedId, effect.pollId);
          break;
        case "deliver":
          bus.nudgeDelivery();
          break;
        default: {
          const unknownKind: never = effect;
          throw new Error(`no way to run effect ${JSON.stringify(unknownKind)}`);
        }
      }
    } catch (error) {
      bus.reportFailure(error, effect);
    }
  }
  await Promise.all(waits);
}
