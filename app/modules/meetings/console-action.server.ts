/**
 * Board meetings: the shape of one console action (validate, load and lock, authorise, act in one
 * transaction) and its success, whose public events are broadcast after commit.
 */
import type { Database } from "../../../db/client";
import { rooms } from "../../lib/socket-events";
import type { PublicMeetingEvent } from "./socket-events";
import { broadcast } from "../../lib/effects";
import { transact } from "../../lib/effects.server";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { type Actor } from "../permissions/permissions";
import { type Announced, type LoadedMeeting, begin, isFailure } from "./meetings-shared.server";
import { publicLive } from "./read.server";

/**
 * A console action's success: its public events, each broadcast to the meeting's room after
 * commit. The last one carries the public live view as it is now (read inside the transaction,
 * so it is exactly what commits), which viewers apply: an event never makes a page reload.
 */
export async function done(trx: Database, meetingId: number, ...recorded: (PublicMeetingEvent | null)[]): Promise<Result<Announced>> {
  const events = recorded.filter((e): e is PublicMeetingEvent => e !== null);
  if (events.length) {
    const last = events.at(-1)!;
    const live = await publicLive(trx, meetingId, last.id);
    if (live) events[events.length - 1] = { ...last, live };
  }
  return ok({ meetingId, events }, events.map((event) => broadcast(rooms.meeting(meetingId), "meeting:event", event)));
}

/** One console action: validate, load and lock the meeting, authorise, then act in one transaction. */
export function action<S extends Parameters<typeof validate>[0]>(schema: S, how: "manage" | "run", act: (trx: Database, meeting: LoadedMeeting, input: import("zod").output<S> & { meetingId: number }, actor: Actor) => Promise<Result<Announced>>) {
  return async (db: Database, actor: Actor, input: unknown): Promise<Result<Announced>> => {
    if (!actor.user) return fail("Sign in to do this", 403);
    const parsed = validate(schema, input);
    if (!parsed.ok) return parsed;
    const value = parsed.value as import("zod").output<S> & { meetingId: number };
    // A refusal rolls the whole transaction back (transact): nothing half-recorded.
    return transact(db, async (trx) => {
      const meeting = await begin(trx, actor, value.meetingId, how);
      if (isFailure(meeting)) return meeting;
      const result = await act(trx, meeting, value, actor);
      if (!result.ok) return result;
      await audit(trx, actor, `meeting.${act.name || "action"}`, `meeting:${meeting.id}`, {});
      return result;
    });
  };
}
