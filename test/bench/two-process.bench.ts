/**
 * Two Moot servers on one database (as two Node processes behind a load balancer would be: each
 * its own HTTP server, socket server, pool and PostgreSQL Socket.IO adapter; here started with
 * `startMoot` twice in this process). N clients, half connected to A and half to B, each following
 * a locality's comment feed and a live meeting. Broadcasts start on either side, alternating:
 *  - a comment posted through a signed-in socket on A (`comment:post`: validated, committed,
 *    broadcast), and
 *  - a named vote recorded on B (the console's module command, settled on B's effect bus).
 * Every client on both must get every event (0 lost); latency p50/p99 from the start of the
 * post or vote to each client's receipt, per origin and per receiving server (the same server's
 * clients are reached directly, the other's through a NOTIFY).
 * The clients live in two child processes (test/bench/feeds-clients.mjs).
 *
 *   BENCH_CLIENTS=2000 BENCH_ROUNDS=10 npm run bench -- two-process
 */
import { io as connect, type Socket } from "socket.io-client";
import { settle } from "../../app/lib/effects.server";
import { startSession } from "../../app/modules/auth/session.server";
import * as meetings from "../../app/modules/meetings/meetings.server";
import type { ClientToServerEvents, ServerToClientEvents } from "../../app/lib/socket-events";
import { startMoot } from "../../server";
import { ClientWorker } from "./clients";
import { loadAverage, meetingInVote, percentile, printTable, withBenchDatabase } from "./support";

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const now = () => performance.timeOrigin + performance.now();

await withBenchDatabase(async ({ db, url }) => {
  const started = Date.now();
  const limits = { perAddress: 1_000_000, visitorsPerAddress: 1_000_000 };
  const a = await startMoot({ databaseUrl: url, port: 0, remix: "none", socketLimits: limits });
  const b = await startMoot({ databaseUrl: url, port: 0, remix: "none", socketLimits: limits });
  await new Promise((r) => setTimeout(r, 500)); // the adapters' first heartbeats

  const feed = await db.selectFrom("feeds").select("id").where("subject_kind", "=", "locality").orderBy("id").executeTakeFirstOrThrow();
  const { meetingId, motionId, members, chair } = await meetingInVote(db, b.bus);
  const joins = [
    { event: "feed:join", payload: { feedId: feed.id } },
    { event: "meeting:join", payload: { meetingId } },
  ];
  const onA = new ClientWorker();
  const onB = new ClientWorker();
  const half = Math.floor(CLIENTS / 2);
  const [readyA, readyB] = await Promise.all([
    onA.connectJoining(a.url.replace("localhost", "127.0.0.1"), half, joins),
    onB.connectJoining(b.url.replace("localhost", "127.0.0.1"), CLIENTS - half, joins),
  ]);

  // Posters on A: signed-in residents (several, so no one meets the per-person comment limit).
  const emails = ["resident@moot.example", "member@moot.example", "group@moot.example", "analyst@moot.example"];
  const posters: Client[] = [];
  for (const email of emails) {
    const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const cookie = (await startSession(db, user.id, { secure: false })).split(";")[0]!;
    const socket: Client = connect(a.url, { transports: ["websocket"], extraHeaders: { cookie }, reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    posters.push(socket);
  }
  await new Promise((r) => setTimeout(r, 1000));

  const load = loadAverage();
  const lat = { "comment posted on A": { A: [] as number[], B: [] as number[] }, "vote recorded on B": { A: [] as number[], B: [] as number[] } };
  const expected = { "comment posted on A": 0, "vote recorded on B": 0 };
  const gather = async (origin: keyof typeof lat, marker: string, t0: number) => {
    const [gotA, gotB] = await Promise.all([onA.collect(marker, readyA.connected, 20_000), onB.collect(marker, readyB.connected, 20_000)]);
    lat[origin].A.push(...gotA.times.map((t) => t - t0));
    lat[origin].B.push(...gotB.times.map((t) => t - t0));
    expected[origin] += readyA.connected + readyB.connected;
  };
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      const body = `Two processes, round ${round}: ${"lorem ipsum ".repeat(10)}`.trim();
      const t0 = now();
      const reply = await posters[(round / 2) % posters.length]!.timeout(10_000).emitWithAck("comment:post", { feedId: feed.id, body });
      if (!reply.ok) throw new Error(reply.error);
      await gather("comment posted on A", body, t0);
    } else {
      const member = members[round % members.length]!;
      const t0 = now();
      const result = await settle(b.bus, meetings.castVote(db, chair, { meetingId, motionId, memberId: member.id, choice: round % 4 === 1 ? "for" : "against" }));
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      await gather("vote recorded on B", `meeting-event-${result.value.events[0]!.id}`, t0);
    }
  }
  for (const p of posters) p.close();
  await Promise.all([onA.close(), onB.close()]);
  await Promise.all([onA.terminate(), onB.terminate()]);

  const rows: Record<string, string | number>[] = [];
  for (const origin of Object.keys(lat) as (keyof typeof lat)[]) {
    for (const side of ["A", "B"] as const) {
      const sorted = [...lat[origin][side]].sort((x, y) => x - y);
      const clients = side === "A" ? readyA.connected : readyB.connected;
      const sent = origin === "comment posted on A" ? Math.ceil(ROUNDS / 2) : Math.floor(ROUNDS / 2);
      const local = (origin === "comment posted on A") === (side === "A");
      rows.push({
        origin,
        "clients on": `${side} (${clients}, ${local ? "same server" : "other server, via NOTIFY"})`,
        "p50 ms": percentile(sorted, 50).toFixed(1),
        "p99 ms": percentile(sorted, 99).toFixed(1),
        "delivered/expected": `${sorted.length}/${clients * sent}`,
        lost: clients * sent - sorted.length,
      });
    }
  }
  const lost = rows.reduce((sum, r) => sum + Number(r.lost), 0);
  printTable(`Two servers on one database: ${readyA.connected + readyB.connected} clients (each following a feed and a meeting), ${ROUNDS} broadcasts alternating origin (load avg ${load})`, rows);
  console.log(`every client got every event: ${lost === 0 ? "yes" : `NO (${lost} lost)`}`);
  await Promise.all([a.close(), b.close()]);
  console.log(`\ntwo-process bench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (lost) process.exitCode = 1;
});
