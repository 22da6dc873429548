// Client process for the feeds, meetings and two-process benchmarks: holds N socket.io-client
// connections (websocket only), joins them to a room, and records when each receives a broadcast.
// Kept apart from the server's process so the two use both CPU cores, and so that each has its own
// open-file limit (10,000 connections are 10,000 descriptors on each side; `ulimit -n` is 20,000
// here and cannot be raised). Started with child_process.fork (test/bench/clients.ts); it also
// still works as a worker thread.
import { parentPort as workerPort } from "node:worker_threads";
import { io } from "socket.io-client";

const parentPort = workerPort ?? {
  on: (type, listener) => process.on(type, listener),
  postMessage: (message) => process.send(message),
};

let sockets = [];
const received = new Map(); // marker -> receipt timestamps (ms since the epoch, sub-ms)
let withoutLive = 0; // meeting events that did not carry the live view (a page would have to load it)
const now = () => performance.timeOrigin + performance.now();

function record(event) {
  // A feed comment by its body; a meeting event by its id (a meeting client applies `live` from it).
  const marker = event?.comment?.body ?? event?.body ?? (event?.meetingId !== undefined ? `meeting-event-${event.id}` : undefined);
  if (event?.meetingId !== undefined && !event.live) withoutLive++;
  if (!marker) return;
  const t = now();
  let list = received.get(marker);
  if (!list) received.set(marker, (list = []));
  list.push(t);
}

async function connectAll({ url, n, joinEvent, joinPayload, joins = [{ event: joinEvent, payload: joinPayload }] }) {
  const batch = 250;
  for (let i = 0; i < n; i += batch) {
    const group = await Promise.all(
      Array.from({ length: Math.min(batch, n - i) }, () =>
        new Promise((resolve, reject) => {
          const s = io(url, { transports: ["websocket"], reconnection: false, forceNew: true, timeout: 60000 });
          s.on("feed:event", record);
          s.on("meeting:event", record);
          s.once("connect", async () => {
            try {
              for (const join of joins) {
                const reply = await s.timeout(60000).emitWithAck(join.event, join.payload);
                if (reply && reply.ok === false) return reject(new Error(reply.error));
              }
              resolve(s);
            } catch (e) {
              reject(e);
            }
          });
          s.once("connect_error", reject);
        }),
      ),
    );
    sockets.push(...group);
  }
  return sockets.length;
}

parentPort.on("message", async (msg) => {
  try {
    if (msg.type === "connect") {
      parentPort.postMessage({ type: "ready", connected: await connectAll(msg) });
    } else if (msg.type === "collect") {
      const deadline = Date.now() + msg.timeoutMs;
      while ((received.get(msg.marker)?.length ?? 0) < msg.expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 50)); // anything arriving twice would show now
      parentPort.postMessage({ type: "times", times: received.get(msg.marker) ?? [], withoutLive });
      received.delete(msg.marker);
    } else if (msg.type === "votes") {
      // Each voter connects with its own session cookie, then all vote at once.
      const voters = await Promise.all(
        msg.cookies.map(
          (cookie) =>
            new Promise((resolve, reject) => {
              const s = io(msg.url, { transports: ["websocket"], extraHeaders: { cookie }, reconnection: false, forceNew: true });
              s.once("connect", () => resolve(s));
              s.once("connect_error", reject);
            }),
        ),
      );
      // Each voter watches the feed, so the coalesced tallies are really delivered.
      let tallies = 0;
      for (const s of voters) {
        s.on("feed:tally", () => tallies++);
        const reply = await s.timeout(20000).emitWithAck("feed:join", { feedId: msg.feedId });
        if (!reply.ok) throw new Error(reply.error);
      }
      sockets.push(...voters);
      let failed = 0;
      const start = performance.now();
      await Promise.all(
        voters.map(async (s, i) => {
          for (const optionId of msg.plan[i]) {
            const reply = await s.timeout(20000).emitWithAck("poll:vote", { pollId: msg.pollId, optionIds: [optionId] });
            if (!reply.ok) failed++;
          }
        }),
      );
      const ms = performance.now() - start;
      await new Promise((r) => setTimeout(r, 400)); // the last coalesced tally
      parentPort.postMessage({ type: "voted", ms, failed, tallies });
    } else if (msg.type === "close") {
      for (const s of sockets) s.close();
      sockets = [];
      parentPort.postMessage({ type: "closed" });
    }
  } catch (error) {
    parentPort.postMessage({ type: "error", message: String(error?.message ?? error) });
  }
});
