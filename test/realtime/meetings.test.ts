import { describe, expect, it } from "vitest";
import { io as connect, type Socket } from "socket.io-client";
import {
  addAgendaItem,
  createMeeting,
  excludePublic,
  openItem,
  RETURNED_TO_PUBLIC,
  proposeMotion,
  publishAgenda,
  recordAttendance,
  startMeeting,
} from "../../app/modules/meetings/meetings.server";
import type { Result } from "../../app/lib/result";
import { settle } from "../../app/lib/effects.server";
import type { ClientToServerEvents, ServerToClientEvents } from "../../app/lib/socket-events";
import type { PublicMeetingEvent } from "../../app/modules/meetings/socket-events";
import { useMoot } from "./support/one-moot";
import { actorFor } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });
const server = useMoot(t);

function client(): Socket<ServerToClientEvents, ClientToServerEvents> {
  return connect(server.moot.url, { transports: ["websocket"], reconnection: false, forceNew: true });
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe("a meeting's live public view", () => {
  it("gets public events live and on catch-up, but nothing from an exempt item", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const chair = await actorFor(t.db, "chair@moot.example");
    const board = await t.db.selectFrom("boards").select("id").where("slug", "=", "northgate-locality-board").executeTakeFirstOrThrow();
    const members = await t.db.selectFrom("board_members").select(["id", "name"]).where("board_id", "=", board.id).where("voting", "=", true).orderBy("id").execute();
    const { meetingId } = value(await createMeeting(t.db, officer, { boardId: board.id, title: "Socket test", startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), venue: "Hall" }));
    value(await addAgendaItem(t.db, officer, { meetingId, kind: "information", title: "Open item" }));
    value(await addAgendaItem(t.db, officer, { meetingId, kind: "exempt", title: "Staff restructure", exemptParagraph: "4", publicInterestReason: "Consultation with staff is under way", summary: "CONFIDENTIAL-SUMMARY" }));
    const items = await t.db.selectFrom("agenda_items").select("id").where("meeting_id", "=", meetingId).orderBy("position").execute();

    // The server must refuse to follow a meeting that is still a draft.
    const early = client();
    expect(await early.timeout(5000).emitWithAck("meeting:join", { meetingId })).toMatchObject({ ok: false });
    early.close();

    await settle(server.moot.bus, publishAgenda(t.db, officer, { meetingId }));
    const viewer = client();
    const received: PublicMeetingEvent[] = [];
    viewer.on("meeting:event", (e) => received.push(e));
    const joined = await viewer.timeout(5000).emitWithAck("meeting:join", { meetingId });
    expect(joined).toMatchObject({ ok: true, events: [{ kind: "agenda" }] });

    const run = (p: Promise<Result<{ meetingId: number; events: PublicMeetingEvent[] }>>) => settle(server.moot.bus, p);
    await run(startMeeting(t.db, chair, { meetingId, confirmEarly: "yes" }));
    await run(recordAttendance(t.db, chair, { meetingId, memberId: members[0]!.id, status: "present" }));
    await run(recordAttendance(t.db, chair, { meetingId, memberId: members[1]!.id, status: "present" }));
    await run(recordAttendance(t.db, chair, { meetingId, memberId: members[2]!.id, status: "present" }));
    await run(openItem(t.db, chair, { meetingId, itemId: items[0]!.id }));
    await run(excludePublic(t.db, chair, { meetingId, exemptItemId: items[1]!.id, movedById: members[0]!.id, secondedById: members[1]!.id, votesFor: "3", votesAgainst: "0" }));
    await run(proposeMotion(t.db, chair, { meetingId, text: "CONFIDENTIAL-MOTION: restructure the team", proposerId: members[0]!.id, seconderId: members[1]!.id }));
    await run(openItem(t.db, chair, { meetingId, itemId: items[0]!.id }));

    await expect.poll(() => received.at(-1)?.text, { timeout: 15_000 }).toMatch(/Now considering item 1/);
    // Joining first and reading second means an event from before the join (the agenda's, still
    // on its way) can arrive live as well as in the reply; clients apply each id once.
    const after = joined.ok ? joined.events.at(-1)!.id : 0;
    const texts = received.filter((e) => e.id > after).map((e) => e.text);
    expect(texts).toContainEqual(expect.stringMatching(/Cllr Helen Okafor is present/));
    expect(texts).toContainEqual("The meeting is in private for item 2 under paragraph 4 of Schedule 12A. The public feed is paused.");
    expect(texts).toContainEqual(RETURNED_TO_PUBLIC);
    const everything = JSON.stringify(received);
    expect(everything).not.toContain("CONFIDENTIAL");
    expect(everything).not.toContain("Staff restructure");

    // Catch-up after a reconnect reads the same public events from the database, and no more.
    const late = client();
    const catchUp = await late.timeout(5000).emitWithAck("meeting:join", { meetingId, after });
    expect(catchUp.ok && catchUp.events.map((e: PublicMeetingEvent) => e.text)).toEqual(texts);
    viewer.close();
    late.close();
  });

  it("joins the room before reading, so an event committed between the read and the join is not lost", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const chair = await actorFor(t.db, "chair@moot.example");
    const board = await t.db.selectFrom("boards").select("id").where("slug", "=", "northgate-locality-board").executeTakeFirstOrThrow();
    const member = await t.db.selectFrom("board_members").select(["id", "name"]).where("board_id", "=", board.id).where("voting", "=", true).orderBy("id").executeTakeFirstOrThrow();
    const { meetingId } = value(await createMeeting(t.db, officer, { boardId: board.id, title: "Race test", startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), venue: "Hall" }));
    value(await addAgendaItem(t.db, officer, { meetingId, kind: "information", title: "Only item" }));
    await settle(server.moot.bus, publishAgenda(t.db, officer, { meetingId }));
    await settle(server.moot.bus, startMeeting(t.db, chair, { meetingId }));

    // While the server puts this socket in the meeting's room, the chair records attendance and
    // it is broadcast (and delivered) just before the socket is actually in the room.
    let recorded = false;
    const intercept = (socket: { join(room: string): unknown }) => {
      const join = socket.join.bind(socket);
      socket.join = async (room: string) => {
        if (room === `meeting:${meetingId}` && !recorded) {
          recorded = true;
          await settle(server.moot.bus, recordAttendance(t.db, chair, { meetingId, memberId: member.id, status: "present" }));
          await new Promise((r) => setTimeout(r, 200));
        }
        return join(room);
      };
    };
    server.moot.io.on("connection", intercept);
    const viewer = client();
    const live: PublicMeetingEvent[] = [];
    viewer.on("meeting:event", (e) => live.push(e));
    try {
      const reply = await viewer.timeout(5000).emitWithAck("meeting:join", { meetingId, after: 0 });
      expect(recorded).toBe(true);
      const seen = [...(reply.ok ? reply.events : []), ...live].map((e) => e.text);
      expect(seen).toContainEqual(expect.stringMatching(new RegExp(`${member.name} is present`)));
      // and the reply's live view already counts them
      expect(reply.ok && reply.live.members.find((m: { memberId: number; inRoom: boolean }) => m.memberId === member.id)?.inRoom).toBe(true);
    } finally {
      server.moot.io.off("connection", intercept);
      viewer.close();
    }
  });

  it("answers a malformed join with a clear error", async () => {
    const socket = client();
    expect(await socket.timeout(5000).emitWithAck("meeting:join", { meetingId: -4 } as never)).toEqual({ ok: false, error: "Choose a meeting to follow" });
    socket.close();
  });
});
