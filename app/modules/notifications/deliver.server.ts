/**
 * Delivery: hand queued outbox rows to the transport.
 *
 * Each lane (LANES at once, one per SMTP connection) keeps one database connection and claims a
 * batch of due rows with SESSION advisory locks: the lock, not a status, says "being sent". So
 * - several lanes and several processes never send the same row (a row is sent only by the holder
 *   of its lock, and only if, read after taking the lock, it is still queued);
 * - a worker killed mid-send leaves its rows queued and its locks go with its connection, so the
 *   next worker sends them at once (no lease to wait out);
 * - each row is marked sent by its own one-statement commit straight after the relay's "250 OK".
 * The one honest edge (at-least-once): if the process dies AFTER the relay accepted a message and
 * BEFORE that UPDATE commits, the row is still queued and is sent again. SMTP offers nothing to close
 * that window; it is as wide as one UPDATE.
 *
 * Per message that is one UPDATE; the claim (two statements) and the unlock are per batch. It used
 * to be a transaction per row (BEGIN, SELECT … FOR UPDATE, UPDATE, COMMIT) held open across the
 * send; docs/decisions/0150-delivery-speed.md has the figures.
 *
 * A failed send (refused, 500, time-out, wrong Notify key) touches only its own row: attempts + 1,
 * the reason, and a next attempt after a backoff (30 s, 2 min, 8 min, 32 min…); after
 * MAX_ATTEMPTS it is `failed` and stays in the outbox with its reason.
 * A provider's rate limit (Notify's 429, `RetryLater`) is not the message's failure: the row, and
 * every row after it in this run, waits the time asked (Retry-After, else a minute) with its
 * attempts untouched, and no lane sends again until then (the retry job wakes delivery).
 */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import { withLink } from "./outbox.server";
import { RetryLater, type Transport } from "./transport.server";

export const MAX_ATTEMPTS = 5;
export const backoffMs = (attempts: number) => 30_000 * 4 ** Math.max(0, attempts - 1);

/** Lanes sending at once in one process; matches the SMTP pool (SMTP_CONNECTIONS). */
export const LANES = 8;
/** Rows one lane claims at a time. */
export const BATCH = 25;
/** First key of the outbox rows' advisory locks (the second is the row id), Moot's alone. */
const LOCK_CLASS = 16016;

export interface DeliveryRun {
  sent: number;
  retrying: number;
  failed: number;
  /** When the earliest retry is due, if any row is waiting for one. */
  nextRetryAt: Date | null;
  /** Rows put back because the provider limited the rate (no attempt counted). */
  deferred: number;
}

interface Claimed {
  id: number;
  recipient: string;
  subject: string;
  body: string;
  unsubscribe_token: string | null;
  link: string | null;
  attempts: number;
}

