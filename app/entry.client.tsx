import { RemixBrowser } from "@remix-run/react";
import { StrictMode, useEffect } from "react";
import { hydrateRoot } from "react-dom/client";

/**
 * The first moments of hydration, made safe for someone who clicks or types at once.
 *
 * `hydrateRoot` only schedules the first render. If a click, key press or input reaches React
 * before that render has run, React 18.3 hydrates synchronously for it. With single fetch,
 * `RemixBrowser` always suspends on its first render (it decodes the page's data stream), and a
 * suspension in a synchronous hydration fails twice over: React records an error, retries without
 * the synchronous lane, suspends again and throws "Root did not complete" (#345), then renders
 * the whole page again on the client, wiping what the person typed (React PR #28800 describes the
 * fault). Once the first render has run, the decode is under way and React waits for it instead.
 *
 * So, until `RemixBrowser` has begun (it takes the stream from `window.__remixContext`) and at the
 * latest until the first commit, these events are kept from React: they still do what they do in
 * the browser without JavaScript (a link is followed, a form is posted, a key types), which Moot
 * supports on every page. The window is one task long; nothing is lost in it.
 */
const EVENTS_THAT_HYDRATE = [
  "mousedown", "mouseup", "touchcancel", "touchend", "touchstart", "auxclick", "dblclick", "pointercancel",
  "pointerdown", "pointerup", "dragend", "dragstart", "drop", "compositionend", "compositionstart", "keydown",
  "keypress", "keyup", "input", "textInput", "copy", "cut", "paste", "click", "change", "contextmenu", "reset", "submit",
];

type RemixWindow = Window & { __remixContext?: { stream?: unknown } };

let released = false;
function release(): void {
  if (released) return;
  released = true;
  for (const type of EVENTS_THAT_HYDRATE) window.removeEventListener(type, holdBack, true);
}
function holdBack(event: Event): void {
  if ((window as RemixWindow).__remixContext?.stream === undefined) return release();
  event.stopPropagation(); // React listens on the document, below the window: it does not see this one
}
for (const type of EVENTS_THAT_HYDRATE) window.addEventListener(type, holdBack, true);

function Hydrated(): null {
  useEffect(release, []);
  return null;
}

hydrateRoot(
  document,
  <StrictMode>
    <RemixBrowser />
    <Hydrated />
  </StrictMode>,
);
