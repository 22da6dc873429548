/**
 * The typed Socket.IO contract shared by the server and browser code. Capabilities add their
 * events here; payloads are validated with the feature's zod schema on arrival.
 */

import type { FeedClientEvents, FeedServerEvents } from "./events/feeds";
import type { MeetingClientEvents, MeetingServerEvents } from "./events/meetings";

/** Every acknowledgement has this shape. */
export type Ack<T = Record<string, never>> = ({ ok: true } & T) | { ok: false; error: string };

/**
 * A feature declares its events in realtime/events/<feature>.ts and joins them here with one
 * `extends` entry, e.g. `export interface ClientToServerEvents extends FeedClientEvents { … }`.
 */
export interface ClientToServerEvents extends FeedClientEvents, MeetingClientEvents {
  /** Who am I to the server? Lets a client (and a test) check the handshake's session. */
  "session:whoami": (ack: (reply: Ack<{ user: { id: number; displayName: string } | null; roles: string[] }>) => void) => void;
}

export interface ServerToClientEvents extends FeedServerEvents, MeetingServerEvents {
  "server:notice": (payload: { message: string }) => void;
}

export interface InterServerEvents {
  /** A person's sign-in or roles changed: every process re-reads that person's sockets' sessions. */
  "identity:refresh": (userId: number) => void;
  /** A write committed somewhere: forget every cached public page (app/lib/page-cache.server.ts). */
  "pages:changed": () => void;
}

export interface SocketData {
  actor: import("../app/modules/permissions/permissions").Actor;
  /** The network address the socket connected from (as Express would read req.ip). */
  address: string;
}

/** Room names: one per thing people watch together. */
export const rooms = {
  consultation: (id: number) => `consultation:${id}`,
  meeting: (id: number) => `meeting:${id}`,
  locality: (id: number) => `locality:${id}`,
  feed: (id: number) => `feed:${id}`,
} as const;
