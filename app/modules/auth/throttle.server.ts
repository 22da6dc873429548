/**
 * Sign-in and registration throttling, stored in PostgreSQL through rate-limiter-flexible's
 * Postgres store (table rate_limits, created by a migration), so every process shares it.
 *
 * Sign-in slows down rather than locks out (NCSC password guidance, OWASP ASVS 4 V2.2.1; see
 * docs/decisions/0020-sign-in-slows-down-registration-reveals-nothing.md):
 * - per account AND network address: the first few failures are free, then each failure makes
 *   that pair wait longer (15 s, 30 s, 1 min … at most 15 minutes). Someone guessing elsewhere
 *   never makes the owner wait at their own address;
 * - attempts are counted before the password is checked (atomically), and a correct password
 *   takes its attempt back, so parallel requests cannot slip past the limits;
 * - per network address: 30 failures in 15 minutes, whatever the accounts;
 * - per account from everywhere: 100 failures an hour (ASVS's ceiling), which holds back only
 *   addresses this account has not signed in from before.
 * Keys are hashed: an email may be 254 characters and the key column holds 255.
 */
import { createHash } from "node:crypto";
import { CompiledQuery, sql } from "kysely";
import { RateLimiterPostgres, type RateLimiterRes } from "rate-limiter-flexible";
import type { Database } from "../../../db/client";

/** Failures of one account from one address before each further one makes that pair wait. */
export const PAIR_FREE_FAILURES = 5;
/** How long a pair waits after its nth failure (n counted over a day): doubling, capped. */
export function pairWaitSeconds(failures: number): number {
  if (failures < PAIR_FREE_FAILURES) return 0;
  return Math.min(15 * 60, 15 * 2 ** (failures - PAIR_FREE_FAILURES));
}
const PAIR_WINDOW = { points: 10_000, duration: 24 * 60 * 60 };
export const ADDRESS_LIMIT = { points: 30, duration: 15 * 60 };
export const ACCOUNT_LIMIT = { points: 100, duration: 60 * 60 };
/** An address this account signed in from is remembered this long. */
const KNOWN_FOR = 90 * 24 * 60 * 60;
/** Accounts created from one network address. */
export const REGISTER_LIMIT = { points: 10, duration: 60 * 60 };

/** A fixed-length key for anything a person typed or sent (an email may be 254 characters). */
export function throttleKey(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("base64url");
}

/** consume() rejects with a RateLimiterRes when over the limit: that is not an error. */
function overLimitIsFine(rejection: unknown): void {
  if (rejection instanceof Error) throw rejection;
}

/** rate-limiter-flexible talks to a `{ query({ text, values }) }` client; give it our Kysely. */
function storeClientFor(db: Database) {
  return {
    async query(q: { text: string; values?: unknown[] }) {
      const result = await db.executeQuery(CompiledQuery.raw(q.text, (q.values ?? []) as unknown[]));
      return { rows: result.rows, rowCount: result.rows.length };
    },
  };
}

export function rateLimiter(db: Database, keyPrefix: string, limit: { points: number; duration: number; blockDuration?: number }) {
  return new RateLimiterPostgres({
    storeClient: storeClientFor(db),
    storeType: "client",
    tableName: "rate_limits",
    tableCreated: true,
    clearExpiredByTimeout: false,
    keyPrefix,
    ...limit,
  });
}

/**
 * Consume one point for each of several keys in ONE statement, with exactly the arithmetic and
 * the rows (table rate_limits, key `prefix:key`, expire in epoch ms) of
 * `rateLimiter(db, keyPrefix, limit).consume(key)`: the two can be mixed on the same keys, in any
 * process. For group commits (a batch of votes), as a CTE of the batch's own statement: one round
 * trip for the whole batch instead of one per key. `statement` is `INSERT … RETURNING key, points,
 * expire` (keys sorted, so concurrent batches lock them in one order); `read` turns what it
 * returned into, per key, the points consumed in the window (over `limit.points` means refused;
 * the point still counts, as with consume()) and the ms before the window resets.
 */
export function consumeEach(keyPrefix: string, limit: { points: number; duration: number }, keys: string[]) {
  const now = Date.now();
  const expire = now + limit.duration * 1000;
  const full = [...new Set(keys)].sort().map((k) => `${keyPrefix}:${k}`);
  return {
    statement: sql<{ key: string; points: number; expire: string | number | null }>`
      INSERT INTO rate_limits (key, points, expire) SELECT k, 1, ${expire}::bigint FROM unnest(${full}::varchar[]) AS k ORDER BY k
      ON CONFLICT (key) DO UPDATE SET
        points = CASE WHEN rate_limits.expire <= ${now}::bigint THEN 1 ELSE rate_limits.points + 1 END,
        expire = CASE WHEN rate_limits.expire <= ${now}::bigint THEN ${expire}::bigint ELSE rate_limits.expire END
      RETURNING key, points, expire`,
    read: (rows: { key: string; points: number; expire: string | number | null }[]) =>
      new Map(
        rows.map((r) => [
          r.key.slice(keyPrefix.length + 1),
          { consumed: r.points, msBeforeNext: r.expire === null ? -1 : Math.max(Number(r.expire) - Date.now(), 0) },
        ]),
      ),
  };
}

