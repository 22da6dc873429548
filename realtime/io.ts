/**
 * The socket server's own types: what travels between processes, what each socket carries, and
 * the shape of a feature's handlers (realtime/handlers/<feature>.ts). The event maps the browser
 * shares are in app/lib/socket-events.ts.
 */
import type { Logger } from "pino";
import type { Server, Socket } from "socket.io";
import type { Database } from "../db/client";
import type { EffectSink } from "../app/lib/effects";
import type { ClientToServerEvents, ServerToClientEvents } from "../app/lib/socket-events";
import type { Actor } from "../app/modules/permissions/permissions";

export interface InterServerEvents {
  /** A person's sign-in or roles changed: every process re-reads that person's sockets' sessions. */
  "identity:refresh": (userId: number) => void;
  /** A write committed somewhere: forget every cached public page (app/lib/page-cache.server.ts). */
  "pages:changed": () => void;
}

export interface SocketData {
  actor: Actor;
  /** The network address the socket connected from (as Express would read req.ip). */
  address: string;
}

export type MootIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type MootSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/**
 * What a feature's handlers get: the connected socket, the process's db, io and effect bus, and
 * `allowed()`, the flood guard every event passes first (counted per person and per address, not per socket).
 */
export type SocketHandlers = (socket: MootSocket, deps: { db: Database; io: MootIo; bus: EffectSink; logger: Logger; allowed: () => Promise<boolean> }) => void;
