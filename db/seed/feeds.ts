/**
 * Demo data for live feeds: a discussion feed for every locality, a few comments (with a reply
 * and reactions) in Northgate's, and an open poll. Idempotent: skipped once Northgate's feed
 * has comments.
 */
import type { Database } from "../client";
import type { SeedContext } from "./context";

export async function seedFeeds(db: Database, _context: SeedContext): Promise<void> {
  const localities = await db.selectFrom("localities").select(["id", "slug", "name"]).execute();
  for (const l of localities) {
    await db
      .insertInto("feeds")
      .values({ subject_kind: "locality", subject_id: l.id, title: `${l.name} discussion`, locality_id: l.id })
      .onConflict((oc) => oc.columns(["subject_kind", "subject_id"]).doNothing())
      .execute();
  }
  const northgate = localities.find((l) => l.slug === "northgate");
  if (!northgate) return;
  const feed = await db.selectFrom("feeds").select("id").where("subject_kind", "=", "locality").where("subject_id", "=", northgate.id).executeTakeFirstOrThrow();
  const existing = await db.selectFrom("comments").select("id").where("feed_id", "=", feed.id).executeTakeFirst();
  if (existing) return;
  const users = Object.fromEntries(
    (await db.selectFrom("users").select(["id", "email"]).execute()).map((u) => [u.email, u.id]),
  ) as Record<string, number>;
  const resident = users["resident@moot.example"];
  const member = users["member@moot.example"];
  const officer = users["officer@moot.example"];
  const chair = users["chair@moot.example"];
  if (!resident || !member || !officer || !chair) return;

  const post = async (author: number, body: string, parent?: { id: number; depth: number }) => {
    const row = await db
      .insertInto("comments")
      .values({ feed_id: feed.id, author_id: author, body, parent_id: parent?.id ?? null, depth: parent ? parent.depth + 1 : 0 })
      .returning(["id", "depth"])
      .executeTakeFirstOrThrow();
    await db.insertInto("feed_events").values({ feed_id: feed.id, kind: "comment.posted", comment_id: row.id }).execute();
    return row;
  };
  const bus = await post(resident, "The number 14 bus now stops at 7pm. People who work late shifts at the hospital have no way home.");
  const reply = await post(member, "The board raised this with the operator last month. We are asking for a later service on weekdays.", bus);
  await post(resident, "Thank you. Saturdays matter too: the market closes at 6.", reply);
  const park = await post(officer, "The riverside path through Mill Lane park will close for resurfacing for two weeks from 4 January. A signed diversion runs along Station Road.");
  await db.insertInto("comment_reactions").values([
    { comment_id: bus.id, user_id: member, reaction: "agree" },
    { comment_id: bus.id, user_id: officer, reaction: "agree" },
    { comment_id: park.id, user_id: resident, reaction: "disagree" },
  ]).execute();
  await db.updateTable("comments").set({ agree_count: 2 }).where("id", "=", bus.id).execute();
  await db.updateTable("comments").set({ disagree_count: 1 }).where("id", "=", park.id).execute();
  for (const id of [bus.id, park.id]) await db.insertInto("feed_events").values({ feed_id: feed.id, kind: "comment.reacted", comment_id: id }).execute();

  const poll = await db
    .insertInto("polls")
    .values({ feed_id: feed.id, question: "Which should the board ask the bus operator for first?", multiple: false, opened_by: chair })
    .returning("id")
    .executeTakeFirstOrThrow();
  const options = await db
    .insertInto("poll_options")
    .values(["A later weekday service", "A Saturday evening service", "A Sunday service"].map((label, position) => ({ poll_id: poll.id, position, label })))
    .returning("id")
    .execute();
  await db.insertInto("poll_votes").values([
    { poll_id: poll.id, option_id: options[0]!.id, user_id: member },
    { poll_id: poll.id, option_id: options[1]!.id, user_id: officer },
  ]).execute();
  await db.insertInto("feed_events").values({ feed_id: feed.id, kind: "poll.opened", poll_id: poll.id }).execute();
}
