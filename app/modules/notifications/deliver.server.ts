/**
 * Delivery: hand queued outbox rows to the transport, one row per transaction.
 *
 * A row is locked (FOR UPDATE SKIP LOCKED) while it is being sent and marked sent in the same
 * transaction, so several workers (processes) never send the same row, and a worker killed
 * mid-send leaves the row queued (its connection drops, the lock goes) for the next one.
 * The one honest edge (at-least-once): if the process dies AFTER the relay accepted the message
 * and BEFORE the commit, the row is still queued and is sent again. SMTP offers nothing to close
 * that window; it is as wide as one UPDATE.
 *
 * A failed send (refused, 500, time-out, wrong Notify key) touches only its own row: attempts + 1,
 * the reason, and a next attempt after a backoff (30 s, 2 min, 8 min, 32 min…); after
 * MAX_ATTEMPTS it is `failed` and stays in the outbox with its reason.
 */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import type { Transport } from "./transport.server";

export const MAX_ATTEMPTS = 5;
export const backoffMs = (attempts: number) => 30_000 * 4 ** Math.max(0, attempts - 1);

export interface DeliveryRun {
  sent: number;
  retrying: number;
  failed: number;
  /** When the earliest retry is due, if any row is waiting for one. */
  nextRetryAt: Date | null;
}

export async function deliverDue(db: Database, transport: Transport, options: { origin: string; concurrency?: number; now?: () => Date }): Promise<DeliveryRun> {
  const now = options.now ?? (() => new Date());
  const run: DeliveryRun = { sent: 0, retrying: 0, failed: 0, nextRetryAt: null };
  const lane = async () => {
    for (;;) {
      const more = await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom("outbox")
          .select(["id", "recipient", "subject", "body", "unsubscribe_token", "attempts"])
          .where("status", "=", "queued")
          .where("next_attempt_at", "<=", now())
          .orderBy("id")
          .limit(1)
          .forUpdate()
          .skipLocked()
          .executeTakeFirst();
        if (!row) return false;
        const unsubscribeUrl = row.unsubscribe_token ? `${options.origin}/unsubscribe/${row.unsubscribe_token}` : null;
        try {
          await transport.send({ id: row.id, to: row.recipient, subject: row.subject, body: row.body, unsubscribeUrl });
          await trx.updateTable("outbox").set({ status: "sent", attempts: row.attempts + 1, sent_at: now(), updated_at: now(), last_error: null }).where("id", "=", row.id).execute();
          run.sent++;
        } catch (error) {
          const attempts = row.attempts + 1;
          const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
          const gaveUp = attempts >= MAX_ATTEMPTS;
          const next = new Date(now().getTime() + backoffMs(attempts));
          await trx
            .updateTable("outbox")
            .set({ status: gaveUp ? "failed" : "queued", attempts, last_error: reason, next_attempt_at: next, updated_at: now() })
            .where("id", "=", row.id)
            .execute();
          if (gaveUp) run.failed++;
          else {
            run.retrying++;
            if (!run.nextRetryAt || next < run.nextRetryAt) run.nextRetryAt = next;
          }
        }
        return true;
      });
      if (!more) return;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, lane));
  return run;
}

/** For the outbox page: counts by status. */
export async function outboxCounts(db: Database) {
  const rows = await db.selectFrom("outbox").select(["status", sql<number>`count(*)::int`.as("n")]).groupBy("status").execute();
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<string, number>>;
}
