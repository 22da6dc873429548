/**
 * Live feeds, measured on loopback in one run (bounded to a few minutes):
 *  1. fan-out: one comment to N websocket clients through Moot (authenticated post, validated,
 *     committed, broadcast through the PostgreSQL adapter) beside a bare Socket.IO server
 *     broadcasting the same payload; latency from the emit to each client's receipt;
 *  2. vote ingest: votes/s through the authenticated socket path (rate-limited, validated,
 *     committed, tally broadcast coalesced) beside raw pg upserts of the same rows;
 *  3. reconnect catch-up: time to replay 1,000 missed events.
 * The clients live in a worker thread (test/bench/feeds-clients.mjs) so client and server each
 * get a core.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { startSession } from "../../app/modules/auth/session.server";
import { createDatabase } from "../../db/client";
import { voteBatches } from "../../app/modules/feeds/feeds.server";
import type { ClientToServerEvents, ServerToClientEvents } from "../../app/lib/socket-events";
import type { FeedEventView } from "../../app/modules/feeds/types";
import { startMoot } from "../../server";
import { ClientWorker } from "./clients";
import { percentile, printTable, withBenchDatabase } from "./support";

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
/** Fan-out sizes (default 1,000, 5,000 and 10,000 clients on the one server process). */
const SIZES = (process.env.BENCH_FANOUT ?? "1000,5000,10000").split(",").map(Number);
const ROUNDS = 3;
/** 400 × 8 = 3,200 votes a round; 3 rounds stay within the 30-a-minute vote limit per person. */
const VOTERS = 400;
const VOTES_EACH = 8;
const VOTE_ROUNDS = Number(process.env.BENCH_VOTE_ROUNDS ?? 3);
const POOL = 20;
/** BENCH_PARTS=votes runs only the vote ingest (default: fanout,votes,catchup). */
const PARTS = new Set((process.env.BENCH_PARTS ?? "fanout,votes,catchup").split(","));
const MISSED = 1000;
const now = () => performance.timeOrigin + performance.now();

function summarise(label: string, n: number, latencies: number[], expected: number) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { label, n, p50: percentile(sorted, 50), p99: percentile(sorted, 99), delivered: latencies.length, expected };
}

