/**
 * Socket.IO on the app's own HTTP server. The handshake reads the session cookie (visitors may
 * connect and watch; handlers check permission per event). Broadcasts go through the
 * PostgreSQL adapter so several Node processes on one database share them.
 */
import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/postgres-adapter";
import type pg from "pg";
import type { Logger } from "pino";
import { Server } from "socket.io";
import type { Database } from "../db/client";
import { identify } from "../app/modules/auth/session.server";
import { TALLY_INTERVAL_MS, tallies } from "../app/modules/feeds/feeds.server";
import type { EffectSink } from "../app/lib/effects";
import type { PageCache } from "../app/lib/page-cache.server";
import { nudgeDelivery } from "../app/modules/notifications/worker.server";
import { rooms, type ServerToClientEvents } from "../app/lib/socket-events";
import type { MootIo, MootSocket, SocketHandlers } from "./io";
export type { MootIo, MootSocket, SocketHandlers };
import { checkPayload } from "../app/lib/input-limits";
import { sessionHandlers } from "./handlers/session";
import { feedHandlers } from "./handlers/feeds";
import { meetingHandlers } from "./handlers/meetings";
import { floodGuard, socketAddress, SOCKET_LIMITS, type SocketLimits } from "./limits";

/** The socket server and the bus that carries committed effects to it (one of each per process). */
export interface Realtime {
  io: MootIo;
  bus: EffectSink;
}

/** Each feature adds its handlers here (realtime/handlers/<feature>.ts). */
const HANDLERS: SocketHandlers[] = [sessionHandlers, feedHandlers, meetingHandlers];

export interface RealtimeOptions {
  db: Database;
  pool: pg.Pool;
  logger: Logger;
  /** Allowed Origin for browser connections (same origin as the app). */
  allowedOrigins?: (origin: string | undefined, host: string | undefined) => boolean;
  /** Which proxies to believe about the client's address (Express's compiled `trust proxy`). */
  trustProxy?: (address: string, hop: number) => boolean;
  /** Events a second allowed per person and per address (defaults: SOCKET_LIMITS). */
  socketLimits?: Partial<SocketLimits>;
  /** This process's cached public pages, forgotten when a write commits here or elsewhere. */
  pages?: PageCache;
}

export function attachRealtime(httpServer: HttpServer, options: RealtimeOptions): Realtime {
  const io: MootIo = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    connectionStateRecovery: undefined,
    allowRequest: (req, callback) => {
      const allowed = options.allowedOrigins ? options.allowedOrigins(req.headers.origin, req.headers.host) : true;
      callback(allowed ? null : "Origin not allowed", allowed);
    },
  });
  io.adapter(createAdapter(options.pool, { tableName: "socket_io_attachments", errorHandler: (e) => options.logger.warn({ err: e }, "socket.io adapter") }));

  // Refreshes can overlap (a role granted, then removed at once) and their reads can finish out of
  // order, so only the most recently started read of a socket's session is applied.
  const reads = new WeakMap<MootSocket, number>();
  const identifySocket = async (socket: MootSocket) => {
    const secure = Boolean((socket.request.socket as { encrypted?: boolean }).encrypted) || socket.request.headers["x-forwarded-proto"] === "https";
    const read = (reads.get(socket) ?? 0) + 1;
    reads.set(socket, read);
    const { actor } = await identify(options.db, socket.request.headers.cookie, { secure });
    if (reads.get(socket) === read) socket.data.actor = actor;
  };

  // The handshake's identity is re-read when it changes (sign-out, password change, roles granted
  // or taken away), so a socket never acts on a session or a role that no longer exists.
  io.on("identity:refresh", (userId) => {
    void refreshLocal(userId).catch((error) => options.logger.error({ err: error }, "socket identity refresh failed"));
  });
  const refreshLocal = async (userId: number) => {
    const mine = [...io.of("/").sockets.values()].filter((socket) => socket.data.actor?.user?.id === userId);
    await Promise.all(mine.map(identifySocket));
  };
  io.on("pages:changed", () => options.pages?.forget());
  const bus = createBus(io, options.db, options.logger, refreshLocal, options.pages);

  const guard = floodGuard({ ...SOCKET_LIMITS, ...options.socketLimits });

  io.use(async (socket, next) => {
    try {
      socket.data.address = socketAddress(socket.request, options.trustProxy);
      await identifySocket(socket);
      next();
    } catch (error) {
      options.logger.error({ err: error }, "socket handshake failed");
      next(new Error("Could not check your session. Try again."));
    }
  });

  io.on("connection", (socket) => {
    // Every event's payload is checked once here, before any handler: no NUL or control
    // characters, no unpaired surrogates, no prototype keys, bounded size and depth. A refused
    // event is answered on its ack (if it has one) and goes no further.
    socket.use((packet, next) => {
      const args = packet.slice(1);
      const problem = checkPayload(args.filter((a) => typeof a !== "function"));
      if (!problem) return next();
      const ack = args.findLast((a) => typeof a === "function") as ((reply: { ok: false; error: string }) => void) | undefined;
      ack?.({ ok: false, error: problem.message });
    });
    const allowed = () => guard({ userId: socket.data.actor.user?.id ?? null, address: socket.data.address });
    for (const register of HANDLERS) register(socket, { db: options.db, io, bus, logger: options.logger, allowed });
  });

  return { io, bus };
}

