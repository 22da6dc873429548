/**
 * Data protection: once a consultation's retention date has passed, its responses lose the link
 * to the person (user id), a "publish with my name" consent becomes "anonymous", and unsubmitted
 * drafts are deleted. Answers, equality aggregates and published results stay.
 */
import { sql } from "kysely";
import type { Database } from "../../../db/client";

export async function anonymiseExpiredResponses(db: Database, now = new Date()): Promise<{ anonymised: number; draftsDeleted: number }> {
  return db.transaction().execute(async (trx) => {
    const expired = (eb: import("kysely").ExpressionBuilder<import("../../../db/schema").DB, "consultation_responses">) =>
      eb.exists(
        eb
          .selectFrom("consultations as c")
          .select("c.id")
          .whereRef("c.id", "=", "consultation_responses.consultation_id")
          .where("c.retention_until", "<", sql<Date>`(${now}::timestamptz AT TIME ZONE 'Europe/London')::date`),
      );
    const drafts = await trx.deleteFrom("consultation_responses").where("status", "!=", "submitted").where(expired).executeTakeFirst();
    const updated = await trx
      .updateTable("consultation_responses")
      .set({
        user_id: null,
        anonymised_at: now,
        consent: sql`CASE WHEN consent = 'named' THEN 'anonymous'::consultation_publish_consent ELSE consent END`,
      })
      .where("anonymised_at", "is", null)
      .where(expired)
      .executeTakeFirst();
    return { anonymised: Number(updated.numUpdatedRows), draftsDeleted: Number(drafts.numDeletedRows) };
  });
}

/** Run the retention job once a day (and once at start-up). Call from server.ts; returns a stop function. */
export function startRetentionSchedule(db: Database, onError: (error: unknown) => void = console.error, everyMs = 24 * 60 * 60 * 1000): () => void {
  const run = () => void anonymiseExpiredResponses(db).catch(onError);
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
