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
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Worker } from "node:worker_threads";
import { sql } from "kysely";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { startSession } from "../../app/modules/auth/session.server";
import type { ClientToServerEvents, ServerToClientEvents } from "../../realtime/events";
import type { FeedEventView } from "../../app/modules/feeds/types";
import { startMoot } from "../../server";
import { percentile, printTable, withBenchDatabase } from "./support";

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const SIZES = (process.env.BENCH_FANOUT ?? "1000,5000").split(",").map(Number);
const ROUNDS = 3;
const VOTERS = 200;
const VOTES_EACH = 5;
const MISSED = 1000;
const now = () => performance.timeOrigin + performance.now();

class ClientWorker {
  private worker = new Worker(new URL("./feeds-clients.mjs", import.meta.url));
  private ask<T>(message: object, reply: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const listener = (m: { type: string; message?: string } & T) => {
        if (m.type === "error") reject(new Error(m.message));
        else if (m.type === reply) resolve(m);
        else return;
        this.worker.off("message", listener);
      };
      this.worker.on("message", listener);
      this.worker.postMessage(message);
    });
  }
  connect(url: string, n: number, joinEvent: string, joinPayload: unknown) {
    return this.ask<{ connected: number }>({ type: "connect", url, n, joinEvent, joinPayload }, "ready");
  }
  collect(marker: string, expected: number) {
    return this.ask<{ times: number[] }>({ type: "collect", marker, expected, timeoutMs: 15_000 }, "times");
  }
  votes(url: string, cookies: string[], pollId: number, plan: number[][]) {
    return this.ask<{ ms: number; failed: number }>({ type: "votes", url, cookies, pollId, plan }, "voted");
  }
  close() {
    return this.ask({ type: "close" }, "closed");
  }
  terminate() {
    return this.worker.terminate();
  }
}

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

await withBenchDatabase(async ({ db, url }) => {
  const started = Date.now();
  const moot = await startMoot({ databaseUrl: url, port: 0, remix: "none", poolMax: 20 });
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

  for (const [i, n] of SIZES.entries()) {
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
  printTable(`Fan-out of one comment (${ROUNDS} comments per row, latency from emit to each client's receipt)`, fanRows);

  // ---- 2. vote ingest -------------------------------------------------------------------------
  const officer = await signedInClient(moot.url, await cookieOf("officer@moot.example"));
  const openPoll = async (question: string) => {
    const reply = await officer.timeout(10_000).emitWithAck("poll:open", { feedId: feed.id, question, options: ["One", "Two", "Three", "Four"], multiple: false });
    if (!reply.ok) throw new Error(reply.error);
    return db.selectFrom("poll_options").select(["id", "poll_id"]).where("poll_id", "=", reply.pollId).orderBy("position").execute();
  };
  const socketPoll = await openPoll("Socket ingest");
  const hash = (await db.selectFrom("users").select("password_hash").executeTakeFirstOrThrow()).password_hash;
  const voters = await db
    .insertInto("users")
    .values(Array.from({ length: VOTERS }, (_, i) => ({ email: `voter-${i}@bench.example`, display_name: `Voter ${i}`, password_hash: hash })))
    .returning("id")
    .execute();
  const cookies = await Promise.all(voters.map(async (v) => (await startSession(db, v.id, { secure: false })).split(";")[0]!));
  const plan = voters.map((_, i) => Array.from({ length: VOTES_EACH }, (_, k) => socketPoll[(i + k) % socketPoll.length]!.id));
  const voteClients = new ClientWorker();
  const voted = await voteClients.votes(moot.url.replace("localhost", "127.0.0.1"), cookies, socketPoll[0]!.poll_id, plan);
  await voteClients.close();
  await voteClients.terminate();
  const failed = voted.failed;
  const socketSeconds = voted.ms / 1000;

  const totalVotes = VOTERS * VOTES_EACH;

  const rawPoll = await openPoll("Raw ingest");
  const rawStart = performance.now();
  await Promise.all(
    voters.map(async (v, i) => {
      for (const [k] of plan[i]!.entries()) {
        const optionId = rawPoll[(i + k) % rawPoll.length]!.id;
        await sql`INSERT INTO poll_votes (poll_id, option_id, user_id) VALUES (${rawPoll[0]!.poll_id}, ${optionId}, ${v.id})
                  ON CONFLICT (poll_id, user_id, option_id) DO UPDATE SET at = now()`.execute(db);
      }
    }),
  );
  const rawSeconds = (performance.now() - rawStart) / 1000;
  const socketRate = totalVotes / socketSeconds;
  const rawRate = totalVotes / rawSeconds;
  printTable(`Vote ingest (${VOTERS} people × ${VOTES_EACH} votes, all at once)`, [
    { path: "Moot socket (auth, rate limit, validate, commit, coalesced tally)", votes: totalVotes, failed, seconds: socketSeconds.toFixed(2), "votes/s": socketRate.toFixed(0), "÷ raw": (socketRate / rawRate).toFixed(2) },
    { path: "raw pg upserts (pool of 20)", votes: totalVotes, failed: 0, seconds: rawSeconds.toFixed(2), "votes/s": rawRate.toFixed(0), "÷ raw": "1.00" },
  ]);
  officer.close();

  // ---- 3. reconnect catch-up ----------------------------------------------------------------
  const author = users.find((u) => u.email === "resident@moot.example")!.id;
  const before = await db.selectFrom("feed_events").select((eb) => eb.fn.max("id").as("id")).where("feed_id", "=", feed.id).executeTakeFirstOrThrow();
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

  await moot.close();
  console.log(`\nfeeds bench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
});
