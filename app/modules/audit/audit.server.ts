/** The one way to write to the append-only audit log (inside the action's own transaction). */
import type { Database } from "../../../db/client";
import type { Actor } from "../permissions/permissions";

export async function audit(
  db: Database,
  actor: Actor,
  action: string,
  subject: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({ actor_user_id: actor.user?.id ?? null, action, subject, detail: JSON.stringify(detail) })
    .execute();
}
