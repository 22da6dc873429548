/**
 * A public meeting page followed live by N socket clients (1,000 and 5,000): the chair records a
 * named vote (the console's module command, settled on the effect bus like the route action) and
 * the event — carrying the page's new live view — reaches every viewer. Beside it, a bare
 * Socket.IO server broadcasts the same payload to the same number of clients in the same run.
 * Also counted: HTTP requests the server received while the event was delivered (a page that
 * reloaded on events would make N of them), and events that arrived without the live view.
 * The clients live in a worker thread (test/bench/feeds-clients.mjs) so client and server each
 * get a core.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { settle } from "../../app/lib/effects.server";
import { actorFor } from "../support/actors";
import * as meetings from "../../app/modules/meetings/meetings.server";
import type { PublicMeetingEvent } from "../../realtime/events/meetings";
import { startMoot } from "../../server";
import { ClientWorker } from "./clients";
import { percentile, printTable, withBenchDatabase } from "./support";

const SIZES = (process.env.BENCH_VIEWERS ?? "1000,5000").split(",").map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const now = () => performance.timeOrigin + performance.now();

function value<T>(result: { ok: true; value: T } | { ok: false; errors: Record<string, string> }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

await withBenchDatabase(async ({ db, url }) => {
  const moot = await startMoot({ databaseUrl: url, port: 0, remix: "none" });
  let httpRequests = 0;
  moot.httpServer.on("request", (req) => {
    if (!req.url?.startsWith("/socket.io/")) httpRequests++;
  });

  // A meeting in progress with a motion put to the vote, as the console leaves it.
  const officer = await actorFor(db, "officer@moot.example");
  const chair = await actorFor(db, "chair@moot.example");
  const board = await db.selectFrom("boards").select("id").where("slug", "=", "northgate-locality-board").executeTakeFirstOrThrow();
  const members = await db.selectFrom("board_members").select(["id", "name"]).where("board_id", "=", board.id).where("voting", "=", true).orderBy("id").execute();
  const { meetingId } = value(await meetings.createMeeting(db, officer, { boardId: board.id, title: "Bench meeting", startsAt: new Date(Date.now() + 40 * 86_400_000).toISOString(), venue: "Hall" }));
  value(await meetings.addAgendaItem(db, officer, { meetingId, kind: "information", title: "Library opening hours" }));
  const run = (p: ReturnType<typeof meetings.startMeeting>) => settle(moot.bus, p).then(value);
  await run(meetings.publishAgenda(db, officer, { meetingId }));
  await run(meetings.startMeeting(db, chair, { meetingId }));
  for (const m of members) await run(meetings.recordAttendance(db, chair, { meetingId, memberId: m.id, status: "present" }));
  const item = await db.selectFrom("agenda_items").select("id").where("meeting_id", "=", meetingId).executeTakeFirstOrThrow();
  await run(meetings.openItem(db, chair, { meetingId, itemId: item.id }));
  await run(meetings.proposeMotion(db, chair, { meetingId, text: "That the library opens on Sundays.", proposerId: members[0]!.id, seconderId: members[1]!.id }));
  const motion = await db.selectFrom("motions").select("id").orderBy("id", "desc").executeTakeFirstOrThrow();
  await run(meetings.callVote(db, chair, { meetingId, motionId: motion.id }));

  const bare = new Server(createServer(), { serveClient: false });
  bare.on("connection", (s) => {
    s.on("join", (_p: unknown, ack: (r: unknown) => void) => {
      void s.join("room");
      ack({ ok: true });
    });
    s.on("post", (payload: PublicMeetingEvent, ack: (r: unknown) => void) => {
      bare.to("room").emit("meeting:event", payload);
      ack({ ok: true });
    });
  });
  await new Promise<void>((r) => bare.httpServer.listen(0, "127.0.0.1", r));
  const bareUrl = `http://127.0.0.1:${(bare.httpServer.address() as AddressInfo).port}`;

  const rows: Record<string, string | number>[] = [];
  let sample: PublicMeetingEvent | null = null;
  let voteNo = 0;
  for (const n of SIZES) {
    const load = readFileSync("/proc/loadavg", "utf8").split(" ")[0];
    // Moot: N viewers follow the meeting (meeting:join, as the page does).
    const viewers = new ClientWorker();
    const ready = await viewers.connect(moot.url.replace("localhost", "127.0.0.1"), n, "meeting:join", { meetingId });
    await new Promise((r) => setTimeout(r, 1000));
    const latencies: number[] = [];
    let requests = 0;
    let withoutLive = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const member = members[voteNo++ % members.length]!;
      const before = httpRequests;
      const t0 = now();
      const result = await settle(moot.bus, meetings.castVote(db, chair, { meetingId, motionId: motion.id, memberId: member.id, choice: round % 2 ? "against" : "for" }));
      const event = value(result).events[0]!;
      sample ??= event;
      const got = await viewers.collect(`meeting-event-${event.id}`, ready.connected, 20_000);
      latencies.push(...got.times.map((t) => t - t0));
      requests += httpRequests - before;
      withoutLive = got.withoutLive;
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const moot99 = percentile(sorted, 99);
    await viewers.close();
    await viewers.terminate();

    // Bare Socket.IO: the same payload (with its live view) to the same number of clients.
    const bareViewers = new ClientWorker();
    const bareReady = await bareViewers.connect(bareUrl, n, "join", {});
    const poster: Socket = connect(bareUrl, { transports: ["websocket"], reconnection: false, forceNew: true });
    await new Promise((r) => poster.once("connect", () => r(null)));
    const bareLatencies: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const id = 1_000_000 + voteNo++;
      const t0 = now();
      await poster.timeout(10_000).emitWithAck("post", { ...sample!, id });
      const got = await bareViewers.collect(`meeting-event-${id}`, bareReady.connected, 20_000);
      bareLatencies.push(...got.times.map((t) => t - t0));
    }
    poster.close();
    await bareViewers.close();
    await bareViewers.terminate();
    const bareSorted = [...bareLatencies].sort((a, b) => a - b);
    const bare99 = percentile(bareSorted, 99);
    rows.push({
      viewers: n,
      server: "Moot (vote → commit → live view → broadcast)",
      "p50 ms": percentile(sorted, 50).toFixed(1),
      "p99 ms": moot99.toFixed(1),
      "p99 ÷ bare": (moot99 / bare99).toFixed(2),
      "delivered/expected": `${latencies.length}/${ready.connected * ROUNDS}`,
      lost: ready.connected * ROUNDS - latencies.length,
      "HTTP requests during events": requests,
      "events without live view": withoutLive,
      "load avg": load!,
    });
    rows.push({
      viewers: n,
      server: "bare Socket.IO broadcast, same payload",
      "p50 ms": percentile(bareSorted, 50).toFixed(1),
      "p99 ms": bare99.toFixed(1),
      "p99 ÷ bare": "1.00",
      "delivered/expected": `${bareLatencies.length}/${bareReady.connected * ROUNDS}`,
      lost: bareReady.connected * ROUNDS - bareLatencies.length,
      "HTTP requests during events": "-",
      "events without live view": "-",
      "load avg": load!,
    });
  }
  bare.close();
  printTable(`A recorded vote reaching every viewer of a public meeting page (${ROUNDS} votes per row; payload ${JSON.stringify(sample).length} bytes)`, rows);
  await moot.close();
});
