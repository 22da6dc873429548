/**
 * Residents' feedback about a service (issue 18: "consider the customer and stakeholder view").
 * A short public form, open to anyone, signed in or not; it asks for no name or contact details
 * and stores none (not even the account), and it is never published: only the council's staff
 * (the contract manager and those who may see internal contract information) read it, beside the
 * KPIs. Because nothing is published it is not moderated. Rate-limited per network address, like
 * registration, so a script cannot flood a contract manager's page.
 *
 * Beside it: comments residents left on the live feeds of consultations tagged to an outcome this
 * arrangement serves (consultation_outcomes ↔ arrangement_outcomes): the link that already exists.
 */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import { validate } from "../../lib/forms";
import { isRowId } from "../../lib/ids";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { rateLimiter, throttleKey } from "../auth/throttle.server";
import { londonDay } from "../calendar/days";
import { isoDate, longDate } from "../evidence/dates";
import type { Actor } from "../permissions/permissions";
import { feedbackSchema } from "./changes-schema";

export const FEEDBACK_LIMIT = { points: 5, duration: 60 * 60 };
const limiters = new WeakMap<Database, ReturnType<typeof rateLimiter>>();

async function throttled(db: Database, address: string): Promise<string | null> {
  let limiter = limiters.get(db);
  if (!limiter) limiters.set(db, (limiter = rateLimiter(db, "service-feedback", FEEDBACK_LIMIT)));
  try {
    await limiter.consume(throttleKey(address));
    return null;
  } catch (rejection) {
    if (rejection instanceof Error) throw rejection;
    const minutes = Math.max(1, Math.ceil(((rejection as { msBeforeNext?: number }).msBeforeNext ?? 60_000) / 60_000));
    return `You have sent feedback ${FEEDBACK_LIMIT.points} times in the last hour. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}`;
  }
}

/** The public form's page: the service, or null when there is none. */
export async function feedbackForm(db: Database, id: number, options: { today?: string } = {}) {
  if (!isRowId(id)) return null;
  const a = await db
    .selectFrom("arrangements as a")
    .innerJoin("providers as p", "p.id", "a.provider_id")
    .select(["a.id", "a.title", "a.starts_on", "a.ends_on", "p.name as provider_name"])
    .where("a.id", "=", id)
    .executeTakeFirst();
  if (!a) return null;
  const today = options.today ?? londonDay(new Date());
  const endsOn = isoDate(a.ends_on);
  return { id: a.id, title: a.title, providerName: a.provider_name, endedOn: endsOn < today ? endsOn : null };
}

export async function giveFeedback(db: Database, actor: Actor, input: unknown, options: { address: string; today?: string }): Promise<Result<null>> {
  const parsed = validate(feedbackSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const service = await feedbackForm(db, v.arrangementId, options);
  if (!service) return fail("There is no such service", 404);
  if (service.endedOn) return fail(`This service ended on ${longDate(service.endedOn)}, so it no longer takes feedback`, 409);
  const limited = await throttled(db, options.address);
  if (limited) return fail(limited, 429);
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto("service_feedback").values({ arrangement_id: v.arrangementId, experience: v.experience, feedback: v.feedback }).returning("id").executeTakeFirstOrThrow();
    // The audit says feedback came, not from whom: the form is anonymous.
    await audit(trx, { ...actor, user: null }, "service.feedback_received", `arrangement:${v.arrangementId}`, { feedbackId: row.id });
    return ok(null);
  });
}

/** For the contract manager: the latest feedback, the counts by experience, and consultation comments on the same outcomes. */
export async function residentVoice(db: Database, arrangementId: number) {
  const [latest, counts, comments] = await Promise.all([
    db.selectFrom("service_feedback").select(["id", "experience", "feedback", "received_at"]).where("arrangement_id", "=", arrangementId).orderBy("received_at", "desc").orderBy("id", "desc").limit(20).execute(),
    db.selectFrom("service_feedback").select(["experience", (eb) => eb.fn.countAll<number>().as("n")]).where("arrangement_id", "=", arrangementId).groupBy("experience").execute(),
    db
      .selectFrom("comments as c")
      .innerJoin("feeds as f", "f.id", "c.feed_id")
      .innerJoin("consultations as k", (j) => j.onRef("k.id", "=", "f.subject_id").on("f.subject_kind", "=", "consultation"))
      .select(["c.id", "c.body", "c.created_at", "k.id as consultation_id", "k.title as consultation_title"])
      .where("c.state", "=", "visible")
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("consultation_outcomes as co")
            .innerJoin("arrangement_outcomes as ao", "ao.outcome_node_id", "co.outcome_node_id")
            .select(sql`1`.as("one"))
            .whereRef("co.consultation_id", "=", "k.id")
            .where("ao.arrangement_id", "=", arrangementId),
        ),
      )
      .orderBy("c.created_at", "desc")
      .limit(10)
      .execute(),
  ]);
  return {
    feedback: latest.map((f) => ({ id: f.id, experience: f.experience, feedback: f.feedback, receivedOn: londonDay(f.received_at) })),
    counts: Object.fromEntries(counts.map((c) => [c.experience, Number(c.n)])) as Partial<Record<"good" | "mixed" | "poor", number>>,
    comments: comments.map((c) => ({ id: c.id, body: c.body, on: londonDay(c.created_at), consultation: { id: c.consultation_id, title: c.consultation_title } })),
  };
}
