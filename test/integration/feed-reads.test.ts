/**
 * Viewing a page with a feed (a locality's discussion, a meeting, a consultation) reads the feed:
 * no insert, no update, no row lock once it exists. A missing feed is created on first view,
 * exactly once even when many people open the page at the same moment.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import * as consultationPage from "../../app/routes/consultations.$id._index";
import * as localityDiscussion from "../../app/routes/localities.$slug_.discussion";
import * as meetingPage from "../../app/routes/meetings.$id._index";
import type { Database } from "../../db/client";
import { useTestDatabase } from "../support/db";
import { callRoute } from "../support/routes";

const t = useTestDatabase({ seeded: true });

/** The feed row's physical version: any UPDATE (an upsert's DO UPDATE too) gives it a new one. */
const version = async (kind: string, id: number) =>
  (await sql<{ v: string }>`SELECT ctid::text || ':' || xmin::text AS v FROM feeds WHERE subject_kind = ${kind}::feed_subject_kind AND subject_id = ${id}`.execute(t.db)).rows[0]?.v;

/** Run `fn` with a database handle whose every statement is in one READ ONLY transaction. */
async function readOnly<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  let answer: T | undefined;
  await t.db.transaction().execute(async (trx) => {
    await sql`SET TRANSACTION READ ONLY`.execute(trx);
    answer = await fn(trx);
  });
  return answer as T;
}

describe("a page view reads its feed without writing", () => {
  it("a locality's discussion page works in a read-only transaction and leaves the feed row as it was", async () => {
    const northgate = await t.db.selectFrom("localities").select("id").where("slug", "=", "northgate").executeTakeFirstOrThrow();
    const before = await version("locality", northgate.id);
    expect(before).toBeDefined();
    const page = await readOnly((db) => callRoute<{ page: { feed: { subjectId: number } } }>(localityDiscussion, { db, url: "/localities/northgate/discussion", params: { slug: "northgate" } }));
    expect(page.status).toBe(200);
    expect(page.data.page.feed.subjectId).toBe(northgate.id);
    // signed in too (the session is made outside the read-only transaction)
    const signedIn = await callRoute(localityDiscussion, { db: t.db, as: "resident@moot.example", url: "/localities/northgate/discussion", params: { slug: "northgate" } });
    expect(signedIn.status).toBe(200);
    expect(await version("locality", northgate.id)).toBe(before);
  });

  it("a meeting page and a consultation page leave their feed rows as they were", async () => {
    const meeting = await t.db.selectFrom("meetings").select("id").where("status", "!=", "draft").orderBy("id").executeTakeFirstOrThrow();
    const consultation = await t.db.selectFrom("consultations").select("id").where("status", "=", "open").where("closes_at", ">", new Date(Date.now() + 86_400_000)).orderBy("id").executeTakeFirstOrThrow();
    const views: [kind: string, id: number, view: () => ReturnType<typeof callRoute>][] = [
      ["meeting", meeting.id, () => callRoute(meetingPage, { db: t.db, url: `/meetings/${meeting.id}`, params: { id: String(meeting.id) } })],
      ["consultation", consultation.id, () => callRoute(consultationPage, { db: t.db, url: `/consultations/${consultation.id}`, params: { id: String(consultation.id) } })],
    ];
    for (const [kind, id, view] of views) {
      expect((await view()).status).toBe(200); // creates the feed if the seed did not
      const before = await version(kind, id);
      expect(before, kind).toBeDefined();
      expect((await view()).status).toBe(200);
      expect(await version(kind, id), kind).toBe(before);
    }
  });

  it("a missing feed is created on first view, once, however many people open the page at once", async () => {
    const locality = await t.db.insertInto("localities").values({ slug: "saltmarsh", name: "Saltmarsh", description: "The marshes" }).returning("id").executeTakeFirstOrThrow();
    expect(await version("locality", locality.id)).toBeUndefined();
    const pages = await Promise.all(
      Array.from({ length: 6 }, () => callRoute<{ page: { feed: { id: number } } }>(localityDiscussion, { db: t.db, url: "/localities/saltmarsh/discussion", params: { slug: "saltmarsh" } })),
    );
    expect(pages.map((p) => p.status)).toEqual(Array(6).fill(200));
    expect(new Set(pages.map((p) => p.data.page.feed.id)).size).toBe(1);
    const feeds = await t.db.selectFrom("feeds").select(["id", "title"]).where("subject_kind", "=", "locality").where("subject_id", "=", locality.id).execute();
    expect(feeds).toEqual([{ id: pages[0]!.data.page.feed.id, title: "Saltmarsh discussion" }]);
  });
});

describe("the migration that fills in the boards of older meeting feeds", () => {
  it("gives a meeting feed without a board its meeting's board", async () => {
    const { migrations } = await import("../../db/migrations/index");
    const meeting = await t.db.selectFrom("meetings").select(["id", "board_id"]).where("status", "!=", "draft").orderBy("id").executeTakeFirstOrThrow();
    await t.db.updateTable("feeds").set({ board_id: null }).where("subject_kind", "=", "meeting").where("subject_id", "=", meeting.id).execute();
    await migrations["2026-11-29T1400_feeds_of_boards_backfilled"]!.up(t.db as never);
    const feed = await t.db.selectFrom("feeds").select("board_id").where("subject_kind", "=", "meeting").where("subject_id", "=", meeting.id).executeTakeFirstOrThrow();
    expect(feed.board_id).toBe(meeting.board_id);
  });
});
