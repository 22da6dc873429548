/**
 * A meeting's live public view: join the room FIRST, then read the events since the client's last
 * one and the live view now. An event committed in between then arrives twice (live and in the
 * reply) rather than never; clients apply each id once.
 */
import { joinMeetingSchema } from "../../app/modules/meetings/schema";
import { publicEventsSince } from "../../app/modules/meetings/meetings.server";
import { validate } from "../../app/lib/forms";
import { readArgs } from "../ack";
import { rooms } from "../../app/lib/socket-events";
import { TOO_MANY } from "../limits";
import type { SocketHandlers } from "../io";

export const meetingHandlers: SocketHandlers = (socket, { db, logger, allowed }) => {
  // Read loosely: a client may send only an ack (`emit("meeting:join", ack)`), which is answered too.
  (socket as unknown as { on(n: string, f: (...args: unknown[]) => void): void }).on("meeting:join", async (...args: unknown[]) => {
    const { ack, payload } = readArgs(args);
    if (!ack) return;
    try {
      if (!(await allowed())) return ack({ ok: false, error: TOO_MANY });
      const parsed = validate(joinMeetingSchema, payload);
      if (!parsed.ok) return ack({ ok: false, error: "Choose a meeting to follow" });
      // Join first, then read: an event committed in between is in the read or arrives live.
      const room = rooms.meeting(parsed.value.meetingId);
      await socket.join(room);
      const caughtUp = await publicEventsSince(db, parsed.value.meetingId, parsed.value.after ?? 0);
      if (!caughtUp) {
        await socket.leave(room);
        return ack({ ok: false, error: "There is no published meeting with that number" });
      }
      ack({ ok: true, events: caughtUp.events, live: caughtUp.live });
    } catch (error) {
      logger.error({ err: error }, "meeting:join failed");
      ack({ ok: false, error: "Could not follow the meeting. Try again." });
    }
  });
};
