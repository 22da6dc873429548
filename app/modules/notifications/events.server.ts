/**
 * What followers hear about, written by the command that made it happen, inside its transaction
 * (each returns the `deliver` effect for the command's `ok(value, effects)`):
 * - a locality: a consultation opened there, its results, a decision of a board there;
 * - a consultation: it opened (if followed while scheduled), it closes soon, its results;
 * - a comment thread: a reply anywhere under the comment (not to the replier themselves);
 * - a board: an agenda published (agendaPublished, subscriptions.server.ts), a decision.
 * Only public things: the worker checks again when it expands the event (visibility.server.ts).
 */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import type { FollowKind } from "../../../db/tables/notifications";
import type { Effect } from "../../lib/effects";
import { recordEvent } from "./outbox.server";
import { decisionsJoined } from "../boards/boards.server";

const londonDate = (d: Date) => d.toLocaleString("en-GB", { timeZone: "Europe/London", dateStyle: "full", timeStyle: "short" });

/** The localities a consultation is in (every locality for a whole-council one). */
async function consultationPlaces(trx: Database, id: number) {
  const c = await trx.selectFrom("consultations").select(["id", "title", "whole_council", "closes_at", "status"]).where("id", "=", id).executeTakeFirstOrThrow();
  const localities = c.whole_council
    ? await trx.selectFrom("localities").select("id").execute()
    : await trx.selectFrom("consultation_localities").select("locality_id as id").where("consultation_id", "=", id).execute();
  const targets: { kind: FollowKind; id: number }[] = [{ kind: "consultation", id }, ...localities.map((l) => ({ kind: "locality" as const, id: Number(l.id) }))];
  return { c, targets };
}

export async function consultationOpened(trx: Database, id: number): Promise<Effect[]> {
  const { c, targets } = await consultationPlaces(trx, id);
  return recordEvent(trx, {
    key: `consultation-opened:${id}`,
    targets,
    about: { kind: "consultation", id },
    subject: `New consultation: ${c.title}`,
    body: `A consultation has opened: “${c.title}”.${c.closes_at ? ` It closes on ${londonDate(c.closes_at)}.` : ""} Have your say:`,
    link: `/consultations/${id}`,
  });
}

export async function consultationResultsPublished(trx: Database, id: number): Promise<Effect[]> {
  const { c, targets } = await consultationPlaces(trx, id);
  return recordEvent(trx, {
    key: `consultation-results:${id}`,
    targets,
    about: { kind: "consultation", id },
    subject: `Results published: ${c.title}`,
    body: `The results of “${c.title}” have been published: what we asked, what you said and what we did.`,
    link: `/consultations/${id}/results`,
  });
}

/** Hours before the close when followers of a consultation are reminded. */
export const CLOSING_SOON_HOURS = 72;

/**
 * "Closes soon" for every open consultation closing within CLOSING_SOON_HOURS: run by the
 * consultation clock each minute; the event key makes it once per consultation.
 */
export async function consultationsClosingSoon(db: Database, now = new Date()): Promise<Effect[]> {
  const soon = await db
    .selectFrom("consultations")
    .select(["id", "title", "closes_at"])
    .where("status", "=", "open")
    .where("closes_at", ">", now)
    .where("closes_at", "<=", new Date(now.getTime() + CLOSING_SOON_HOURS * 3_600_000))
    .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM notification_events e WHERE e.key = 'consultation-closing:' || consultations.id)`)
    .execute();
  const effects: Effect[] = [];
  for (const c of soon) {
    effects.push(
      ...(await recordEvent(db, {
        key: `consultation-closing:${c.id}`,
        target: { kind: "consultation", id: c.id },
        about: { kind: "consultation", id: c.id },
        subject: `Closing soon: ${c.title}`,
        body: `“${c.title}” closes on ${londonDate(c.closes_at!)}. If you want to respond, there is still time:`,
        link: `/consultations/${c.id}`,
      })),
    );
  }
  return effects;
}

/** A reply was posted: followers of the thread (its top comment) hear, except the replier. */
export async function replyPosted(trx: Database, reply: { id: number; feedId: number; parentId: number; authorId: number; body: string }): Promise<Effect[]> {
  let rootId = reply.parentId;
  for (let i = 0; i < 10; i++) {
    const up = await trx.selectFrom("comments").select("parent_id").where("id", "=", rootId).executeTakeFirst();
    if (!up?.parent_id) break;
    rootId = up.parent_id;
  }
  const feed = await trx.selectFrom("feeds").select("title").where("id", "=", reply.feedId).executeTakeFirstOrThrow();
  const excerpt = reply.body.length > 300 ? `${reply.body.slice(0, 297)}…` : reply.body;
  return recordEvent(trx, {
    key: `reply:${reply.id}`,
    target: { kind: "thread", id: rootId },
    about: { kind: "comment", id: reply.id },
    authorUserId: reply.authorId,
    subject: `New reply in “${feed.title}”`,
    body: `Someone replied in a discussion you follow:\n\n${excerpt}\n\nRead the thread:`,
    link: `/feeds/${reply.feedId}#comment-${reply.id}`,
  });
}

/** A board decided something in public: followers of the board and of its locality hear. */
export async function decisionRecorded(trx: Database, decisionId: number): Promise<Effect[]> {
  const d = await decisionsJoined(trx)
    .select(["d.id", "d.text", "ai.title as itemTitle", "ai.exempt_paragraph", "b.id as boardId", "b.name as boardName", "b.locality_id"])
    .where("d.id", "=", decisionId)
    .executeTakeFirstOrThrow();
  if (d.exempt_paragraph != null) return []; // exempt: nobody outside the board is told
  const targets: { kind: FollowKind; id: number }[] = [{ kind: "board", id: d.boardId }];
  if (d.locality_id) targets.push({ kind: "locality", id: d.locality_id });
  return recordEvent(trx, {
    key: `decision:${d.id}`,
    targets,
    about: { kind: "decision", id: d.id },
    subject: `${d.boardName} decided: ${d.itemTitle}`,
    body: `${d.boardName} made a decision on “${d.itemTitle}”:\n\n${d.text}\n\nRead the decision and its reasons:`,
    link: `/decisions/${d.id}`,
  });
}