type Limiter = ReturnType<typeof rateLimiter>;
interface SignInLimiters {
  pairAttempts: Limiter;
  pairTurn: Limiter;
  address: Limiter;
  account: Limiter;
  known: Limiter;
  register: Limiter;
}
const limiters = new WeakMap<Database, SignInLimiters>();

function limitersFor(db: Database): SignInLimiters {
  let found = limiters.get(db);
  if (!found) {
    found = {
      pairAttempts: rateLimiter(db, "signin-pair", PAIR_WINDOW),
      pairTurn: rateLimiter(db, "signin-pair-wait", { points: 1, duration: 15 * 60 }),
      address: rateLimiter(db, "signin-address", ADDRESS_LIMIT),
      account: rateLimiter(db, "signin-account", ACCOUNT_LIMIT),
      known: rateLimiter(db, "signin-known", { points: 1, duration: KNOWN_FOR }),
      register: rateLimiter(db, "register-address", REGISTER_LIMIT),
    };
    limiters.set(db, found);
  }
  return found;
}

function waitFor(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 60) return s === 1 ? "1 second" : `${s} seconds`;
  const m = Math.ceil(s / 60);
  return m === 1 ? "1 minute" : `${m} minutes`;
}

/**
 * Before a password is checked: counts this attempt and says why it must wait, or null when it
 * may go ahead. Every count is one atomic statement, so requests sent all at once cannot all slip
 * past a limit before any failure is recorded: attempts are counted, and a correct password takes
 * its attempt back (signInSucceeded).
 */
export async function beginSignIn(db: Database, email: string, address: string): Promise<string | null> {
  const l = limitersFor(db);
  const pair = throttleKey(email, address);
  const [byAddress, byAccount, known] = await Promise.all([
    l.address.penalty(throttleKey(address)),
    l.account.penalty(throttleKey(email)),
    l.known.get(pair),
  ]);
  if (byAddress.consumedPoints > ADDRESS_LIMIT.points) {
    return `Too many failed sign-in attempts from your network. Try again in ${waitFor(byAddress.msBeforeNext)}.`;
  }
  if (!known && byAccount.consumedPoints > ACCOUNT_LIMIT.points) {
    return `There have been too many failed attempts to sign in to this account. Try again in ${waitFor(byAccount.msBeforeNext)}, or from a device you have signed in from before.`;
  }
  const attempt = (await l.pairAttempts.penalty(pair)).consumedPoints;
  if (attempt < PAIR_FREE_FAILURES) return null;
  // From the 5th attempt on, each takes the pair's turn, which lasts as long as the wait after it
  // (15 s after the 5th, 30 s after the 6th …): the next attempt waits for it to end.
  const turn = await l.pairTurn.penalty(pair, 1, { customDuration: pairWaitSeconds(attempt) });
  if (turn.consumedPoints === 1) return null;
  // Refused before any password was checked: this try does not count (nor make the wait longer).
  await Promise.all([l.pairAttempts.reward(pair), l.address.reward(throttleKey(address)), l.account.reward(throttleKey(email))]);
  return `You have entered the wrong password too many times. Wait ${waitFor(turn.msBeforeNext)} and try again.`;
}

/** A correct password: it takes its attempt back, the pair starts afresh, and the address is one the account knows. */
export async function signInSucceeded(db: Database, email: string, address: string): Promise<void> {
  const l = limitersFor(db);
  const pair = throttleKey(email, address);
  await Promise.all([
    l.pairAttempts.delete(pair),
    l.pairTurn.delete(pair),
    l.known.set(pair, 1, KNOWN_FOR),
    l.address.reward(throttleKey(address)),
    l.account.reward(throttleKey(email)),
  ]);
}

/** Counts one account creation from this address; a message when it has made too many. */
export async function registrationBlocked(db: Database, address: string): Promise<string | null> {
  try {
    await limitersFor(db).register.consume(throttleKey(address));
    return null;
  } catch (rejection) {
    overLimitIsFine(rejection);
    return `Too many accounts have been created from your network. Try again in ${waitFor((rejection as RateLimiterRes).msBeforeNext)}.`;
  }
}
