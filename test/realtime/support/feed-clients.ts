/** Helpers for feed socket tests: real socket.io-client connections signed in as real people. */
import { io as connect, type Socket } from "socket.io-client";
import { startSession } from "../../../app/modules/auth/session.server";
import type { Database } from "../../../db/client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../../app/lib/socket-events";

export type FeedSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export async function cookieFor(db: Database, email: string): Promise<string> {
  const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  return (await startSession(db, user.id, { secure: false })).split(";")[0]!;
}

/** A connected client (a visitor without an email). */
export async function clientAs(url: string, db: Database, email: string | null): Promise<FeedSocket> {
  const headers: Record<string, string> = email ? { cookie: await cookieFor(db, email) } : {};
  const socket: FeedSocket = connect(url, { transports: ["websocket"], extraHeaders: headers, reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

/** Everything a socket receives of one event name, in order. */
export function collect<E extends keyof ServerToClientEvents>(socket: FeedSocket, event: E): Parameters<ServerToClientEvents[E]>[0][] {
  const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
  (socket as unknown as { on(e: string, f: (p: unknown) => void): void }).on(event, (p) => seen.push(p as never));
  return seen;
}

export async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function localityFeedId(db: Database, slug: string): Promise<number> {
  const row = await db
    .selectFrom("feeds")
    .innerJoin("localities", "localities.id", "feeds.subject_id")
    .select("feeds.id")
    .where("feeds.subject_kind", "=", "locality")
    .where("localities.slug", "=", slug)
    .executeTakeFirstOrThrow();
  return row.id;
}
