/**
 * Who is asking: turn a Cookie header into an Actor (user + role grants), and start or end sessions.
 * Used by every HTTP request (server.ts getLoadContext) and every socket handshake (realtime/).
 */
import type { Database } from "../../../db/client";
import type { Actor, Grant } from "../permissions/permissions";
import { VISITOR } from "../permissions/permissions";
import { identityChanged } from "../../lib/effects";
import { ok, type Result } from "../../lib/result";
import { luciaFor, SESSION_COOKIE } from "./lucia.server";

export interface RequestIdentity {
  actor: Actor;
  sessionId: string | null;
  /** Set-Cookie values to send (a refreshed or cleared session cookie). */
  setCookies: string[];
}

export function sessionCookie(value: string, options: { expires: Date | null; secure: boolean }): string {
  const parts = [`${SESSION_COOKIE}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax"];
  if (options.expires) parts.push(`Expires=${options.expires.toUTCString()}`);
  else parts.push("Max-Age=0");
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}

export function readSessionId(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) {
      const value = rest.join("=");
      return /^[a-z0-9]{20,64}$/i.test(value) ? value : null;
    }
  }
  return null;
}

export async function loadGrants(db: Database, userId: number): Promise<Grant[]> {
  const rows = await db
    .selectFrom("role_grants")
    .select(["role", "scope", "locality_id", "board_id", "provider_id"])
    .where("user_id", "=", userId)
    .execute();
  return rows.map((r) => ({ role: r.role, scope: r.scope, localityId: r.locality_id, boardId: r.board_id, ...(r.provider_id ? { providerId: r.provider_id } : {}) }));
}

export async function identify(
  db: Database,
  cookieHeader: string | null | undefined,
  options: { secure: boolean },
): Promise<RequestIdentity> {
  const sessionId = readSessionId(cookieHeader);
  if (!sessionId) return { actor: VISITOR, sessionId: null, setCookies: [] };
  const { session, user } = await luciaFor(db).validateSession(sessionId);
  if (!session || !user) {
    // Unknown or expired: clear the cookie so the browser stops sending it.
    return { actor: VISITOR, sessionId: null, setCookies: [sessionCookie("", { expires: null, secure: options.secure })] };
  }
  const setCookies = session.fresh
    ? [sessionCookie(session.id, { expires: session.expiresAt, secure: options.secure })]
    : [];
  const grants = user.grants; // read with the session: one query per signed-in request
  return {
    actor: {
      user: { id: user.id, email: user.email, displayName: user.displayName, homeLocalityId: user.homeLocalityId },
      grants,
    },
    sessionId: session.id,
    setCookies,
  };
}

export async function startSession(db: Database, userId: number, options: { secure: boolean }): Promise<string> {
  const session = await luciaFor(db).createSession(userId, {});
  return sessionCookie(session.id, { expires: session.expiresAt, secure: options.secure });
}

export async function endSession(db: Database, sessionId: string | null, options: { secure: boolean }): Promise<string> {
  if (sessionId) await luciaFor(db).invalidateSession(sessionId);
  return sessionCookie("", { expires: null, secure: options.secure });
}

/** Sign out: end this session; the person's open sockets are re-read once it has ended (an effect). */
export async function signOut(db: Database, actor: Actor, sessionId: string | null, options: { secure: boolean }): Promise<Result<string>> {
  const cookie = await endSession(db, sessionId, options);
  return ok(cookie, actor.user ? [identityChanged(actor.user.id)] : []);
}

/** Sign a person out everywhere except this session (after a password change). */
export async function endOtherSessions(db: Database, userId: number, keepSessionId: string | null): Promise<void> {
  let query = db.deleteFrom("user_sessions").where("user_id", "=", userId);
  if (keepSessionId) query = query.where("id", "!=", keepSessionId);
  await query.execute();
}
