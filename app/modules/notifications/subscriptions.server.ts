/**
 * Subscriptions: what a person follows, and the events commands record for followers.
 * Permission: anyone may follow something public by e-mail (signed in or not); one-click
 * unsubscribe needs only the token in the e-mail (RFC 8058: no session, a POST).
 */
import { z } from "zod";
import type { Database } from "../../../db/client";
import { FOLLOW_KINDS, FREQUENCIES, type FollowKind } from "../../../db/tables/notifications";
import type { Effect } from "../../lib/effects";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import type { Actor } from "../permissions/permissions";
import { newToken, recordEvent } from "./outbox.server";

export const BAD_EMAIL = "Enter an email address in the correct format, like name@example.com";

const subscribeSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address").max(254, BAD_EMAIL).email(BAD_EMAIL),
  kind: z.enum(FOLLOW_KINDS),
  targetId: z.coerce.number().int().positive(),
  frequency: z.enum(FREQUENCIES, { message: "Select how often you want e-mails" }),
});

/** What can be followed, by its public name (null: there is no such public thing). */
async function targetName(db: Database, kind: FollowKind, id: number): Promise<string | null> {
  switch (kind) {
    case "board":
      return (await db.selectFrom("boards").select("name").where("id", "=", id).executeTakeFirst())?.name ?? null;
    case "locality":
      return (await db.selectFrom("localities").select("name").where("id", "=", id).executeTakeFirst())?.name ?? null;
    case "consultation":
      return (await db.selectFrom("consultations").select("title").where("id", "=", id).where("status", "in", ["open", "closed", "results_published", "scheduled"]).executeTakeFirst())?.title ?? null;
    case "thread":
      return null;
  }
}

export async function followTarget(db: Database, kind: string, id: number): Promise<Result<{ kind: FollowKind; id: number; name: string }>> {
  if (!(FOLLOW_KINDS as readonly string[]).includes(kind)) return fail("There is nothing to follow at this address", 404);
  const name = await targetName(db, kind as FollowKind, id);
  if (!name) return fail("There is nothing to follow at this address", 404);
  return ok({ kind: kind as FollowKind, id, name });
}

export async function subscribe(db: Database, actor: Actor, input: unknown): Promise<Result<{ name: string; email: string }>> {
  const parsed = validate(subscribeSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const target = await followTarget(db, v.kind, v.targetId);
  if (!target.ok) return target;
  const email = v.email.toLowerCase();
  await db
    .insertInto("subscriptions")
    .values({ user_id: actor.user && actor.user.email.toLowerCase() === email ? actor.user.id : null, email, target_kind: v.kind, target_id: v.targetId, frequency: v.frequency, token: newToken() })
    .onConflict((oc) => oc.columns(["email", "target_kind", "target_id"]).doUpdateSet({ frequency: v.frequency }))
    .execute();
  return ok({ name: target.value.name, email });
}

/** One-click unsubscribe by the token in the e-mail. Unknown tokens are fine (already gone). */
export async function unsubscribeByToken(db: Database, token: string): Promise<Result<{ removed: boolean }>> {
  const removed = await db.deleteFrom("subscriptions").where("token", "=", token).executeTakeFirst();
  // Messages already waiting for this subscription are not sent either.
  await db.updateTable("outbox").set({ status: "failed", last_error: "Unsubscribed before it was sent", updated_at: new Date() }).where("unsubscribe_token", "=", token).where("status", "in", ["queued", "digest"]).execute();
  return ok({ removed: Number(removed.numDeletedRows) > 0 });
}

export async function subscriptionByToken(db: Database, token: string) {
  return db.selectFrom("subscriptions").select(["email", "target_kind", "target_id"]).where("token", "=", token).executeTakeFirst();
}

/** For a board's followers: the agenda of one of its meetings was published. Call in the publishing transaction. */
export async function agendaPublished(trx: Database, meeting: { id: number; board_id: number; title: string; starts_at: Date }): Promise<Effect[]> {
  const board = await trx.selectFrom("boards").select("name").where("id", "=", meeting.board_id).executeTakeFirstOrThrow();
  const when = meeting.starts_at.toLocaleString("en-GB", { timeZone: "Europe/London", dateStyle: "full", timeStyle: "short" });
  return recordEvent(trx, {
    key: `agenda:${meeting.id}`,
    target: { kind: "board", id: meeting.board_id },
    subject: `${board.name}: agenda published for ${meeting.title}`,
    body: `The agenda for “${meeting.title}” (${when}) has been published. Read the agenda and papers:`,
    link: `/meetings/${meeting.id}`,
  });
}
