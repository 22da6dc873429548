/**
 * Sign-in throttling per account and per network address, stored in PostgreSQL through
 * rate-limiter-flexible's Postgres store (table rate_limits, created by a migration).
 * Only failed attempts count; a successful sign-in clears the account's count.
 */
import { CompiledQuery, sql } from "kysely";
import { RateLimiterPostgres, type RateLimiterRes } from "rate-limiter-flexible";
import type { Database } from "../../../db/client";

export const ACCOUNT_LIMIT = { points: 5, duration: 15 * 60 };
export const ADDRESS_LIMIT = { points: 30, duration: 15 * 60 };

/** rate-limiter-flexible talks to a `{ query({ text, values }) }` client; give it our Kysely. */
function storeClientFor(db: Database) {
  return {
    async query(q: { text: string; values?: unknown[] }) {
      const result = await db.executeQuery(CompiledQuery.raw(q.text, (q.values ?? []) as unknown[]));
      return { rows: result.rows, rowCount: result.rows.length };
    },
  };
}

const limiters = new WeakMap<Database, { account: RateLimiterPostgres; address: RateLimiterPostgres }>();

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

function limitersFor(db: Database) {
  let found = limiters.get(db);
  if (!found) {
    found = {
      account: rateLimiter(db, "signin-account", ACCOUNT_LIMIT),
      address: rateLimiter(db, "signin-address", ADDRESS_LIMIT),
    };
    limiters.set(db, found);
  }
  return found;
}

function minutes(ms: number): string {
  const m = Math.max(1, Math.ceil(ms / 60_000));
  return m === 1 ? "1 minute" : `${m} minutes`;
}

/** A message when this account or address must wait, or null when it may try. */
export async function signInBlocked(db: Database, email: string, address: string): Promise<string | null> {
  const { account, address: byAddress } = limitersFor(db);
  const [a, b] = await Promise.all([account.get(email), byAddress.get(address)]);
  const wait = (res: RateLimiterRes | null, points: number) =>
    res && res.consumedPoints > points ? res.msBeforeNext : 0;
  const accountWait = wait(a, ACCOUNT_LIMIT.points - 1);
  const addressWait = wait(b, ADDRESS_LIMIT.points - 1);
  if (accountWait > 0) return `Too many failed attempts to sign in to this account. Try again in ${minutes(accountWait)}.`;
  if (addressWait > 0) return `Too many failed sign-in attempts from your network. Try again in ${minutes(addressWait)}.`;
  return null;
}

export async function recordFailedSignIn(db: Database, email: string, address: string): Promise<void> {
  const { account, address: byAddress } = limitersFor(db);
  // consume() rejects once the limit is passed; the block is what we want, not an error.
  await Promise.all([account.consume(email).catch(() => undefined), byAddress.consume(address).catch(() => undefined)]);
}

export async function clearFailedSignIns(db: Database, email: string): Promise<void> {
  await limitersFor(db).account.delete(email);
}
