/**
 * Live feed events. Each handler: the flood guard (per person and per address), the module function (which
 * checks permission, validates with the forms' zod schema and writes in one transaction), then
 * the ack, then `settle()` of the module's result (its effects: broadcasts, tallies) — the same
 * function route actions use. Nothing a client sends can throw out of here: unexpected errors are
 * logged and answered with an error ack.
 */
import type { Logger } from "pino";
import * as feeds from "../../app/modules/feeds/feeds.server";
import { joinSchema } from "../../app/modules/feeds/schema";
import type { FeedEventView } from "../../app/modules/feeds/types";
import { settle } from "../../app/lib/effects.server";
import { validate } from "../../app/lib/forms";
import type { Result } from "../../app/lib/result";
import type { Database } from "../../db/client";
import { rooms, type Ack, type ClientToServerEvents } from "../../app/lib/socket-events";
import { TOO_MANY } from "../limits";
import type { MootIo, SocketHandlers } from "../io";

/** What a handler answers: the ack, the module's result (whose effects are settled), and work to do after. */
interface Handled {
  ack: Ack<Record<string, unknown>>;
  result?: Result<unknown>;
  after?: () => void;
}

const firstError = (r: { errors: Record<string, string> }) => Object.values(r.errors)[0] ?? "That could not be done.";

// --- viewer counts, coalesced: one recount per room per second at most --------------------------
const VIEWER_INTERVAL_MS = 1000;
const pendingCounts = new WeakMap<MootIo, Set<string>>();
const lastCounts = new WeakMap<MootIo, Map<number, number>>();

function recountSoon(io: MootIo, feedId: number): void {
  let pending = pendingCounts.get(io);
  if (!pending) pendingCounts.set(io, (pending = new Set()));
  const room = rooms.feed(feedId);
  if (pending.has(room)) return;
  pending.add(room);
  setTimeout(() => {
    pending.delete(room);
    io.in(room)
      .fetchSockets() // every process's sockets, through the adapter
      .then((sockets) => {
        let counts = lastCounts.get(io);
        if (!counts) lastCounts.set(io, (counts = new Map()));
        counts.set(feedId, sockets.length);
        io.to(room).emit("feed:viewers", { feedId, viewers: sockets.length });
      })
      .catch(() => undefined);
  }, VIEWER_INTERVAL_MS).unref();
}

function viewersNow(io: MootIo, feedId: number): number {
  const local = io.of("/").adapter.rooms.get(rooms.feed(feedId))?.size ?? 0;
  return Math.max(local, lastCounts.get(io)?.get(feedId) ?? 0);
}

export const feedHandlers: SocketHandlers = (socket, { db, io, bus, logger, allowed }) => {
  /**
   * Register one event: `run` returns the ack to send and the module result whose effects are settled after it.
   * A payload-less call (`emit(name, ack)`) is answered too; a call without an ack is ignored.
   */
  function on(name: keyof ClientToServerEvents, run: (payload: unknown) => Promise<Handled>) {
    (socket as unknown as { on(n: string, f: (...args: unknown[]) => void): void }).on(name, async (...args: unknown[]) => {
      const ack = args.findLast((a) => typeof a === "function") as ((reply: Handled["ack"]) => void) | undefined;
      if (!ack) return;
      const payload = typeof args[0] === "function" ? undefined : args[0];
      try {
        if (!(await allowed())) return ack({ ok: false, error: TOO_MANY });
        const { ack: reply, result, after } = await run(payload);
        ack(reply);
        if (result) await settle(bus, result);
        after?.();
      } catch (error) {
        (logger as Logger).error({ err: error, event: name }, "feed event failed");
        ack({ ok: false, error: "Sorry, that could not be saved. Nothing was changed. Try again." });
      }
    });
  }

  /** The usual shape: a module write whose committed events are broadcast. */
  const write = (fn: (db: Database, actor: typeof socket.data.actor, input: unknown) => Promise<Result<{ events: FeedEventView[] }>>) => async (payload: unknown) => {
    const result = await fn(db, socket.data.actor, payload);
    if (!result.ok) return { ack: { ok: false as const, error: firstError(result) } };
    return { ack: { ok: true as const, eventId: result.value.events.at(-1)!.id }, result };
  };

  on("feed:join", async (payload) => {
    const parsed = validate(joinSchema, payload);
    if (!parsed.ok) return { ack: { ok: false, error: firstError(parsed) } };
    const feed = await feeds.findFeed(db, parsed.value.feedId);
    if (!feed) return { ack: { ok: false, error: "There is no such feed. It may have been removed." } };
    // Join first, then read: an event committed in between arrives twice (live and replayed)
    // rather than never; clients drop ids they have already applied.
    await socket.join(rooms.feed(feed.id));
    const reconnect = parsed.value.after !== undefined;
    const caughtUp = reconnect ? await feeds.eventsAfter(db, feed.id, parsed.value.after!) : { events: [], complete: true };
    // Tallies are not events: a reconnecting client also needs the counts as they are now.
    const polls = reconnect ? await feeds.feedPolls(db, feed.id) : undefined;
    return {
      ack: { ok: true, feed, events: caughtUp.events, complete: caughtUp.complete, viewers: viewersNow(io, feed.id), polls },
      after: () => recountSoon(io, feed.id),
    };
  });

  on("feed:leave", async (payload) => {
    const parsed = validate(joinSchema, payload);
    if (!parsed.ok) return { ack: { ok: false, error: firstError(parsed) } };
    await socket.leave(rooms.feed(parsed.value.feedId));
    return { ack: { ok: true }, after: () => recountSoon(io, parsed.value.feedId) };
  });

  socket.on("disconnecting", () => {
    for (const room of socket.rooms) {
      const match = /^feed:(\d+)$/.exec(room);
      if (match) recountSoon(io, Number(match[1]));
    }
  });

  on("comment:post", async (payload) => {
    const result = await feeds.postComment(db, socket.data.actor, payload);
    if (!result.ok) return { ack: { ok: false, error: firstError(result) } };
    return { ack: { ok: true, comment: result.value.comment, eventId: result.value.events[0]!.id }, result };
  });
  on("comment:edit", write(feeds.editComment));
  on("comment:delete", write(feeds.deleteComment));
  on("comment:react", write(feeds.reactToComment));
  on("comment:hide", write(feeds.hideComment));
  on("comment:restore", write(feeds.restoreComment));
  on("poll:close", write(feeds.closePoll));
  on("poll:hide", write(feeds.hidePoll));
  on("poll:restore", write(feeds.restorePoll));
  on("comment:flag", async (payload) => {
    const result = await feeds.flagComment(db, socket.data.actor, payload);
    if (!result.ok) return { ack: { ok: false, error: firstError(result) } };
    return { ack: { ok: true }, result }; // its effects (the moderators' alert) are settled like every write
  });
  on("poll:open", async (payload) => {
    const result = await feeds.openPoll(db, socket.data.actor, payload);
    if (!result.ok) return { ack: { ok: false, error: firstError(result) } };
    return { ack: { ok: true, pollId: result.value.pollId, eventId: result.value.events[0]!.id }, result };
  });
  on("poll:vote", async (payload) => {
    const result = await feeds.castVote(db, socket.data.actor, payload);
    if (!result.ok) return { ack: { ok: false, error: firstError(result) } };
    return { ack: { ok: true }, result };
  });
};
