/**
 * What every loader and action receives in `context`, built once per request by server.ts.
 * There is exactly one pg pool and one effect bus (in front of the Socket.IO server) per process; they arrive here.
 */
import type { Database } from "../db/client";
import type { EffectSink } from "./lib/effects";
import type { Actor } from "./modules/permissions/permissions";

export interface MootContext {
  db: Database;
  /**
   * Where committed effects go: pass a command's whole result to `settle(context.bus, result)`.
   * Routes never reach the socket server directly.
   */
  bus: EffectSink;
  actor: Actor;
  sessionId: string | null;
  /** Whether the request came over TLS (directly or via a trusted proxy): cookies get Secure. */
  secure: boolean;
  clientAddress: string;
  /** A per-request nonce for the inline scripts React and Remix emit (Content Security Policy). */
  nonce: string;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends MootContext {}
}