export async function deliverDue(db: Database, transport: Transport, options: { origin: string; concurrency?: number; batch?: number; now?: () => Date }): Promise<DeliveryRun> {
  const now = options.now ?? (() => new Date());
  const batch = options.batch ?? BATCH;
  const run: DeliveryRun = { sent: 0, retrying: 0, failed: 0, nextRetryAt: null, deferred: 0 };
  /** Set when the provider answers "too many requests": every lane stops sending until then. */
  let pausedUntil: Date | null = null;
  let pauseReason = "";
  const later = (at: Date) => {
    if (!run.nextRetryAt || at < run.nextRetryAt) run.nextRetryAt = at;
  };
  /** Put a row back for later, its attempts untouched (the provider's rate limit is not its fault). */
  const defer = async (conn: Database, row: Claimed, until: Date, reason: string) => {
    await conn.updateTable("outbox").set({ next_attempt_at: until, last_error: reason, updated_at: now() }).where("id", "=", row.id).execute();
    run.deferred++;
    later(until);
  };

  const sendOne = async (conn: Database, row: Claimed) => {
    const unsubscribeUrl = row.unsubscribe_token ? `${options.origin}/unsubscribe/${row.unsubscribe_token}` : null;
    if (pausedUntil) return defer(conn, row, pausedUntil, pauseReason);
    try {
      await transport.send({ id: row.id, to: row.recipient, subject: row.subject, body: withLink(row.body, row.link, options.origin), unsubscribeUrl });
    } catch (error) {
      if (error instanceof RetryLater) {
        pausedUntil = new Date(now().getTime() + error.retryAfterMs);
        pauseReason = error.message.slice(0, 500);
        return defer(conn, row, pausedUntil, pauseReason);
      }
      const attempts = row.attempts + 1;
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      const gaveUp = attempts >= MAX_ATTEMPTS;
      const next = new Date(now().getTime() + backoffMs(attempts));
      await conn
        .updateTable("outbox")
        .set({ status: gaveUp ? "failed" : "queued", attempts, last_error: reason, next_attempt_at: next, updated_at: now() })
        .where("id", "=", row.id)
        .execute();
      if (gaveUp) run.failed++;
      else {
        run.retrying++;
        later(next);
      }
      return;
    }
    await conn.updateTable("outbox").set({ status: "sent", attempts: row.attempts + 1, sent_at: now(), updated_at: now(), last_error: null }).where("id", "=", row.id).execute();
    run.sent++;
  };

  /** Lock up to `batch` due rows no one else holds; null when nothing is left to claim. */
  const claim = async (conn: Database): Promise<Claimed[] | null> => {
    // A JS Date has milliseconds and next_attempt_at PostgreSQL's microseconds: a row is due when
    // its millisecond has come, or one queued within the caller's millisecond would wait a sweep.
    const due = now();
    // Candidates: due rows, in the order of the partial index outbox_due, minus the rows other
    // lanes hold (read once from pg_locks). The LIMIT sits in the subquery, so locks are only
    // tried on these rows. A candidate another lane locked meanwhile just fails its try-lock.
    const locked = await sql<{ id: string; candidates: string }>`
      SELECT c.id, count(*) OVER () AS candidates
        FROM (SELECT id FROM outbox
               WHERE status = 'queued' AND next_attempt_at < ${due}::timestamptz + interval '1 millisecond'
                 AND (id % 2147483647) <> ALL (ARRAY(SELECT objid::bigint FROM pg_locks
                                                      WHERE locktype = 'advisory' AND classid = ${LOCK_CLASS} AND objsubid = 2
                                                        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())))
               ORDER BY next_attempt_at, id
               LIMIT ${batch}) c
       WHERE pg_try_advisory_lock(${LOCK_CLASS}, (c.id % 2147483647)::int)`.execute(conn);
    if (!locked.rows.length) {
      const any = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM outbox WHERE status = 'queued' AND next_attempt_at < ${due}::timestamptz + interval '1 millisecond' AND (id % 2147483647) <> ALL (ARRAY(SELECT objid::bigint FROM pg_locks WHERE locktype = 'advisory' AND classid = ${LOCK_CLASS} AND objsubid = 2 AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))) LIMIT 1) x`.execute(conn);
      return any.rows[0]!.n ? [] : null; // [] : someone else won these, look again
    }
    const ids = locked.rows.map((r) => Number(r.id));
    // Read AFTER taking the locks: a row another lane sent and unlocked in between is no longer queued.
    const rows = await conn
      .selectFrom("outbox")
      .select(["id", "recipient", "subject", "body", "unsubscribe_token", "link", "attempts"])
      .where("id", "in", ids)
      .where("status", "=", "queued")
      .orderBy("next_attempt_at")
      .orderBy("id")
      .execute();
    const gone = ids.filter((id) => !rows.some((r) => r.id === id));
    if (gone.length) await unlock(conn, gone);
    return rows;
  };
  const unlock = (conn: Database, ids: number[]) => sql`SELECT pg_advisory_unlock(${LOCK_CLASS}, (k % 2147483647)::int) FROM unnest(${ids}::bigint[]) k`.execute(conn);

  const lane = () =>
    db.connection().execute(async (conn) => {
      for (;;) {
        if (pausedUntil) return; // rate-limited: the rows wait for the retry job
        const rows = await claim(conn);
        if (!rows) return;
        try {
          for (const row of rows) await sendOne(conn, row);
        } finally {
          if (rows.length) await unlock(conn, rows.map((r) => r.id));
        }
      }
    });
  await Promise.all(Array.from({ length: options.concurrency ?? LANES }, lane));
  return run;
}

/** For the outbox page: counts by status. */
export async function outboxCounts(db: Database) {
  const rows = await db.selectFrom("outbox").select(["status", sql<number>`count(*)::int`.as("n")]).groupBy("status").execute();
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<string, number>>;
}
