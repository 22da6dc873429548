/**
 * Flood guard for socket events, checked before anything touches the database. It counts per
 * person and per network address, never per socket: opening ten sockets gives nobody ten times
 * the allowance. Signed-in people have their own allowance; visitors (nobody to tell apart) share
 * one per address; and every address has a ceiling high enough for a room full of people on one
 * public wifi. In process memory: it is a cheap first line, while the limits that matter across
 * processes (comments, votes, sign-in) live in PostgreSQL.
 */
import type { IncomingMessage } from "node:http";
import { RateLimiterMemory } from "rate-limiter-flexible";

export interface SocketLimits {
  /** Events a second from one signed-in person, over all their sockets. */
  perPerson: number;
  /** Events a second from visitors (not signed in) at one network address, together. */
  visitorsPerAddress: number;
  /** Events a second from one network address, whoever sends them. */
  perAddress: number;
}

export const SOCKET_LIMITS: SocketLimits = { perPerson: 20, visitorsPerAddress: 50, perAddress: 300 };

export const TOO_MANY = "You are sending too many messages. Slow down and try again in a moment.";

export type FloodGuard = (who: { userId: number | null; address: string }) => Promise<boolean>;

/** One guard per Socket.IO server: true when this event may go ahead. */
export function floodGuard(limits: SocketLimits = SOCKET_LIMITS): FloodGuard {
  const person = new RateLimiterMemory({ keyPrefix: "socket-person", points: limits.perPerson, duration: 1 });
  const visitors = new RateLimiterMemory({ keyPrefix: "socket-visitors", points: limits.visitorsPerAddress, duration: 1 });
  const address = new RateLimiterMemory({ keyPrefix: "socket-address", points: limits.perAddress, duration: 1 });
  return async ({ userId, address: from }) => {
    try {
      await (userId === null ? visitors.consume(from) : person.consume(String(userId)));
      await address.consume(from);
      return true;
    } catch (rejection) {
      if (rejection instanceof Error) throw rejection;
      return false;
    }
  };
}

/**
 * The network address a socket connects from, read as Express reads `req.ip`: the peer's
 * address, or, behind proxies Express trusts (TRUST_PROXY), the X-Forwarded-For entry the
 * nearest untrusted hop gave.
 */
export function socketAddress(req: IncomingMessage, trust?: (address: string, hop: number) => boolean): string {
  const peer = req.socket.remoteAddress ?? "unknown";
  if (!trust) return peer;
  const forwarded = String(req.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean)
    .reverse();
  const chain = [peer, ...forwarded];
  let hop = 0;
  while (hop < chain.length - 1 && trust(chain[hop]!, hop)) hop++;
  return chain[hop]!;
}
