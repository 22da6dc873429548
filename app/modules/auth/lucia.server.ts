/**
 * Sessions through lucia v3, kept behind this module (lucia is deprecated upstream; see
 * docs/decisions/0002-sessions-with-lucia.md). Nothing outside app/modules/auth imports lucia.
 */
import { sql } from "kysely";
import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import type { Database } from "../../../db/client";
import type { Grant } from "../permissions/permissions";
import { SESSION_COOKIE } from "../../lib/session-cookie";

export { SESSION_COOKIE };
export const SESSION_LIFETIME_DAYS = 30;

interface UserAttributes {
  email: string;
  display_name: string;
  home_locality_id: number | null;
  /** The person's role grants, read in the same query (every signed-in request needs them). */
  grants: Grant[];
}

/** A lucia adapter over Kysely: sessions live in user_sessions, users in users. */
function kyselyAdapter(db: Database): Adapter {
  return {
    async getSessionAndUser(sessionId): Promise<[DatabaseSession | null, DatabaseUser | null]> {
      const row = await db
        .selectFrom("user_sessions as s")
        .innerJoin("users as u", "u.id", "s.user_id")
        .select(["s.id", "s.user_id", "s.expires_at", "u.email", "u.display_name", "u.home_locality_id"])
        .select(
          sql<Grant[]>`coalesce((SELECT json_agg(CASE WHEN g.provider_id IS NULL THEN json_build_object('role', g.role, 'scope', g.scope, 'localityId', g.locality_id, 'boardId', g.board_id) ELSE json_build_object('role', g.role, 'scope', g.scope, 'localityId', g.locality_id, 'boardId', g.board_id, 'providerId', g.provider_id) END) FROM role_grants g WHERE g.user_id = u.id), '[]'::json)`.as("grants"),
        )
        .where("s.id", "=", sessionId)
        .executeTakeFirst();
      if (!row) return [null, null];
      return [
        { id: row.id, userId: row.user_id, expiresAt: row.expires_at, attributes: {} },
        {
          id: row.user_id,
          attributes: { email: row.email, display_name: row.display_name, home_locality_id: row.home_locality_id, grants: row.grants },
        },
      ];
    },
    async getUserSessions(userId) {
      const rows = await db.selectFrom("user_sessions").selectAll().where("user_id", "=", userId).execute();
      return rows.map((r) => ({ id: r.id, userId: r.user_id, expiresAt: r.expires_at, attributes: {} }));
    },
    async setSession(session) {
      await db
        .insertInto("user_sessions")
        .values({ id: session.id, user_id: session.userId, expires_at: session.expiresAt })
        .execute();
    },
    async updateSessionExpiration(sessionId, expiresAt) {
      await db.updateTable("user_sessions").set({ expires_at: expiresAt }).where("id", "=", sessionId).execute();
    },
    async deleteSession(sessionId) {
      await db.deleteFrom("user_sessions").where("id", "=", sessionId).execute();
    },
    async deleteUserSessions(userId) {
      await db.deleteFrom("user_sessions").where("user_id", "=", userId).execute();
    },
    async deleteExpiredSessions() {
      await db.deleteFrom("user_sessions").where("expires_at", "<=", new Date()).execute();
    },
  };
}

function createLucia(db: Database) {
  return new Lucia(kyselyAdapter(db), {
    sessionExpiresIn: new TimeSpan(SESSION_LIFETIME_DAYS, "d"),
    sessionCookie: { name: SESSION_COOKIE, expires: true, attributes: { sameSite: "lax", secure: false } },
    getUserAttributes: (attributes: UserAttributes) => ({
      email: attributes.email,
      displayName: attributes.display_name,
      homeLocalityId: attributes.home_locality_id,
      grants: attributes.grants,
    }),
  });
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    UserId: number;
    DatabaseUserAttributes: UserAttributes;
  }
}

const instances = new WeakMap<Database, ReturnType<typeof createLucia>>();

export function luciaFor(db: Database) {
  let lucia = instances.get(db);
  if (!lucia) {
    lucia = createLucia(db);
    instances.set(db, lucia);
  }
  return lucia;
}
