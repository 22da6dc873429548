/**
 * A meeting's live public view: join the room FIRST, then read the events since the client's last
 * one and the live view now. An event committed in between then arrives twice (live and in the
 * reply) rather than never; clients apply each id once.
 */
import { joinMeetingSchema } from "../../app/modules/meetings/schema";
import { publicEventsSince } from "../../app/modules/meetings/meetings.server";
import { validate } from "../../app/lib/forms";
import { rooms } from "../events";
import type { SocketHandlers } from "../server";

export const meetingHandlers: SocketHandlers = (socket, { db, logger }) => {
  socket.on("meeting:join", async (payload, ack) => {
    if (typeof ack !== "function") return;
    const parsed = validate(joinMeetingSchema, payload);
    if (!parsed.ok) return ack({ ok: false, error: "Choose a meeting to follow" });
    try {
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
