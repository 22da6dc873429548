/**
 * Progressive enhancement: connect to the feed's room, catch up from the page's last event id,
 * then apply live events and tallies. Reconnects catch up the same way. Without JavaScript this
 * never runs and the page is a plain list with forms.
 */
import { useEffect, useRef, useState } from "react";
import type { ClientToServerEvents, ServerToClientEvents } from "../../../../realtime/events";
import { announcement, applyEvent, applyTally, type FeedState } from "../feed-state";
import type { FeedEventView } from "../types";

export interface LiveFeed {
  state: FeedState;
  viewers: number | null;
  connected: boolean;
  /** The latest polite announcement for screen readers. */
  announced: string;
}

export function useLiveFeed(feedId: number, initial: FeedState): LiveFeed {
  const [state, setState] = useState(initial);
  const [viewers, setViewers] = useState<number | null>(null);
  const [connected, setConnected] = useState(false);
  const [announced, setAnnounced] = useState("");
  const lastId = useRef(initial.lastEventId);

  // New page data (after a form post or "load earlier") replaces ours; events after it still apply.
  useEffect(() => {
    setState(initial);
    lastId.current = initial.lastEventId;
  }, [initial]);

  useEffect(() => {
    let closed = false;
    let cleanup = () => {};
    void import("socket.io-client").then(({ io }) => {
      if (closed) return;
      const socket: import("socket.io-client").Socket<ServerToClientEvents, ClientToServerEvents> = io({ transports: ["websocket"] });
      let joining = false;
      const buffered: FeedEventView[] = [];
      const apply = (events: FeedEventView[]) => {
        const fresh = events.filter((e) => e.id > lastId.current).sort((a, b) => a.id - b.id);
        if (!fresh.length) return;
        lastId.current = fresh.at(-1)!.id;
        setState((s) => fresh.reduce(applyEvent, s));
        const said = fresh.map(announcement).filter(Boolean).at(-1);
        if (said) setAnnounced(said);
      };
      const join = async () => {
        joining = true;
        let complete = false;
        while (!complete && !closed) {
          const reply = await socket.timeout(10_000).emitWithAck("feed:join", { feedId, after: lastId.current }).catch(() => null);
          if (!reply || !reply.ok) break;
          apply(reply.events);
          setViewers(reply.viewers);
          complete = reply.complete;
        }
        joining = false;
        apply(buffered.splice(0));
      };
      socket.on("connect", () => {
        setConnected(true);
        void join();
      });
      socket.on("disconnect", () => setConnected(false));
      socket.on("feed:event", (event) => {
        if (event.feedId !== feedId) return;
        if (joining) buffered.push(event);
        else apply([event]);
      });
      socket.on("feed:tally", ({ feedId: id, poll }) => {
        if (id === feedId) setState((s) => applyTally(s, poll));
      });
      socket.on("feed:viewers", ({ feedId: id, viewers: n }) => {
        if (id === feedId) setViewers(n);
      });
      cleanup = () => socket.close();
    });
    return () => {
      closed = true;
      cleanup();
    };
  }, [feedId]);

  return { state, viewers, connected, announced };
}
