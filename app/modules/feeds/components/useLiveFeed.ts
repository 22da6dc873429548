/**
 * Progressive enhancement: connect to the feed's room, catch up from the page's last event id,
 * then apply live events and tallies. Reconnects catch up the same way. Without JavaScript this
 * never runs and the page is a plain list with forms.
 */
import { useEffect, useRef, useState } from "react";
import type { ServerToClientEvents } from "../../../lib/socket-events";
import { acquireSocket, type LiveSocket } from "../../../lib/live-socket";
import { announcement, applyEvent, applyTally, rebase, type FeedState } from "../feed-state";
import type { FeedEventView } from "../types";

export interface LiveFeed {
  state: FeedState;
  viewers: number | null;
  connected: boolean;
  /** The latest polite announcement for screen readers. */
  announced: string;
}

const KEEP_APPLIED = 500;

export function useLiveFeed(feedId: number, initial: FeedState): LiveFeed {
  const [state, setState] = useState(initial);
  const [viewers, setViewers] = useState<number | null>(null);
  const [connected, setConnected] = useState(false);
  const [announced, setAnnounced] = useState("");
  const lastId = useRef(initial.lastEventId);
  /** The events applied lately, to apply again over page data read before them. */
  const applied = useRef<FeedEventView[]>([]);

  // New page data (after a form post or "load earlier") replaces ours, with the events this page
  // has applied since that data was read; later events still apply.
  useEffect(() => {
    const next = rebase(initial, applied.current);
    setState(next);
    lastId.current = next.lastEventId;
  }, [initial]);

  useEffect(() => {
    let closed = false;
    let cleanup = () => {};
    let joining = false;
    const buffered: FeedEventView[] = [];
    const apply = (events: FeedEventView[]) => {
      const fresh = events.filter((e) => e.id > lastId.current).sort((a, b) => a.id - b.id);
      if (!fresh.length) return;
      lastId.current = fresh.at(-1)!.id;
      applied.current = [...applied.current, ...fresh].slice(-KEEP_APPLIED);
      setState((s) => fresh.reduce(applyEvent, s));
      const said = fresh.map(announcement).filter(Boolean).at(-1);
      if (said) setAnnounced(said);
    };
    const join = async (socket: LiveSocket) => {
      setConnected(true);
      joining = true;
      let complete = false;
      while (!complete && !closed) {
        const reply = await socket.timeout(10_000).emitWithAck("feed:join", { feedId, after: lastId.current }).catch(() => null);
        if (!reply || !reply.ok) break;
        apply(reply.events);
        const polls = reply.polls ?? [];
        if (polls.length) setState((s) => polls.reduce(applyTally, s)); // counts as they are now
        setViewers(reply.viewers);
        complete = reply.complete;
      }
      joining = false;
      apply(buffered.splice(0));
    };
    // The page's other live parts (a meeting's live strip) share this one connection.
    void acquireSocket((socket) => void join(socket)).then(({ socket, release }) => {
      if (closed) return release();
      const onDisconnect = () => setConnected(false);
      const onEvent: ServerToClientEvents["feed:event"] = (event) => {
        if (event.feedId !== feedId) return;
        if (joining) buffered.push(event);
        else apply([event]);
      };
      const onTally: ServerToClientEvents["feed:tally"] = ({ feedId: id, poll }) => {
        if (id === feedId) setState((s) => applyTally(s, poll));
      };
      const onViewers: ServerToClientEvents["feed:viewers"] = ({ feedId: id, viewers: n }) => {
        if (id === feedId) setViewers(n);
      };
      socket.on("disconnect", onDisconnect);
      socket.on("feed:event", onEvent);
      socket.on("feed:tally", onTally);
      socket.on("feed:viewers", onViewers);
      cleanup = () => {
        socket.off("disconnect", onDisconnect);
        socket.off("feed:event", onEvent);
        socket.off("feed:tally", onTally);
        socket.off("feed:viewers", onViewers);
        if (socket.connected) socket.emit("feed:leave", { feedId }, () => {});
        release();
      };
    });
    return () => {
      closed = true;
      cleanup();
    };
  }, [feedId]);

  return { state, viewers, connected, announced };
}
