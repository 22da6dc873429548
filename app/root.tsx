import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useContext, useEffect, type ReactNode } from "react";
import { UNSAFE_DataRouterStateContext } from "react-router-dom";
import { can } from "~/modules/permissions/permissions";
import { getCouncil } from "~/modules/localities/localities.server";

export async function loader({ context }: LoaderFunctionArgs) {
  const council = await getCouncil(context.db);
  const user = context.actor.user;
  return {
    nonce: context.nonce,
    council: { name: council.name, serviceName: council.service_name },
    user: user ? { displayName: user.displayName } : null,
    canAdmin: can(context.actor, "admin.view"),
    yourWork: can(context.actor, "work.view"),
    yourBoards: can(context.actor, "member.view"),
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

/** Routes give their page title in `handle.title` (a string, or a function of their loader data). */
export interface RouteHandle {
  title?: string | ((data: unknown) => string);
}

const NAV = [
  { href: "/consultations", text: "Consultations" },
  { href: "/challenges", text: "Right to Challenge" },
  { href: "/boards", text: "Boards and meetings" },
  { href: "/outcomes", text: "Outcomes and evidence" },
  { href: "/contracts", text: "Contracts and grants" },
  { href: "/commissioning-strategies", text: "Commissioning" },
];

/** "Error: " before the title when the page shows a form with errors (GOV.UK pattern). */
function usePageTitle(serviceName: string, fallback?: string): string {
  const matches = useMatches();
  const state = useContext(UNSAFE_DataRouterStateContext);
  let title = fallback;
  if (!title) {
    for (const match of [...matches].reverse()) {
      const handle = match.handle as RouteHandle | undefined;
      if (handle?.title) {
        title = typeof handle.title === "function" ? handle.title(match.data) : handle.title;
        break;
      }
    }
  }
  const actionData = Object.values(state?.actionData ?? {});
  const hasErrors = actionData.some((d) => d && typeof d === "object" && (d as { ok?: unknown }).ok === false);
  return `${hasErrors ? "Error: " : ""}${title ? `${title} – ` : ""}${serviceName}`;
}

function Document({ title, children }: { title: string; children: ReactNode }) {
  const root = useRouteLoaderData<RootData>("root");
  const location = useLocation();
  const serviceName = root?.council.serviceName ?? "Moot";
  useEffect(() => {
    document.body.classList.add("js-enabled", "govuk-frontend-supported");
    // After the first load and after every client-side navigation: start the GOV.UK Frontend
    // components the new page brought. Components already started refuse a second start with an
    // error that is expected here, so errors are not logged.
    void import("govuk-frontend").then(({ initAll }) => initAll({ onError: () => undefined }));
  }, [location.key]);
  return (
    <html lang="en" className="govuk-template">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#1d70b8" />
        <title>{title}</title>
        <link rel="stylesheet" href="/govuk/govuk-frontend.min.css" />
        <link rel="stylesheet" href="/styles/moot.css" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <Meta />
        <Links />
      </head>
      <body className="govuk-template__body" suppressHydrationWarning>
        <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
          Skip to main content
        </a>
        <header className="govuk-generic-header moot-header">
          <div className="govuk-generic-header__container govuk-width-container">
            <div className="govuk-generic-header__logo">
              <a href="/" className="govuk-generic-header__homepage-link">
                {root?.council.name ?? "Moot"}
              </a>
            </div>
          </div>
        </header>
        <section aria-label="Service information" className="govuk-service-navigation" data-module="govuk-service-navigation">
          <div className="govuk-width-container">
            <div className="govuk-service-navigation__container">
              <span className="govuk-service-navigation__service-name">
                <a href="/" className="govuk-service-navigation__link">
                  {serviceName}
                </a>
              </span>
              <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
                <button type="button" className="govuk-service-navigation__toggle govuk-js-service-navigation-toggle" aria-controls="navigation" hidden aria-hidden="true">
                  Menu
                </button>
                <ul className="govuk-service-navigation__list" id="navigation">
                  {[...NAV, ...(root?.yourWork ? [{ href: "/work", text: "Your work" }] : []), ...(root?.yourBoards ? [{ href: "/your-boards", text: "Your boards" }] : [])].map((item) => {
                    const active = location.pathname === item.href || location.pathname.startsWith(`${item.href}/`);
                    return (
                      <li key={item.href} className={`govuk-service-navigation__item${active ? " govuk-service-navigation__item--active" : ""}`}>
                        <a className="govuk-service-navigation__link" href={item.href} aria-current={active ? "page" : undefined}>
                          {active ? <strong className="govuk-service-navigation__active-fallback">{item.text}</strong> : item.text}
                        </a>
                      </li>
                    );
                  })}
                  {root?.canAdmin && (
                    <li className="govuk-service-navigation__item">
                      <a className="govuk-service-navigation__link" href="/admin">
                        Administration
                      </a>
                    </li>
                  )}
                </ul>
              </nav>
            </div>
            <div className="moot-account-links">
              {root?.user ? (
                <>
                  <a className="govuk-link govuk-link--no-visited-state" href="/account">
                    <span className="govuk-visually-hidden">Your account: </span>
                    {root.user.displayName}
                  </a>
                  <form method="post" action="/sign-out" className="moot-inline-form">
                    <button type="submit" className="moot-link-button">
                      Sign out
                    </button>
                  </form>
                </>
              ) : (
                <>
                  <a className="govuk-link govuk-link--no-visited-state" href="/sign-in">
                    Sign in
                  </a>
                  <a className="govuk-link govuk-link--no-visited-state" href="/register">
                    Create an account
                  </a>
                </>
              )}
            </div>
          </div>
        </section>
        <div className="govuk-width-container">
          <main className="govuk-main-wrapper" id="main-content">
            {children}
          </main>
        </div>
        <footer className="govuk-footer">
          <div className="govuk-width-container">
            <div className="govuk-footer__meta">
              <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
                <h2 className="govuk-visually-hidden">Support links</h2>
                <ul className="govuk-footer__inline-list">
                  <li className="govuk-footer__inline-list-item">
                    <a className="govuk-footer__link" href="/accessibility">Accessibility statement</a>
                  </li>
                  <li className="govuk-footer__inline-list-item">
                    <a className="govuk-footer__link" href="/privacy">Privacy notice</a>
                  </li>
                  <li className="govuk-footer__inline-list-item">
                    <a className="govuk-footer__link" href="/cookies">Cookies</a>
                  </li>
                  <li className="govuk-footer__inline-list-item">
                    <a className="govuk-footer__link" href="/localities">Localities</a>
                  </li>
                  <li className="govuk-footer__inline-list-item">
                    <a className="govuk-footer__link" href="/forward-plan">Forward plan</a>
                  </li>
                </ul>
                <p className="govuk-body-s">
                  {serviceName} is run by {root?.council.name ?? "the council"}.
                </p>
              </div>
            </div>
          </div>
        </footer>
        <ScrollRestoration nonce={root?.nonce} />
        <Scripts nonce={root?.nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const root = useRouteLoaderData<RootData>("root");
  const title = usePageTitle(root?.council.serviceName ?? "Moot");
  return (
    <Document title={title}>
      <Outlet />
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  let heading = "Sorry, there is a problem with the service";
  let body: ReactNode = <p className="govuk-body">Try again later. If you were filling in a form, what you entered has not been saved.</p>;
  if (isRouteErrorResponse(error)) {
    const message = (error.data as { message?: string } | undefined)?.message;
    if (error.status === 404) {
      heading = "Page not found";
      body = (
        <>
          <p className="govuk-body">{message && message !== "Page not found" ? message : "If you typed the web address, check it is correct."}</p>
          <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
          <p className="govuk-body">
            <a className="govuk-link" href="/">Go to the home page</a>
          </p>
        </>
      );
    } else if (error.status === 403) {
      heading = "You cannot do this";
      body = (
        <>
          <p className="govuk-body">{message ?? "You do not have permission to see this page."}</p>
          <p className="govuk-body">If you think you should have access, contact the council.</p>
        </>
      );
    } else if (error.status >= 400 && error.status < 500 && message) {
      // Input refused before any feature code ran (input-limits.ts): say why, and that nothing was saved.
      heading = "There is a problem with what was sent";
      body = (
        <>
          <p className="govuk-body">{message}</p>
          <p className="govuk-body"><a className="govuk-link" href="/">Go to the home page</a></p>
        </>
      );
    }
  } else if (import.meta.env.DEV) {
    console.error(error);
  }
  return (
    <Document title={`${heading} – Moot`}>
      <h1 className="govuk-heading-l">{heading}</h1>
      {body}
    </Document>
  );
}