/**
 * The effect bus of this process: how `settle()` reaches the sockets. Broadcasts leave in order
 * (`publish`); identity refreshes reach every process; tallies are coalesced per room.
 */
function createBus(io: MootIo, db: Database, logger: Logger, refreshLocal: (userId: number) => Promise<void>, pages?: PageCache): EffectSink {
  const pendingTallies = new Map<number, Set<number>>();
  // Several writes in one turn (a form post that also settles) tell the other processes once.
  let pagesNotice = false;
  return {
    broadcast: (effect) => publish(io, effect.room, effect.event, effect.payload as never),
    refreshIdentity: async (userId) => {
      io.serverSideEmit("identity:refresh", userId);
      await refreshLocal(userId);
    },
    scheduleTally: (feedId, pollId) => {
      const pending = pendingTallies.get(feedId);
      if (pending) {
        pending.add(pollId);
        return;
      }
      pendingTallies.set(feedId, new Set([pollId]));
      setTimeout(() => {
        const polls = [...(pendingTallies.get(feedId) ?? [])];
        pendingTallies.delete(feedId);
        void tallies(db, polls)
          .then((views) => {
            for (const poll of views) publish(io, rooms.feed(feedId), "feed:tally", { feedId, poll });
          })
          .catch(() => undefined); // a tally is a hint; the next one (or a reload) corrects it
      }, TALLY_INTERVAL_MS).unref();
    },
    nudgeDelivery: () => nudgeDelivery(),
    pagesChanged: () => {
      pages?.forget();
      if (pagesNotice) return;
      pagesNotice = true;
      queueMicrotask(() => {
        pagesNotice = false;
        io.serverSideEmit("pages:changed");
      });
    },
    reportFailure: (error, effect) => logger.error({ err: error, effect: effect.kind }, "an effect after commit failed"),
  };
}

const broadcasts = new WeakMap<MootIo, Promise<void>>();

/** The part of socket.io-adapter's ClusterAdapter (the PostgreSQL adapter's base) used to reach only the OTHER processes. */
interface ClusterPublisher {
  publishAndReturnOffset(message: { type: number; data: { packet: unknown; opts: { rooms: string[]; except: string[]; flags: object } } }): Promise<unknown>;
}
/** socket.io-adapter's MessageType.BROADCAST: how one process asks the others to broadcast a packet. */
const CLUSTER_BROADCAST = 3;

/**
 * The one way to broadcast: call after the transaction that wrote the event has committed.
 * Broadcasts leave in the order they are published.
 *
 * This process's own clients get the event at once, in call order (`local` delivery is
 * synchronous). The other processes get it through the PostgreSQL adapter (a NOTIFY, or an
 * INSERT and a NOTIFY for a payload over 8 kB), one broadcast after the other so they too see
 * them in order; clients drop an id older than one they have seen. The adapter's own
 * `broadcast()` would publish to the others first and deliver locally only when that round trip
 * to PostgreSQL returned, which made every local viewer wait for the database a second time
 * (docs/benchmarks.md).
 */
export function publish<E extends keyof ServerToClientEvents>(
  io: MootIo,
  room: string,
  event: E,
  ...args: Parameters<ServerToClientEvents[E]>
): void {
  // What BroadcastOperator.emit hands the adapter: an EVENT packet (socket.io-parser type 2).
  const packet = { type: 2, data: [event, ...args], nsp: "/" };
  const adapter = io.of("/").adapter as unknown as Partial<ClusterPublisher> & { broadcast: (packet: unknown, opts: object) => unknown };
  const previous = broadcasts.get(io) ?? Promise.resolve();
  if (typeof adapter.publishAndReturnOffset !== "function") {
    // Not a cluster adapter (one process only): the adapter's broadcast is all there is.
    const next = previous.then(() => adapter.broadcast(packet, { rooms: new Set([room]), except: new Set() })).then(() => undefined, () => undefined);
    broadcasts.set(io, next);
    return;
  }
  void Promise.resolve(adapter.broadcast(packet, { rooms: new Set([room]), except: new Set(), flags: { local: true } })).catch(() => undefined);
  const remote = { type: CLUSTER_BROADCAST, data: { packet, opts: { rooms: [room], except: [], flags: {} } } };
  const next = previous
    .then(() => adapter.publishAndReturnOffset!(remote))
    .then(() => undefined, () => undefined); // the adapter reports its own failures; a failed broadcast must not stop later ones
  broadcasts.set(io, next);
}
