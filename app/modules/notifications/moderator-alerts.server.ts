/**
 * Moderators are told a comment was reported (issue 16), in the reporting command's transaction.
 *
 * Who: the moderators who can act on that feed (`feed.moderate` on the feed's locality or board,
 * so a locality's moderators hear of their locality only; council-wide moderators of everything);
 * administrators only when no moderator can act on it.
 *
 * Grouped, so a burst of reports is not a burst of mail: reports are gathered per moderator in
 * WINDOW_MINUTES-long windows of the clock (00:00–00:15, 00:15–00:30, …). The first report in a
 * window queues ONE message per moderator, held until the window ends (`next_attempt_at`); every
 * later report in that window is added to the same waiting message (the outbox's unique
 * (event key, recipient) with ON CONFLICT … DO UPDATE while it is still queued). So a moderator
 * gets at most one e-mail per window, at most WINDOW_MINUTES (+ the one-minute sweep) after the
 * report, listing every report in it. The moderation queue stays the place to act.
 *
 * What it says: the feed's title, the reason given and — only when the comment is public — a short
 * excerpt. Never who reported it, nor the commenter's name or address.
 */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import { deliverSoon, type Effect } from "../../lib/effects";
import type { Target } from "../permissions/permissions";
import { addressesOfWhoMay } from "./recipients.server";
import { whyNotPublic } from "./visibility.server";

export const WINDOW_MINUTES = 15;
const WINDOW_MS = WINDOW_MINUTES * 60_000;

/** The window a moment falls in: its start (the message's key) and end (when it is sent). */
export function reportWindow(now: Date): { start: Date; end: Date } {
  const start = Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS;
  return { start: new Date(start), end: new Date(start + WINDOW_MS) };
}

/** Addresses of the people who may moderate a feed with this target (moderators, else admins). */
export const moderatorAddresses = (trx: Database, target: Target) => addressesOfWhoMay(trx, "moderator", "feed.moderate", target);

export async function commentReported(
  trx: Database,
  report: { commentId: number; body: string; reason: string; feedTitle: string; target: Target },
  now = new Date(),
): Promise<Effect[]> {
  const recipients = await moderatorAddresses(trx, report.target);
  if (!recipients.length) return [];
  const { start, end } = reportWindow(now);
  const excerpt = (await whyNotPublic(trx, "comment", report.commentId)) ? "" : ` “${report.body.length > 120 ? `${report.body.slice(0, 117)}…` : report.body}”`;
  const line = `- In “${report.feedTitle}”: comment ${report.commentId}${excerpt}. Reason given: ${report.reason}`;
  const head = "Comments were reported in discussions you moderate. They are waiting in the moderation queue, where you can hide them or dismiss the reports:";
  const at = new Date();
  await trx
    .insertInto("outbox")
    .values(
      recipients.map((to) => ({
        event_key: `comments-reported:${start.toISOString()}`,
        recipient: to,
        subject: "Comments reported for moderation",
        body: `${head}\n\n${line}`,
        link: "/moderation",
        next_attempt_at: end,
      })),
    )
    // A later report in the same window joins the message while it still waits.
    .onConflict((oc) =>
      oc
        .columns(["event_key", "recipient"])
        .doUpdateSet({ body: sql<string>`outbox.body || ${`\n${line}`}`, updated_at: at })
        .where("outbox.status", "=", "queued"),
    )
    .execute();
  return [deliverSoon()];
}
