import { RemixBrowser } from "@remix-run/react";
import { StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";

// Hydrate in one go, not inside startTransition: a transition's hydration yields to the browser,
// and a keyboard user who presses the skip link at once changes the URL's hash mid-hydration,
// which made React throw "root did not complete" (#345) and rebuild the page.
hydrateRoot(
  document,
  <StrictMode>
    <RemixBrowser />
  </StrictMode>,
);
