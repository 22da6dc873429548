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
import type { EventAbout, FollowKind } from "../../../db/tables/notifications";
import { whyNotPublic } from "./visibility.server";
import { deliverSoon, type Effect } from "../../lib/effects";

export interface NewMessage {
  /** What happened, unique per event, e.g. "receipt:response:42". */
  eventKey: string;
  to: string;
  subject: string;
  body: string;
  unsubscribeToken?: string | null;
  /**
   * A path on this site ("/challenges/manage/7"), never a whole URL: delivery appends it to the body
   * made absolute with the configured public origin (APP_ORIGIN), so every link in every e-mail is.
   */
  link?: string | null;
}

/** The body as it is sent: a message's path link made absolute with the public origin. */
export const withLink = (body: string, link: string | null, origin: string) => (link ? `${body}\n\n${origin}${link}` : body);

export async function queueMessage(trx: Database, message: NewMessage): Promise<Effect[]> {
  await trx
    .insertInto("outbox")
    .values({ event_key: message.eventKey, recipient: message.to.trim().toLowerCase(), subject: message.subject, body: message.body, unsubscribe_token: message.unsubscribeToken ?? null, link: message.link ?? null })
    .onConflict((oc) => oc.columns(["event_key", "recipient"]).doNothing())
    .execute();
  return [deliverSoon()];
}

export interface NewEvent {
  /** Unique per happening, e.g. "consultation-opened:42". Followers of several of its targets get ONE message. */
  key: string;
  /** Whose followers hear about it: one target, or several (a consultation's localities and itself). */
  target?: { kind: FollowKind; id: number };
  targets?: { kind: FollowKind; id: number }[];
  /** What it is about: checked to be still public when the worker expands it (else nobody is told). */
  about?: { kind: EventAbout; id: number };
  /** Who caused it: not told about their own act (e.g. their own reply). */
  authorUserId?: number | null;
  subject: string;
  body: string;
  /** Path on this site, e.g. /boards/3/meetings/9. */
  link: string;
}

export async function recordEvent(trx: Database, event: NewEvent): Promise<Effect[]> {
  const targets = event.targets ?? (event.target ? [event.target] : []);
  if (!targets.length) return [];
  // One row per target; the outbox key is the part before "#", so the UNIQUE (event_key, recipient)
  // makes a follower of two of the targets one recipient.
  await trx
    .insertInto("notification_events")
    .values(
      targets.map((t) => ({
        key: event.targets ? `${event.key}#${t.kind}:${t.id}` : event.key,
        target_kind: t.kind,
        target_id: t.id,
        subject: event.subject,
        body: event.body,
        link: event.link,
        about_kind: event.about?.kind ?? null,
        about_id: event.about?.id ?? null,
        author_user_id: event.authorUserId ?? null,
      })),
    )
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
      // Still public? (a consultation back in draft, a hidden reply, an exempt item: nobody is told)
      const withheld = event.about_kind && event.about_id ? await whyNotPublic(trx, event.about_kind, event.about_id) : null;
      if (withheld) {
        await trx.updateTable("notification_events").set({ expanded_at: new Date(), withheld }).where("id", "=", event.id).execute();
        return true;
      }
      const body = `${event.body}\n\n${origin}${event.link}`;
      await sql`
        INSERT INTO outbox (event_key, recipient, subject, body, unsubscribe_token, status)
        SELECT split_part(${event.key}, '#', 1), s.email, ${event.subject}, ${body}, s.token,
               CASE s.frequency WHEN 'daily' THEN 'digest' ELSE 'queued' END
          FROM subscriptions s
         WHERE s.target_kind = ${event.target_kind} AND s.target_id = ${event.target_id}
           AND (${event.author_user_id}::bigint IS NULL OR (s.user_id IS DISTINCT FROM ${event.author_user_id}::bigint
                AND s.email IS DISTINCT FROM (SELECT lower(email) FROM users WHERE id = ${event.author_user_id}::bigint)))
         ORDER BY s.id
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
 * digest:<time of the run>:<recipient>), grouped by what they follow, each group with its own
 * "stop following" link; the rows it gathers are marked sent with it. One transaction per recipient,
 * so a digest and the rows it covers are never out of step. Its one-click unsubscribe (RFC 8058
 * allows one URL) carries every token it covers, joined with "." (unsubscribeByToken splits them).
 */
export async function gatherDigests(db: Database, origin = "", now = new Date()): Promise<number> {
  let made = 0;
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const first = await trx.selectFrom("outbox").select("recipient").where("status", "=", "digest").where("created_at", "<=", now).orderBy("id").limit(1).forUpdate().skipLocked().executeTakeFirst();
      if (!first) return false;
      const rows = await trx
        .selectFrom("outbox as o")
        .leftJoin("subscriptions as s", "s.token", "o.unsubscribe_token")
        .select(["o.id", "o.subject", "o.body", "o.link", "o.unsubscribe_token", "s.target_kind", "s.target_id"])
        .where("o.status", "=", "digest")
        .where("o.recipient", "=", first.recipient)
        .where("o.created_at", "<=", now)
        .orderBy("o.id")
        .forUpdate("o")
        .execute();
      const groups = new Map<string, typeof rows>();
      for (const r of rows) groups.set(r.unsubscribe_token ?? "", [...(groups.get(r.unsubscribe_token ?? "") ?? []), r]);
      const sections: string[] = [];
      for (const [token, items] of groups) {
        const head = items[0]!;
        const name = head.target_kind && head.target_id ? await followedName(trx, head.target_kind, head.target_id) : null;
        sections.push(
          [
            `## ${name ?? "Updates"} (${items.length})`,
            ...items.map((r, i) => `${i + 1}. ${r.subject}\n\n${withLink(r.body, r.link, origin)}`),
            ...(token ? [`Stop following ${name ?? "this"}: ${origin}/unsubscribe/${token}`] : []),
          ].join("\n\n"),
        );
      }
      const tokens = [...groups.keys()].filter(Boolean);
      const body = [`${rows.length} update${rows.length === 1 ? "" : "s"} about what you follow:`, ...sections, `Change how often you hear, or stop: ${origin}/account`].join("\n\n---\n\n");
      await trx
        .insertInto("outbox")
        .values({ event_key: `digest:${now.toISOString()}:${first.recipient}`, recipient: first.recipient, subject: `Your daily update: ${rows.length} new`, body, unsubscribe_token: tokens.length ? tokens.slice(0, 40).join(".") : null })
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

/** The public name of something followed (null: gone or not public). */
export async function followedName(db: Database, kind: FollowKind, id: number): Promise<string | null> {
  switch (kind) {
    case "board":
      return (await db.selectFrom("boards").select("name").where("id", "=", id).executeTakeFirst())?.name ?? null;
    case "locality":
      return (await db.selectFrom("localities").select("name").where("id", "=", id).executeTakeFirst())?.name ?? null;
    case "consultation":
      return (await db.selectFrom("consultations").select("title").where("id", "=", id).where("status", "in", ["open", "closed", "results_published", "scheduled"]).executeTakeFirst())?.title ?? null;
    case "thread": {
      if (await whyNotPublic(db, "comment", id)) return null;
      const c = await db.selectFrom("comments as c").innerJoin("feeds as f", "f.id", "c.feed_id").select(["c.body", "c.parent_id", "f.title"]).where("c.id", "=", id).executeTakeFirst();
      if (!c || c.parent_id) return null; // a thread is followed from its first comment
      const excerpt = c.body.length > 60 ? `${c.body.slice(0, 57)}…` : c.body;
      return `replies to “${excerpt}” in ${c.title}`;
    }
  }
}
