/**
 * The typed Socket.IO contract shared by the server, the modules and browser code: the ack shape,
 * the event maps and the room names. Features add their events in their own module; payloads are
 * validated with the feature's zod schema on arrival. Types and room names only: no socket server.
 */

/** Every acknowledgement has this shape. */
export type Ack<T = Record<string, never>> = ({ ok: true } & T) | { ok: false; error: string };

/**
 * A feature declares its events in app/modules/<feature>/socket-events.ts and joins them to these
 * two maps there, by declaration merging:
 * `declare module "../../lib/socket-events" { interface ClientToServerEvents extends FeedClientEvents {} }`.
 */
export interface ClientToServerEvents {
  /** Who am I to the server? Lets a client (and a test) check the handshake's session. */
  "session:whoami": (ack: (reply: Ack<{ user: { id: number; displayName: string } | null; roles: string[] }>) => void) => void;
}

export interface ServerToClientEvents {
  "server:notice": (payload: { message: string }) => void;
}

/** Room names: one per thing people watch together. */
export const rooms = {
  consultation: (id: number) => `consultation:${id}`,
  meeting: (id: number) => `meeting:${id}`,
  locality: (id: number) => `locality:${id}`,
  feed: (id: number) => `feed:${id}`,
} as const;
