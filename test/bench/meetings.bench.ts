/**
 * A public meeting page followed live by N socket clients (1,000 and 5,000): the chair records a
 * named vote (the console's module command, settled on the effect bus like the route action) and
 * the event — carrying the page's new live view — reaches every viewer. Beside it, a bare
 * Socket.IO server broadcasts the same payload to the same number of clients in the same run.
 *
 * Fair and steady on a shared machine: both sets of N clients stay connected together, and the
 * rounds INTERLEAVE (Moot then bare, bare then Moot, …; BENCH_ROUNDS each, default 10), so load
 * from elsewhere falls on both. Reported per size: p50/p99 of every viewer's receipt, the ratios
 * to bare, and where Moot's time goes (phase medians: the command's transaction including the live
 * view, the local emit, first and last receipt). Also counted: HTTP requests the server received
 * while events were delivered (a page that reloaded on events would make N of them), and events
 * that arrived without the live view.
 * The clients live in child processes (test/bench/feeds-clients.mjs) so client and server each
 * get a core.
 *
 *   BENCH_VIEWERS=1000,5000 BENCH_ROUNDS=10 npm run bench -- meetings
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { settle } from "../../app/lib/effects.server";
import * as meetings from "../../app/modules/meetings/meetings.server";
import { publicLive } from "../../app/modules/meetings/read.server";
import type { PublicMeetingEvent } from "../../app/modules/meetings/socket-events";
import { startMoot } from "../../server";
import { ClientWorker } from "./clients";
import { countingQueries, loadAverage, median, meetingInVote, percentile, printTable, withBenchDatabase } from "./support";

const SIZES = (process.env.BENCH_VIEWERS ?? "1000,5000").split(",").map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const now = () => performance.timeOrigin + performance.now();
const ms = (x: number) => x.toFixed(1);

await withBenchDatabase(async ({ db, url }) => {
  const started = Date.now();
  // Every simulated viewer connects from 127.0.0.1 here; in life they come from many addresses.
  const moot = await startMoot({ databaseUrl: url, port: 0, remix: "none", socketLimits: { perAddress: 1_000_000, visitorsPerAddress: 1_000_000 } });
  let httpRequests = 0;
  moot.httpServer.on("request", (req) => {
    if (!req.url?.startsWith("/socket.io/")) httpRequests++;
  });
  const { meetingId, motionId, members, chair } = await meetingInVote(db, moot.bus);
  const counting = countingQueries(db);

  // The live view alone (what each console action reads before commit), and a NOTIFY round trip
  // of the same payload (what local viewers waited for before `publish` delivered locally first).
  const liveSamples: number[] = [];
  let liveQueries = 0;
  for (let i = 0; i < 20; i++) {
    const before = counting.count.queries;
    const t = performance.now();
    await counting.db.transaction().execute((trx) => publicLive(trx, meetingId, 0));
    liveSamples.push(performance.now() - t);
    liveQueries = counting.count.queries - before;
  }

  const bare = new Server(createServer(), { serveClient: false });
  let bareHeard = 0;
  let bareEmitted = 0;
  bare.on("connection", (s) => {
    s.on("join", (_p: unknown, ack: (r: unknown) => void) => {
      void s.join("room");
      ack({ ok: true });
    });
    s.on("post", (payload: PublicMeetingEvent, ack: (r: unknown) => void) => {
      bareHeard = now();
      bare.to("room").emit("meeting:event", payload);
      bareEmitted = now();
      ack({ ok: true });
    });
  });
  await new Promise<void>((r) => bare.httpServer.listen(0, "127.0.0.1", r));
  const bareUrl = `http://127.0.0.1:${(bare.httpServer.address() as AddressInfo).port}`;

  const rows: Record<string, string | number>[] = [];
  const phases: Record<string, string | number>[] = [];
  let sample: PublicMeetingEvent | null = null;
  let payloadBytes = 0;
  let voteNo = 0;
  const notifySamples: number[] = [];
  for (const n of SIZES) {
    const load = loadAverage();
    // Both audiences connected at once, so their rounds can interleave.
    const viewers = new ClientWorker();
    const bareViewers = new ClientWorker();
    // (One audience after the other: 2 × 5,000 handshakes at once time out on a loaded machine.)
    const ready = await viewers.connect(moot.url.replace("localhost", "127.0.0.1"), n, "meeting:join", { meetingId });
    const bareReady = await bareViewers.connect(bareUrl, n, "join", {});
    const poster: Socket = connect(bareUrl, { transports: ["websocket"], reconnection: false, forceNew: true });
    await new Promise((r) => poster.once("connect", () => r(null)));
    await new Promise((r) => setTimeout(r, 1000));

    const m = { all: [] as number[], command: [] as number[], queries: 0, emit: [] as number[], first: [] as number[], last: [] as number[], requests: 0, withoutLive: 0 };
    const b = { all: [] as number[], heard: [] as number[], emit: [] as number[], first: [] as number[], last: [] as number[] };

    const mootRound = async (round: number) => {
      const member = members[voteNo++ % members.length]!;
      const before = httpRequests;
      const queriesBefore = counting.count.queries;
      const t0 = now();
      const pending = meetings.castVote(counting.db, chair, { meetingId, motionId, memberId: member.id, choice: round % 2 ? "against" : "for" });
      const committed = await pending;
      const t1 = now();
      await settle(moot.bus, committed); // local delivery is synchronous: t2 - t1 is the emit
      const t2 = now();
      m.queries = counting.count.queries - queriesBefore;
      if (!committed.ok) throw new Error(JSON.stringify(committed.errors));
      const event = committed.value.events[0]!;
      sample ??= event;
      payloadBytes = JSON.stringify(event).length;
      const got = await viewers.collect(`meeting-event-${event.id}`, ready.connected, 20_000);
      const times = got.times.map((t) => t - t0).sort((x, y) => x - y);
      m.all.push(...times);
      m.command.push(t1 - t0);
      m.emit.push(t2 - t1);
      m.first.push(times[0] ?? NaN);
      m.last.push(times.at(-1) ?? NaN);
      m.requests += httpRequests - before;
      m.withoutLive = got.withoutLive;
      const tn = performance.now();
      await sql`SELECT pg_notify('moot_bench', ${JSON.stringify(event)})`.execute(db);
      notifySamples.push(performance.now() - tn);
    };
    const bareRound = async () => {
      const id = 1_000_000 + voteNo++;
      const t0 = now();
      await poster.timeout(10_000).emitWithAck("post", { ...sample!, id });
      const got = await bareViewers.collect(`meeting-event-${id}`, bareReady.connected, 20_000);
      const times = got.times.map((t) => t - t0).sort((x, y) => x - y);
      b.all.push(...times);
      b.heard.push(bareHeard - t0);
      b.emit.push(bareEmitted - bareHeard);
      b.first.push(times[0] ?? NaN);
      b.last.push(times.at(-1) ?? NaN);
    };
    await mootRound(-1); // the first vote also gives the bare side its payload; not counted
    m.all.length = m.command.length = m.emit.length = m.first.length = m.last.length = 0;
    m.requests = 0;
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2) {
        await bareRound();
        await mootRound(round);
      } else {
        await mootRound(round);
        await bareRound();
      }
    }
    poster.close();
    await Promise.all([viewers.close(), bareViewers.close()]);
    await Promise.all([viewers.terminate(), bareViewers.terminate()]);

    const ms_ = [...m.all].sort((x, y) => x - y);
    const bs = [...b.all].sort((x, y) => x - y);
    const [m50, m99, b50, b99] = [percentile(ms_, 50), percentile(ms_, 99), percentile(bs, 50), percentile(bs, 99)];
    rows.push({
      viewers: n,
      server: "Moot (vote → commit → live view → broadcast)",
      "p50 ms": ms(m50),
      "p99 ms": ms(m99),
      "p50 ÷ bare": (m50 / b50).toFixed(2),
      "p99 ÷ bare": (m99 / b99).toFixed(2),
      "delivered/expected": `${m.all.length}/${ready.connected * ROUNDS}`,
      lost: ready.connected * ROUNDS - m.all.length,
      "HTTP requests during events": m.requests,
      "events without live view": m.withoutLive,
      "load avg": load,
    });
    rows.push({
      viewers: n,
      server: "bare Socket.IO broadcast, same payload",
      "p50 ms": ms(b50),
      "p99 ms": ms(b99),
      "p50 ÷ bare": "1.00",
      "p99 ÷ bare": "1.00",
      "delivered/expected": `${b.all.length}/${bareReady.connected * ROUNDS}`,
      lost: bareReady.connected * ROUNDS - b.all.length,
      "HTTP requests during events": "-",
      "events without live view": "-",
      "load avg": load,
    });
    phases.push({
      viewers: n,
      server: "Moot",
      "to the server / command (tx + live view) ms": `${ms(median(m.command))} (${m.queries} queries)`,
      "emit to N sockets ms": ms(median(m.emit)),
      "first receipt ms": ms(median(m.first)),
      "last receipt ms": ms(median(m.last)),
    });
    phases.push({
      viewers: n,
      server: "bare",
      "to the server / command (tx + live view) ms": `${ms(median(b.heard))} (client → server hop)`,
      "emit to N sockets ms": ms(median(b.emit)),
      "first receipt ms": ms(median(b.first)),
      "last receipt ms": ms(median(b.last)),
    });
  }
  bare.close();
  printTable(`A recorded vote reaching every viewer of a public meeting page (${ROUNDS} votes per row, interleaved with ${ROUNDS} bare broadcasts; payload ${payloadBytes} bytes)`, rows);
  printTable("Where the time goes (medians per round, ms from the vote's start / the bare client's emit)", phases);
  console.log(
    `live view alone: ${ms(median(liveSamples))} ms median in its own transaction (${liveQueries} queries); ` +
      `a NOTIFY of the event's payload: ${ms(median(notifySamples))} ms median (other processes' hop; this process's viewers no longer wait for it)`,
  );
  await moot.close();
  console.log(`\nmeetings bench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
});
