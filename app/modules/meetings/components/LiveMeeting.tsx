/**
 * The live strip of a public meeting page. Server-rendered from the database; with JavaScript it
 * follows the meeting's room over Socket.IO and applies what each event carries: the log entry,
 * and (on the last event of a change) the live view after it — attendance, quorum, the item being
 * considered, motions with their named votes, decisions and the meeting's state. An event never
 * makes the page reload. After a (re)connect it asks for the events it missed (by the last id it
 * saw) and the live view now.
 */
import { useEffect, useRef, useState } from "react";
import { acquireSocket, type LiveSocket } from "~/lib/live-socket";
import type { PublicLiveView, PublicMeetingEvent } from "../socket-events";

export type { PublicLiveView };

export function useMeetingEvents(meetingId: number, initial: PublicMeetingEvent[], initialLive: PublicLiveView, enabled: boolean) {
  const [events, setEvents] = useState(initial);
  const [live, setLive] = useState(initialLive);
  const [connected, setConnected] = useState(false);
  const lastId = useRef(initial.at(-1)?.id ?? 0);
  const liveAsOf = useRef(initialLive.asOf);

  // Newer page data (after one of this page's own forms was sent) wins over an older live view.
  useEffect(() => {
    if (initialLive.asOf > liveAsOf.current) {
      liveAsOf.current = initialLive.asOf;
      setLive(initialLive);
    }
  }, [initialLive]);

  useEffect(() => {
    if (!enabled) return;
    let closed = false;
    let cleanup = () => {};
    const applyLive = (view: PublicLiveView | undefined) => {
      if (!view || view.asOf < liveAsOf.current) return;
      liveAsOf.current = view.asOf;
      setLive(view);
    };
    const add = (incoming: PublicMeetingEvent[]) => {
      const fresh = incoming.filter((e) => e.id > lastId.current);
      if (!fresh.length) return;
      lastId.current = fresh.at(-1)!.id;
      setEvents((old) => [...old, ...fresh.map(({ live: _live, ...entry }) => entry)].slice(-100));
      for (const event of fresh) applyLive(event.live as PublicLiveView | undefined);
    };
    const join = (socket: LiveSocket) => {
      socket.emit("meeting:join", { meetingId, after: lastId.current }, (reply) => {
        setConnected(reply.ok);
        if (!reply.ok) return;
        add(reply.events);
        applyLive(reply.live as PublicLiveView);
      });
    };
    // One connection for the page: the residents' feed below shares it.
    void acquireSocket(join).then(({ socket, release }) => {
      if (closed) return release();
      const onDisconnect = () => setConnected(false);
      const onEvent = (event: PublicMeetingEvent) => {
        if (event.meetingId === meetingId) add([event]);
      };
      socket.on("disconnect", onDisconnect);
      socket.on("meeting:event", onEvent);
      cleanup = () => {
        socket.off("disconnect", onDisconnect);
        socket.off("meeting:event", onEvent);
        release();
      };
    });
    return () => {
      closed = true;
      cleanup();
    };
  }, [meetingId, enabled]);

  return { events, live, connected };
}

export function MeetingLog({ events, connected }: { events: PublicMeetingEvent[]; connected: boolean }) {
  return (
    <section aria-labelledby="meeting-log-heading" className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m" id="meeting-log-heading">As it happens</h2>
      <p className="govuk-body-s" data-testid="live-status">{connected ? "Updating live." : "Refresh the page to see the latest."}</p>
      <ol className="govuk-list moot-meeting-log" aria-live="polite" aria-relevant="additions" data-testid="meeting-log">
        {[...events].reverse().map((e) => (
          <li key={e.id} className="govuk-!-margin-bottom-2">
            <span className="govuk-body-s govuk-!-margin-right-2">{new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(e.at))}</span>
            {e.text}
          </li>
        ))}
      </ol>
    </section>
  );
}
