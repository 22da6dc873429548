/**
 * Writing messages, inside a command's transaction (the durable half of a notification).
 *
 * - `queueMessage(trx, …)`: one message to one address (a receipt, a statutory notice). At most
 *   one per (event key, recipient): the same key written twice is ignored.
 * - `recordEvent(trx, …)`: something followers of a locality/consultation/board/thread should hear
 *   about. ONE row, whatever the number of followers; the worker expands it to recipients
 *   (`expandEvents`), so the triggering request never pays for the fan-out.
 *
 * Both return the after-commit effect that nudges the worker; the command adds it to its
 * `ok(value, effects)`. Nothing here sends anything.
 */
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import type { FollowKind } from "../../../db/tables/notifications";
import { deliverSoon, type Effect } from "../../lib/effects";

export interface NewMessage {
  /** What happened, unique per event, e.g. "receipt:response:42". */
  eventKey: string;
  to: string;
  subject: string;
  body: string;
  unsubscribeToken?: string | null;
}

export async function queueMessage(trx: Database, message: NewMessage): Promise<Effect[]> {
  await trx
    .insertInto("outbox")
    .values({ event_key: message.eventKey, recipient: message.to.trim().toLowerCase(), subject: message.subject, body: message.body, unsubscribe_token: message.unsubscribeToken ?? null })
    .onConflict((oc) => oc.columns(["event_key", "recipient"]).doNothing())
    .execute();
  return [deliverSoon()];
}

export interface NewEvent {
  key: string;
  target: { kind: FollowKind; id: number };
  subject: string;
  body: string;
  /** Path on this site, e.g. /boards/3/meetings/9. */
  link: string;
}

export async function recordEvent(trx: Database, event: NewEvent): Promise<Effect[]> {
  await trx
    .insertInto("notification_events")
    .values({ key: event.key, target_kind: event.target.kind, target_id: event.target.id, subject: event.subject, body: event.body, link: event.link })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  return [deliverSoon()];
}

export const newToken = () => randomBytes(24).toString("base64url");

/**
 * Expand events not yet expanded into one outbox row per follower (a daily-digest follower's row
 * waits as 'digest'). One INSERT … SELECT per event; ON CONFLICT DO NOTHING makes running it again
 * (a crash between the insert and marking the event) harmless. Returns how many events it expanded.
 */
export async function expandEvents(db: Database, origin: string): Promise<number> {
  let expanded = 0;
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const event = await trx.selectFrom("notification_events").selectAll().where("expanded_at", "is", null).orderBy("id").limit(1).forUpdate().skipLocked().executeTakeFirst();
      if (!event) return false;
      const body = `${event.body}\n\n${origin}${event.link}`;
      await sql`
        INSERT INTO outbox (event_key, recipient, subject, body, unsubscribe_token, status)
        SELECT ${event.key}, s.email, ${event.subject}, ${body}, s.token,
               CASE s.frequency WHEN 'daily' THEN 'digest' ELSE 'queued' END
          FROM subscriptions s
         WHERE s.target_kind = ${event.target_kind} AND s.target_id = ${event.target_id}
        ON CONFLICT (event_key, recipient) DO NOTHING`.execute(trx);
      await trx.updateTable("notification_events").set({ expanded_at: new Date() }).where("id", "=", event.id).execute();
      return true;
    });
    if (!done) return expanded;
    expanded++;
  }
}

/**
 * The daily digest: each recipient's waiting 'digest' rows become ONE message (key
 * digest:<time of the run>:<recipient>), and the rows it gathers are marked sent with it. One transaction per
 * recipient, so a digest and the rows it covers are never out of step.
 */
export async function gatherDigests(db: Database, now = new Date()): Promise<number> {
  let made = 0;
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const first = await trx.selectFrom("outbox").select("recipient").where("status", "=", "digest").where("created_at", "<=", now).orderBy("id").limit(1).forUpdate().skipLocked().executeTakeFirst();
      if (!first) return false;
      const rows = await trx
        .selectFrom("outbox")
        .select(["id", "subject", "body", "unsubscribe_token"])
        .where("status", "=", "digest")
        .where("recipient", "=", first.recipient)
        .where("created_at", "<=", now)
        .orderBy("id")
        .forUpdate()
        .execute();
      const body = [`${rows.length} update${rows.length === 1 ? "" : "s"} you follow:`, ...rows.map((r, i) => `${i + 1}. ${r.subject}\n\n${r.body}`)].join("\n\n---\n\n");
      await trx
        .insertInto("outbox")
        .values({ event_key: `digest:${now.toISOString()}:${first.recipient}`, recipient: first.recipient, subject: `Your daily update: ${rows.length} new`, body, unsubscribe_token: rows[0]?.unsubscribe_token ?? null })
        .onConflict((oc) => oc.columns(["event_key", "recipient"]).doNothing())
        .execute();
      await trx
        .updateTable("outbox")
        .set({ status: "sent", sent_at: now, last_error: "sent in the daily digest", updated_at: now })
        .where("id", "in", rows.map((r) => r.id))
        .execute();
      return true;
    });
    if (!done) return made;
    made++;
  }
}
