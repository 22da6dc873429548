/**
 * Keeping sockets' identities current. A socket learns who it is at the handshake; when that
 * changes (signed out, password changed so other sessions end, roles granted or removed) the
 * change's route calls refreshIdentities() after its transaction commits, and every process
 * re-reads the sessions of that person's open sockets. Kept apart from server.ts so app code
 * can call it without importing the socket handlers.
 */
import type { MootIo } from "./server";

const refreshers = new WeakMap<MootIo, (userId: number) => Promise<void>>();

/** server.ts registers how this process re-reads one person's sockets. */
export function registerRefresher(io: MootIo, refresh: (userId: number) => Promise<void>): void {
  refreshers.set(io, refresh);
}

/** This process's sockets are refreshed before the promise settles; other processes' shortly after. */
export async function refreshIdentities(io: MootIo, userId: number): Promise<void> {
  io.serverSideEmit("identity:refresh", userId);
  await refreshers.get(io)?.(userId);
}
