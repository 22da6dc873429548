/** What administrators see of e-mail: the outbox (issue 16). Permission checked here. */
import type { Database } from "../../../db/client";
import { fail, ok, type Result } from "../../lib/result";
import { decide, type Actor } from "../permissions/permissions";
import { outboxCounts } from "./deliver.server";

export interface OutboxRow {
  id: number;
  recipient: string;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export async function listOutbox(db: Database, actor: Actor, options: { status?: string | null; limit?: number } = {}): Promise<Result<{ rows: OutboxRow[]; counts: Partial<Record<string, number>> }>> {
  const allowed = decide(actor, "admin.view");
  if (!allowed.ok) return fail(allowed.message, 403);
  let query = db.selectFrom("outbox").select(["id", "recipient", "subject", "status", "attempts", "last_error", "created_at", "sent_at"]).orderBy("id", "desc").limit(options.limit ?? 100);
  if (options.status === "queued" || options.status === "sent" || options.status === "failed" || options.status === "digest") query = query.where("status", "=", options.status);
  const [rows, counts] = await Promise.all([query.execute(), outboxCounts(db)]);
  return ok({
    rows: rows.map((r) => ({ id: r.id, recipient: r.recipient, subject: r.subject, status: r.status, attempts: r.attempts, lastError: r.last_error, createdAt: r.created_at.toISOString(), sentAt: r.sent_at?.toISOString() ?? null })),
    counts,
  });
}
