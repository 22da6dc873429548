/**
 * Who an officer alert goes to: the people whose role lets them act on the thing, asked through
 * the one permission check (`decide`), so a locality's officers or moderators hear about their
 * locality only and council-wide ones about everything. Administrators are told only when nobody in
 * the role can act on it (someone must be).
 */
import type { Database } from "../../../db/client";
import type { RoleName } from "../../../db/schema";
import { decide, type Actor, type Grant, type Target } from "../permissions/permissions";

type Action = Parameters<typeof decide>[1];

export async function addressesOfWhoMay(trx: Database, role: RoleName, action: Action, target: Target): Promise<string[]> {
  const rows = await trx
    .selectFrom("role_grants as g")
    .innerJoin("users as u", "u.id", "g.user_id")
    .select(["u.id", "u.email", "g.role", "g.scope", "g.locality_id", "g.board_id"])
    .where("g.role", "in", [role, "admin"])
    .execute();
  const byUser = new Map<number, { email: string; grants: Grant[] }>();
  for (const r of rows) {
    const entry = byUser.get(r.id) ?? { email: r.email, grants: [] };
    entry.grants.push({ role: r.role, scope: r.scope, localityId: r.locality_id, boardId: r.board_id });
    byUser.set(r.id, entry);
  }
  const able = (only: RoleName) =>
    [...byUser.values()].filter((p) => decide({ user: null, grants: p.grants.filter((g) => g.role === only) } as Actor, action, target).ok).map((p) => p.email.toLowerCase());
  const inRole = able(role);
  return [...new Set(inRole.length ? inRole : able("admin"))].sort();
}
