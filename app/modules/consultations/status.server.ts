/**
 * Consultations: the state changes an officer makes, and the clock that opens and closes
 * consultations at their set times.
 */
import type { Database } from "../../../db/client";
import type { ConsultationStatus } from "../../../db/tables/consultations";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { type Actor } from "../permissions/permissions";
import { pauseFeedOf } from "../feeds/feeds.server";
import type { Effect, EffectSink } from "../../lib/effects";
import { settle, transact } from "../../lib/effects.server";
import { canMove, dueMoves, illegalMoveMessage } from "./transitions";
import { readinessProblems } from "./details.server";
import { consultationFor } from "./read.server";

/**
 * Record a change of state. Closing makes the consultation's discussion read-only (its feed is
 * paused in the same transaction); returns the pause's broadcast, to go out with the command's result.
 */
async function recordMove(db: Database, id: number, from: ConsultationStatus, to: ConsultationStatus, changedBy: number | null, reason: string, at: Date): Promise<Effect[]> {
  await db.updateTable("consultations").set({ status: to, updated_at: at }).where("id", "=", id).execute();
  await db.insertInto("consultation_status_changes").values({ consultation_id: id, from_status: from, to_status: to, changed_by: changedBy, reason, at }).execute();
  return to === "closed" ? pauseFeedOf(db, { kind: "consultation", id }) : [];
}

/** Record the opening/closing that the clock has made due, for one consultation (inside a transaction). */
export async function catchUp(db: Database, c: { id: number; status: ConsultationStatus; opens_at: Date | null; closes_at: Date | null }, now: Date): Promise<{ status: ConsultationStatus; effects: Effect[] }> {
  let status = c.status;
  const effects: Effect[] = [];
  for (const to of dueMoves(c, now)) {
    const at = to === "open" ? c.opens_at! : c.closes_at!;
    effects.push(...(await recordMove(db, c.id, status, to, null, to === "open" ? "Opened at the set time" : "Closed at the set time", at)));
    status = to;
  }
  return { status, effects };
}

/**
 * Record now what the clock would record at its next tick for one consultation (a page that is
 * about to let people write, e.g. its discussion, must not wait up to a minute for the close).
 * Returns the effects of what it recorded (the discussion's pause).
 */
export async function recordDueMoves(db: Database, id: number, now = new Date()): Promise<Effect[]> {
  const done = await transact(db, async (trx) => {
    const c = await trx.selectFrom("consultations").select(["id", "status", "opens_at", "closes_at"]).where("id", "=", id).forUpdate().executeTakeFirst();
    return ok(null, c ? (await catchUp(trx, c, now)).effects : []);
  });
  return (done.ok && done.effects?.slice()) || [];
}

/**
 * The clock: opens and closes every consultation whose time has come. The server runs it every
 * minute (`startConsultationClock`); pages never depend on it having run, because they read
 * `effectiveStatus`. Returns how many consultations moved, with the effects to settle.
 */
export async function advanceConsultations(db: Database, now = new Date()): Promise<Result<{ moved: number }>> {
  return transact(db, async (trx) => {
    const due = await trx
      .selectFrom("consultations")
      .select(["id", "status", "opens_at", "closes_at"])
      .where((eb) => eb.or([eb.and([eb("status", "=", "scheduled"), eb("opens_at", "<=", now)]), eb.and([eb("status", "=", "open"), eb("closes_at", "<=", now)])]))
      .forUpdate()
      .skipLocked()
      .execute();
    const effects: Effect[] = [];
    for (const c of due) effects.push(...(await catchUp(trx, c, now)).effects);
    return ok({ moved: due.length }, effects);
  });
}

/** Run the clock every minute; returns a stop function. Call from server.ts after start-up. */
export function startConsultationClock(db: Database, bus: EffectSink | null, onError: (error: unknown) => void = console.error, everyMs = 60_000): () => void {
  const tick = () => void (bus ? settle(bus, advanceConsultations(db, new Date())) : advanceConsultations(db, new Date())).catch(onError);
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

export type OfficerMove = "schedule" | "unschedule" | "open_now" | "close_now";

/** Officer state changes. Every move is checked against TRANSITIONS and recorded with who and when. */
export async function changeStatus(db: Database, actor: Actor, id: number, move: OfficerMove, now = new Date()): Promise<Result<{ status: ConsultationStatus }>> {
  const found = await consultationFor(db, actor, id, "consultation.manage");
  if (!found.ok) return found;
  // One transaction: a refused move rolls back the catch-up too, so no close is ever committed
  // without its broadcast (the clock or the next page view records it again).
  return transact(db, async (trx) => {
    const locked = await trx.selectFrom("consultations").select(["id", "status", "opens_at", "closes_at"]).where("id", "=", id).forUpdate().executeTakeFirstOrThrow();
    const caughtUp = await catchUp(trx, locked, now);
    const current = caughtUp.status;
    const effects = caughtUp.effects;
    const c = { ...found.value, ...locked, status: current };
    const to: ConsultationStatus = move === "schedule" ? "scheduled" : move === "unschedule" ? "draft" : move === "open_now" ? "open" : "closed";
    if (!canMove(current, to)) return fail(illegalMoveMessage(current, to), 409);
    const userId = actor.user!.id;
    if (move === "schedule") {
      const questions = await trx.selectFrom("consultation_questions").select((eb) => eb.fn.countAll<number>().as("n")).where("consultation_id", "=", id).executeTakeFirstOrThrow();
      const problems = readinessProblems(c, Number(questions.n), now);
      if (Object.keys(problems).length) return fail(problems, 409);
      effects.push(...(await recordMove(trx, id, current, to, userId, "Scheduled by an officer", now)));
    } else if (move === "open_now") {
      if (c.closes_at && c.closes_at <= now) return fail("The closing date has passed. Change it before opening", 409);
      if (current === "draft") {
        // opening a draft at once: it must be ready, except that its opening time becomes now
        const questions = await trx.selectFrom("consultation_questions").select((eb) => eb.fn.countAll<number>().as("n")).where("consultation_id", "=", id).executeTakeFirstOrThrow();
        const { ["opensAt.day"]: _opening, ...problems } = readinessProblems(c, Number(questions.n), now);
        if (Object.keys(problems).length) return fail(problems, 409);
      }
      await trx.updateTable("consultations").set({ opens_at: now }).where("id", "=", id).execute();
      effects.push(...(await recordMove(trx, id, current, to, userId, "Opened early by an officer", now)));
    } else if (move === "close_now") {
      await trx.updateTable("consultations").set({ closes_at: now }).where("id", "=", id).execute();
      effects.push(...(await recordMove(trx, id, current, to, userId, "Closed early by an officer", now)));
    } else {
      effects.push(...(await recordMove(trx, id, current, to, userId, "Returned to draft by an officer", now)));
    }
    await audit(trx, actor, `consultation.${to}`, `consultation:${id}`, { from: current });
    return ok({ status: to }, effects);
  });
}
