/**
 * One Socket.IO connection per browser tab, shared by every live part of a page (a meeting's
 * live strip and its residents' feed, say). Each user acquires it, adds its own listeners, and
 * releases it; the last release closes it. A user that arrives after the socket connected is
 * told at once (`onConnect` runs immediately), so every user joins its own room.
 */
import type { Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "./socket-events";

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let shared: { socket: LiveSocket; users: number } | null = null;

/** Resolves to the shared socket and a release function; `onConnect` runs on every (re)connect. */
export async function acquireSocket(onConnect: (socket: LiveSocket) => void): Promise<{ socket: LiveSocket; release: () => void }> {
  const { io } = await import("socket.io-client");
  if (!shared) shared = { socket: io({ transports: ["websocket"] }), users: 0 };
  const entry = shared;
  entry.users += 1;
  const handler = () => onConnect(entry.socket);
  entry.socket.on("connect", handler);
  if (entry.socket.connected) handler();
  let released = false;
  return {
    socket: entry.socket,
    release: () => {
      if (released) return;
      released = true;
      entry.socket.off("connect", handler);
      entry.users -= 1;
      if (entry.users === 0) {
        if (shared === entry) shared = null;
        // Closing a WebSocket that is still connecting makes the browser log an error; let it
        // finish connecting (or fail) first, then close it.
        if (entry.socket.connected || !entry.socket.active) entry.socket.close();
        else {
          const close = () => entry.socket.close();
          entry.socket.once("connect", close);
          entry.socket.once("connect_error", close);
        }
      }
    },
  };
}
