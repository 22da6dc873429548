/** A meeting's live public view: join the room and catch up on public events from the database. */
import { joinMeetingSchema } from "../../app/modules/meetings/schema";
import { publicEventsSince } from "../../app/modules/meetings/meetings.server";
import { validate } from "../../app/lib/forms";
import { readArgs } from "../ack";
import { rooms } from "../events";
import { TOO_MANY } from "../limits";
import type { SocketHandlers } from "../server";

export const meetingHandlers: SocketHandlers = (socket, { db, logger, allowed }) => {
  // Read loosely: a client may send only an ack (`emit("meeting:join", ack)`), which is answered too.
  (socket as unknown as { on(n: string, f: (...args: unknown[]) => void): void }).on("meeting:join", async (...args: unknown[]) => {
    const { ack, payload } = readArgs(args);
    if (!ack) return;
    try {
      if (!(await allowed())) return ack({ ok: false, error: TOO_MANY });
      const parsed = validate(joinMeetingSchema, payload);
      if (!parsed.ok) return ack({ ok: false, error: "Choose a meeting to follow" });
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
