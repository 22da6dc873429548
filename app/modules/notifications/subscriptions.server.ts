/**
 * Subscriptions: what a person follows, and the events commands record for followers.
 * Permission: anyone may follow something public by e-mail (signed in or not); one-click
 * unsubscribe needs only the token in the e-mail (RFC 8058: no session, a POST).
 */
import { z } from "zod";
import type { Database } from "../../../db/client";
import { FOLLOW_KINDS, FREQUENCIES, type FollowKind, type Frequency } from "../../../db/tables/notifications";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import type { Actor } from "../permissions/permissions";
import { followedName, newToken } from "./outbox.server";

export const BAD_EMAIL = "Enter an email address in the correct format, like name@example.com";

const subscribeSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address").max(254, BAD_EMAIL).email(BAD_EMAIL),
  kind: z.enum(FOLLOW_KINDS),
  targetId: z.coerce.number().int().positive(),
  frequency: z.enum(FREQUENCIES, { message: "Select how often you want e-mails" }),
});

export async function followTarget(db: Database, kind: string, id: number): Promise<Result<{ kind: FollowKind; id: number; name: string }>> {
  if (!(FOLLOW_KINDS as readonly string[]).includes(kind)) return fail("There is nothing to follow at this address", 404);
  const name = await followedName(db, kind as FollowKind, id);
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

/**
 * One-click unsubscribe by the token in the e-mail. Unknown tokens are fine (already gone). A
 * digest's link carries the tokens of every subscription it covers, joined with ".".
 */
export async function unsubscribeByToken(db: Database, token: string): Promise<Result<{ removed: boolean }>> {
  const tokens = token.split(".").filter(Boolean).slice(0, 40);
  if (!tokens.length) return ok({ removed: false });
  const removed = await db.deleteFrom("subscriptions").where("token", "in", tokens).executeTakeFirst();
  // Messages already waiting for this subscription are not sent either.
  await db.updateTable("outbox").set({ status: "failed", last_error: "Unsubscribed before it was sent", updated_at: new Date() }).where("unsubscribe_token", "in", tokens).where("status", "in", ["queued", "digest"]).execute();
  return ok({ removed: Number(removed.numDeletedRows) > 0 });
}

export async function subscriptionByToken(db: Database, token: string) {
  const first = token.split(".")[0] ?? "";
  return db.selectFrom("subscriptions").select(["email", "target_kind", "target_id"]).where("token", "=", first).executeTakeFirst();
}

// ---------------------------------------------------------------- /account: what I follow

export interface MySubscription {
  id: number;
  kind: FollowKind;
  name: string;
  href: string;
  frequency: Frequency;
}

const FOLLOWED_HREF: Record<FollowKind, (id: number, db: Database) => Promise<string>> = {
  consultation: async (id) => `/consultations/${id}`,
  board: async (id, db) => `/boards/${(await db.selectFrom("boards").select("slug").where("id", "=", id).executeTakeFirst())?.slug ?? ""}`,
  locality: async (id, db) => `/localities/${(await db.selectFrom("localities").select("slug").where("id", "=", id).executeTakeFirst())?.slug ?? ""}`,
  thread: async (id, db) => `/feeds/${(await db.selectFrom("comments").select("feed_id").where("id", "=", id).executeTakeFirst())?.feed_id ?? ""}#comment-${id}`,
};

/** The signed-in person's subscriptions: those made while signed in, and any made for their e-mail address. */
function mine(db: Database, actor: Actor) {
  const user = actor.user!;
  return db.selectFrom("subscriptions").where((eb) => eb.or([eb("user_id", "=", user.id), eb("email", "=", user.email.toLowerCase())]));
}

export async function mySubscriptions(db: Database, actor: Actor): Promise<Result<MySubscription[]>> {
  if (!actor.user) return fail("Sign in to see what you follow", 403);
  const rows = await mine(db, actor).select(["id", "target_kind", "target_id", "frequency"]).orderBy("created_at").orderBy("id").execute();
  const list: MySubscription[] = [];
  for (const r of rows) {
    const name = await followedName(db, r.target_kind, r.target_id);
    if (!name) continue; // no longer public: nothing is sent for it either
    list.push({ id: r.id, kind: r.target_kind, name, href: await FOLLOWED_HREF[r.target_kind](r.target_id, db), frequency: r.frequency });
  }
  return ok(list);
}

const changeSchema = z.object({
  subscriptionId: z.coerce.number().int().positive(),
  frequency: z.enum(FREQUENCIES, { message: "Select how often you want e-mails" }),
});

/** Immediate or a daily digest, per subscription (messages already waiting keep their way). */
export async function changeFrequency(db: Database, actor: Actor, input: unknown): Promise<Result<{ name: string; frequency: Frequency }>> {
  if (!actor.user) return fail("Sign in to change what you follow", 403);
  const parsed = validate(changeSchema, input);
  if (!parsed.ok) return parsed;
  const row = await mine(db, actor).select(["id", "target_kind", "target_id"]).where("id", "=", parsed.value.subscriptionId).executeTakeFirst();
  if (!row) return fail("You do not follow that", 404);
  await db.updateTable("subscriptions").set({ frequency: parsed.value.frequency, user_id: actor.user.id }).where("id", "=", row.id).execute();
  return ok({ name: (await followedName(db, row.target_kind, row.target_id)) ?? "it", frequency: parsed.value.frequency });
}

/** Stop following from /account (the same as the e-mail's one-click link for that subscription). */
export async function unfollow(db: Database, actor: Actor, input: unknown): Promise<Result<{ name: string }>> {
  if (!actor.user) return fail("Sign in to change what you follow", 403);
  const parsed = validate(z.object({ subscriptionId: z.coerce.number().int().positive() }), input);
  if (!parsed.ok) return parsed;
  const row = await mine(db, actor).select(["id", "token", "target_kind", "target_id"]).where("id", "=", parsed.value.subscriptionId).executeTakeFirst();
  if (!row) return fail("You do not follow that", 404);
  const name = (await followedName(db, row.target_kind, row.target_id)) ?? "it";
  await unsubscribeByToken(db, row.token);
  return ok({ name });
}

// A board's agenda, papers and minutes published: meeting-events.server.ts.