async function signedInClient(url: string, cookie: string): Promise<Client> {
  const socket: Client = connect(url, { transports: ["websocket"], extraHeaders: { cookie }, reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

// Each client is a socket (a file descriptor) in the server process and another in the clients'
// process (test/bench/clients.ts forks one), so each needs N plus some headroom under `ulimit -n`.
const openFiles = Number(/Max open files\s+(\d+)/.exec(readFileSync("/proc/self/limits", "utf8"))?.[1] ?? Infinity);
if (Math.max(...SIZES) + 1000 > openFiles) {
  console.error(`BENCH_FANOUT up to ${Math.max(...SIZES)} needs \`ulimit -n\` of at least ${Math.max(...SIZES) + 1000} (it is ${openFiles}); raise it or choose smaller sizes`);
  process.exit(1);
}

await withBenchDatabase(async ({ db, url }) => {
  const started = Date.now();
  console.log(`open-file limit ${openFiles}; fan-out sizes ${SIZES.join(", ")}`);
  // Every simulated person connects from 127.0.0.1 here; in life they come from many addresses,
  // so the per-address socket ceilings are lifted (the per-person ones still apply).
  const moot = await startMoot({
    databaseUrl: url,
    port: 0,
    remix: "none",
    poolMax: POOL,
    socketLimits: { perAddress: 1_000_000, visitorsPerAddress: 1_000_000 },
  });
  const feed = await db.selectFrom("feeds").select("id").where("subject_kind", "=", "locality").orderBy("id").executeTakeFirstOrThrow();
  const users = await db.selectFrom("users").select(["id", "email"]).execute();
  const cookieOf = async (email: string) => (await startSession(db, users.find((u) => u.email === email)!.id, { secure: false })).split(";")[0]!;

  // ---- 1. fan-out ----------------------------------------------------------------------------
  const fanout: ReturnType<typeof summarise>[] = [];
  const posters = ["resident@moot.example", "member@moot.example", "group@moot.example", "analyst@moot.example"];
  const bare = new Server(createServer(), { serveClient: false });
  const bareHttp = bare.httpServer;
  bare.on("connection", (s) => {
    s.on("join", (_p: unknown, ack: (r: unknown) => void) => {
      void s.join("room");
      ack({ ok: true });
    });
    s.on("post", (payload: FeedEventView, ack: (r: unknown) => void) => {
      bare.to("room").emit("feed:event", payload);
      ack({ ok: true });
    });
  });
  await new Promise<void>((r) => bareHttp.listen(0, "127.0.0.1", r));
  const bareUrl = `http://127.0.0.1:${(bareHttp.address() as AddressInfo).port}`;
  let samplePayload: FeedEventView | null = null;

  for (const [i, n] of (PARTS.has("fanout") ? SIZES : []).entries()) {
    // Moot
    const clients = new ClientWorker();
    const ready = await clients.connect(moot.url.replace("localhost", "127.0.0.1"), n, "feed:join", { feedId: feed.id });
    const poster = await signedInClient(moot.url, await cookieOf(posters[i % posters.length]!));
    await poster.timeout(10_000).emitWithAck("feed:join", { feedId: feed.id });
    await new Promise((r) => setTimeout(r, 1500)); // let the viewer recounts settle
    const latencies: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const marker = `bench ${n} round ${round} ${"lorem ipsum ".repeat(12)}`;
      const t0 = now();
      const reply = await poster.timeout(10_000).emitWithAck("comment:post", { feedId: feed.id, body: marker });
      if (!reply.ok) throw new Error(reply.error);
      const { times } = await clients.collect(marker.trim(), ready.connected);
      latencies.push(...times.map((t) => t - t0));
      samplePayload ??= { id: reply.eventId, feedId: feed.id, kind: "comment.posted", comment: reply.comment };
    }
    fanout.push(summarise("Moot (post → commit → broadcast)", n, latencies, ready.connected * ROUNDS));
    poster.close();
    await clients.close();
    await clients.terminate();

    // Bare Socket.IO, same payload
    const bareClients = new ClientWorker();
    const bareReady = await bareClients.connect(bareUrl, n, "join", {});
    const barePoster: Socket = connect(bareUrl, { transports: ["websocket"], reconnection: false, forceNew: true });
    await new Promise((r) => barePoster.once("connect", () => r(null)));
    const bareLatencies: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const body = `bare ${n} round ${round} ${"lorem ipsum ".repeat(12)}`.trim();
      const payload = { ...samplePayload!, comment: { ...samplePayload!.comment!, body } };
      const t0 = now();
      await barePoster.timeout(10_000).emitWithAck("post", payload);
      const { times } = await bareClients.collect(body, bareReady.connected);
      bareLatencies.push(...times.map((t) => t - t0));
    }
    fanout.push(summarise("bare Socket.IO broadcast", n, bareLatencies, bareReady.connected * ROUNDS));
    barePoster.close();
    await bareClients.close();
    await bareClients.terminate();
  }
  bare.close();
  const fanRows = fanout.map((r) => {
    const baseline = fanout.find((b) => b.n === r.n && b.label.startsWith("bare"))!;
    return {
      "clients (websocket)": r.n,
      server: r.label,
      "p50 ms": r.p50.toFixed(1),
      "p99 ms": r.p99.toFixed(1),
      "p99 ÷ bare": (r.p99 / baseline.p99).toFixed(2),
      "delivered/expected": `${r.delivered}/${r.expected}`,
      lost: r.expected - r.delivered,
    };
  });
  if (fanRows.length) printTable(`Fan-out of one comment (${ROUNDS} comments per row, latency from emit to each client's receipt)`, fanRows);

  if (PARTS.has("votes")) {
    // ---- 2. vote ingest -------------------------------------------------------------------------
    // Fair by construction: both sides write the same rows (each voter changes their single-choice
    // vote VOTES_EACH times, so the other option's row is deleted and the chosen one upserted),
    // with the same concurrency (VOTERS chains, each waiting for its previous vote), the same pool
    // size (POOL on both), a fresh poll each round, and the two sides alternate VOTE_ROUNDS times
    // so that other load on the machine falls on both; the medians are compared.
    const officer = await signedInClient(moot.url, await cookieOf("officer@moot.example"));
    const openPoll = async (question: string) => {
      const reply = await officer
        .timeout(10_000)
        .emitWithAck("poll:open", { feedId: feed.id, question, options: ["One", "Two", "Three", "Four"], multiple: false });
      if (!reply.ok) throw new Error(reply.error);
      return db.selectFrom("poll_options").select(["id", "poll_id"]).where("poll_id", "=", reply.pollId).orderBy("position").execute();
    };
    const hash = (await db.selectFrom("users").select("password_hash").executeTakeFirstOrThrow()).password_hash;
    const voters = await db
      .insertInto("users")
      .values(Array.from({ length: VOTERS }, (_, i) => ({ email: `voter-${i}@bench.example`, display_name: `Voter ${i}`, password_hash: hash })))
      .returning("id")
      .execute();
    const cookies = await Promise.all(voters.map(async (v) => (await startSession(db, v.id, { secure: false })).split(";")[0]!));
    /** plan[i][k]: the option position voter i chooses at their k-th vote (the same on both sides). */
    const plan = voters.map((_, i) => Array.from({ length: VOTES_EACH }, (_, k) => (i + k) % 4));
    const totalVotes = VOTERS * VOTES_EACH;
    const load = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

    const rowsLeft = async (pollId: number) =>
      Number((await db.selectFrom("poll_votes").select((eb) => eb.fn.countAll<number>().as("n")).where("poll_id", "=", pollId).executeTakeFirstOrThrow()).n);
    // Raw: the least SQL that makes the same change, one statement per vote, VOTERS concurrent chains.
    const raw = async (upsertOnly: boolean) => {
      const poll = await openPoll(upsertOnly ? "Raw upserts" : "Raw vote changes");
      const pollId = poll[0]!.poll_id;
      const rawDb = createDatabase(url, { max: POOL });
      const t0 = performance.now();
      await Promise.all(
        voters.map(async (v, i) => {
          for (const position of plan[i]!) {
            const optionId = poll[position]!.id;
            if (upsertOnly)
              await sql`INSERT INTO poll_votes (poll_id, option_id, user_id) VALUES (${pollId}, ${optionId}, ${v.id})
                      ON CONFLICT (poll_id, user_id, option_id) DO UPDATE SET at = now()`.execute(rawDb.db);
            else
              await sql`WITH removed AS (DELETE FROM poll_votes WHERE poll_id = ${pollId} AND user_id = ${v.id} AND option_id <> ${optionId})
                      INSERT INTO poll_votes (poll_id, option_id, user_id) VALUES (${pollId}, ${optionId}, ${v.id})
                      ON CONFLICT (poll_id, user_id, option_id) DO UPDATE SET at = now()`.execute(rawDb.db);
          }
        })
      );
      const seconds = (performance.now() - t0) / 1000;
      await rawDb.close();
      const rows = await rowsLeft(pollId);
      return { seconds, rows: rows, failed: 0 };
    };
    // Through Moot: every voter signed in on its own socket and watching the feed (so tallies are
    // really broadcast to VOTERS clients); Moot's pool is POOL too.
    const tallyCounts: string[] = [];
    const socket = async () => {
      const poll = await openPoll("Socket ingest");
      const pollId = poll[0]!.poll_id;
      const clients = new ClientWorker();
      const voted = await clients.votes(
        moot.url.replace("localhost", "127.0.0.1"),
        cookies,
        feed.id,
        pollId,
        plan.map((p) => p.map((position) => poll[position]!.id))
      );
      await clients.close();
      await clients.terminate();
      const rows = await rowsLeft(pollId);
      tallyCounts.push(`${(voted.tallies / VOTERS).toFixed(1)} in ${(voted.ms / 1000).toFixed(1)} s`);
      return { seconds: voted.ms / 1000, rows: rows, failed: voted.failed };
    };
    type Run = Awaited<ReturnType<typeof raw>> & { load: string };
    const runs: Record<"socket" | "raw" | "upsert", Run[]> = { socket: [], raw: [], upsert: [] };
    for (let round = 0; round < VOTE_ROUNDS; round++) {
      // alternate which side goes first, so neither always gets the warmer (or quieter) slot
      const order = round % 2 ? (["socket", "raw", "upsert"] as const) : (["raw", "upsert", "socket"] as const);
      for (const side of order) {
        const at = load();
        const result = side === "socket" ? await socket() : await raw(side === "upsert");
        runs[side].push({ ...result, load: at });
      }
    }
    const median = (list: Run[]) => [...list].sort((a, b) => a.seconds - b.seconds)[Math.floor(list.length / 2)]!;
    const rawRate = totalVotes / median(runs.raw).seconds;
    const row = (path: string, list: Run[]) => {
      const m = median(list);
      const rate = totalVotes / m.seconds;
      return {
        path,
        votes: totalVotes,
        failed: m.failed,
        "rows left": m.rows,
        "median s": m.seconds.toFixed(2),
        "votes/s": rate.toFixed(0),
        "÷ raw vote changes": (rate / rawRate).toFixed(2),
        "each round votes/s (load avg 1/5/15 min at its start)": list.map((r) => `${(totalVotes / r.seconds).toFixed(0)} (${r.load})`).join("; "),
      };
    };
    printTable(
      `Vote ingest (${VOTERS} people × ${VOTES_EACH} vote changes each, all at once; pool of ${POOL} on every side; median of ${VOTE_ROUNDS} alternating rounds)`,
      [
        row("Moot socket (auth, flood guard, rate limit, validate, commit, ack, coalesced tally to every voter)", runs.socket),
        row("raw pg vote changes (same rows: delete the other choice + upsert, one statement)", runs.raw),
        row("raw pg upserts only (the old baseline: leaves every choice, not the same rows)", runs.upsert),
      ]
    );
    console.log(
      `Moot wrote the socket votes in ${voteBatches.batches} statements (${(voteBatches.votes / Math.max(1, voteBatches.batches)).toFixed(
        1
      )} votes each on average; ${voteBatches.retried} retried vote by vote)`
    );
    console.log(`coalesced tallies each voter received, per round: ${tallyCounts.join("; ")} (at most one per 250 ms)`);
    console.log(`goal: Moot socket ≥ 0.50 × raw pg vote changes (${VOTE_GOAL_MET()})`);
    function VOTE_GOAL_MET() {
      return totalVotes / median(runs.socket).seconds >= 0.5 * rawRate ? "met" : "not met";
    }
    officer.close();
  }

  // ---- 3. reconnect catch-up ----------------------------------------------------------------
  if (PARTS.has("catchup")) {
    const author = users.find((u) => u.email === "resident@moot.example")!.id;
    const before = await db
      .selectFrom("feed_events")
      .select((eb) => eb.fn.max("id").as("id"))
      .where("feed_id", "=", feed.id)
      .executeTakeFirstOrThrow();
    await sql`
    WITH c AS (
      INSERT INTO comments (feed_id, author_id, body)
      SELECT ${feed.id}, ${author}, 'Missed comment ' || g FROM generate_series(1, ${MISSED}) g RETURNING id
    )
    INSERT INTO feed_events (feed_id, kind, comment_id) SELECT ${feed.id}, 'comment.posted', id FROM c ORDER BY id`.execute(db);
    const watcher: Client = connect(moot.url, { transports: ["websocket"], reconnection: false, forceNew: true });
    await new Promise((r) => watcher.once("connect", () => r(null)));
    const samples: number[] = [];
    let replayed = 0;
    for (let i = 0; i < 23; i++) {
      const t0 = performance.now();
      const reply = await watcher.timeout(10_000).emitWithAck("feed:join", { feedId: feed.id, after: Number(before.id) });
      if (i >= 3) samples.push(performance.now() - t0);
      if (reply.ok) replayed = reply.events.length;
    }
    watcher.close();
    samples.sort((a, b) => a - b);
    printTable("Reconnect catch-up (join with the last seen id; 20 runs after 3 warm-up)", [
      { missed: MISSED, replayed, "p50 ms": percentile(samples, 50).toFixed(1), "p99 ms": percentile(samples, 99).toFixed(1), goal: "< 200 ms" },
    ]);
  }

  await moot.close();
  console.log(`\nfeeds bench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
});
