/**
 * The write path: what a command commits is what watchers see. A command whose transaction
 * commits a change watchers must see (here: a consultation's discussion paused because its close
 * time passed) must have that change broadcast, even when the command then answers a failure.
 * Runs the real route actions against a real server and real socket clients.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { action as manageAction } from "../../app/routes/officer.consultations.$id._index";
import { action as resultsAction } from "../../app/routes/officer.consultations.$id.results";
import { getOrCreateFeed } from "../../app/modules/feeds/feeds.server";
import type { FeedEventView } from "../../app/modules/feeds/types";
import { useMoot } from "./support/one-moot";
import { actorFor } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { clientAs, collect, pause, type FeedSocket } from "./support/feed-clients";

const t = useTestDatabase({ seeded: true });
let consultationId: number;
const open: FeedSocket[] = [];

const server = useMoot(t);

beforeAll(async () => {
  consultationId = (await t.db.selectFrom("consultations").select("id").where("status", "=", "open").orderBy("id").executeTakeFirstOrThrow()).id;
});
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

/** An open consultation whose close time has passed without the clock recording it, with a watched discussion. */
async function overdueConsultation() {
  await t.db.updateTable("consultations").set({ status: "open" }).where("id", "=", consultationId).execute();
  const c = await t.db.selectFrom("consultations").select(["id", "title"]).where("id", "=", consultationId).executeTakeFirstOrThrow();
  const feed = await getOrCreateFeed(t.db, { kind: "consultation", id: c.id, title: `${c.title}: discussion`, localityId: null });
  await t.db.updateTable("feeds").set({ paused: false }).where("id", "=", feed.id).execute();
  await t.db.updateTable("consultations").set({ closes_at: new Date(Date.now() - 60_000) }).where("id", "=", c.id).execute();
  const watcher = await clientAs(server.moot.url, t.db, null);
  open.push(watcher);
  const seen = collect(watcher, "feed:event");
  expect((await watcher.timeout(5000).emitWithAck("feed:join", { feedId: feed.id })).ok).toBe(true);
  return { id: c.id, feedId: feed.id, seen };
}

async function officerContext() {
  return {
    db: t.db,
    bus: server.moot.bus,
    actor: await actorFor(t.db, "officer@moot.example"),
    sessionId: null,
    secure: false,
    clientAddress: "127.0.0.1",
    nonce: "",
  } as never;
}

const post = (path: string, fields: Record<string, string>) =>
  new Request(`http://localhost${path}`, { method: "POST", body: new URLSearchParams(fields), headers: { "content-type": "application/x-www-form-urlencoded" } });

/** Whatever the answer, the feed's stored state and what its watcher was told agree. */
async function expectWatcherToldOfPause(c: { feedId: number; seen: FeedEventView[] }) {
  await pause(800);
  const stored = await t.db.selectFrom("feeds").select("paused").where("id", "=", c.feedId).executeTakeFirstOrThrow();
  const told = c.seen.some((e) => e.kind === "feed.paused");
  expect({ paused: stored.paused, told }).toEqual({ paused: stored.paused, told: stored.paused });
}

describe("a failed command never commits a change its watchers do not hear about", () => {
  it("changing a consultation's status: an illegal move after the close time", async () => {
    const c = await overdueConsultation();
    const response = await manageAction({ request: post(`/officer/consultations/${c.id}`, { move: "open_now" }), context: await officerContext(), params: { id: String(c.id) } });
    expect((response as { init?: { status?: number } }).init?.status ?? 200).toBeGreaterThanOrEqual(400);
    await expectWatcherToldOfPause(c);
  });

  it("publishing results after the close time: the close it records first is broadcast", async () => {
    const c = await overdueConsultation();
    const response = await resultsAction({
      request: post(`/officer/consultations/${c.id}/results`, { resultsSummary: "We heard you", decision: "We will build it", decidedBy: "The cabinet" }),
      context: await officerContext(),
      params: { id: String(c.id) },
    }).catch((e: unknown) => e);
    expect(response).toBeDefined();
    await expectWatcherToldOfPause(c);
  });

  it("closing now after the close time passed: refused (already closed), but the close it recorded is broadcast", async () => {
    const c = await overdueConsultation();
    const response = await manageAction({ request: post(`/officer/consultations/${c.id}`, { move: "close_now" }), context: await officerContext(), params: { id: String(c.id) } });
    expect(response).toBeDefined();
    await expectWatcherToldOfPause(c);
  });
});
