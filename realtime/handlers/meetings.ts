/** A meeting's live public view: join the room and catch up on public events from the database. */
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
      const events = await publicEventsSince(db, parsed.value.meetingId, parsed.value.after ?? 0);
      if (!events) return ack({ ok: false, error: "There is no published meeting with that number" });
      await socket.join(rooms.meeting(parsed.value.meetingId));
      ack({ ok: true, events });
    } catch (error) {
      logger.error({ err: error }, "meeting:join failed");
      ack({ ok: false, error: "Could not follow the meeting. Try again." });
    }
  });
};
