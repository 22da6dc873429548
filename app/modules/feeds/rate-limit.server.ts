/**
 * Live feeds: the per-person rate limits on comments and votes (rate-limiter-flexible,
 * PostgreSQL store), shared by every process.
 */
import type { Database } from "../../../db/client";
import { fail } from "../../lib/result";
import { rateLimiter } from "../auth/throttle.server";
import { type Actor } from "../permissions/permissions";
import type { Failure } from "./feeds-shared.server";

// ---------------------------------------------------------------------------------------------
// Rate limits (rate-limiter-flexible, PostgreSQL store): per person, shared by every process.

export const COMMENT_LIMIT = { points: 10, duration: 60 };
export const VOTE_LIMIT = { points: 30, duration: 60 };
export const LIMIT_PREFIX = { comment: "feed-comment", vote: "feed-vote" } as const;
const limiters = new WeakMap<Database, Record<"comment" | "vote", ReturnType<typeof rateLimiter>>>();

export async function throttle(db: Database, actor: Actor, kind: "comment" | "vote"): Promise<Failure | null> {
  let found = limiters.get(db);
  if (!found) {
    found = { comment: rateLimiter(db, LIMIT_PREFIX.comment, COMMENT_LIMIT), vote: rateLimiter(db, LIMIT_PREFIX.vote, VOTE_LIMIT) };
    limiters.set(db, found);
  }
  try {
    await found[kind].consume(String(actor.user!.id));
    return null;
  } catch (rejection) {
    if (rejection instanceof Error) throw rejection;
    return limited(kind, (rejection as { msBeforeNext?: number }).msBeforeNext);
  }
}

/** The refusal when a person has used up their limit. */
export function limited(kind: "comment" | "vote", msBeforeNext = 60_000): Failure {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const limit = kind === "comment" ? COMMENT_LIMIT : VOTE_LIMIT;
  const what = kind === "comment" ? "comments" : "votes and reactions";
  return fail(`You can send at most ${limit.points} ${what} a minute. Wait ${seconds} seconds and try again.`, 429);
}
