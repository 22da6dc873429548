import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { NotificationBanner } from "~/components/govuk/content";
import { getCouncil, listLocalities } from "~/modules/localities/localities.server";
import { can } from "~/modules/permissions/permissions";
import { whatsOpenWithHome } from "~/modules/whats-open/whats-open.server";
import { OpenNowList } from "~/modules/whats-open/components/OpenNowList";

export const handle = { title: "Home" };

export async function loader({ context }: LoaderFunctionArgs) {
  const [council, localities, lists] = await Promise.all([
    getCouncil(context.db),
    listLocalities(context.db),
    whatsOpenWithHome(context.db, { home: context.actor.user?.homeLocalityId ?? null }),
  ]);
  const open = lists.open;
  // a resident's own locality comes first, as registration promises
  const home = localities.find((l) => l.id === context.actor.user?.homeLocalityId) ?? null;
  const openHere = home ? lists.openHere : [];
  return {
    council: { name: council.name, serviceName: council.service_name },
    localities,
    open,
    signedIn: Boolean(context.actor.user),
    // Officers and members start their day from their own page; the home page points them to it.
    yourWork: can(context.actor, "work.view"),
    yourBoards: can(context.actor, "member.view"),
    home: home && { name: home.name, slug: home.slug, open: openHere },
  };
}

const SECTIONS = [
  { href: "/consultations", title: "Consultations", text: "Have your say on proposals for your area before decisions are taken, and see what changed because of what people said." },
  { href: "/challenges", title: "Community Right to Challenge", text: "Community groups and employees can express an interest in running a council service." },
  { href: "/boards", title: "Boards and meetings", text: "Agendas, papers, live meetings, minutes and the decisions local boards take." },
  { href: "/outcomes", title: "Outcomes and evidence", text: "What the council is working towards, what the evidence says, and the decisions that follow." },
];

export default function Home() {
  const { council, localities, open, signedIn, home, yourWork, yourBoards } = useLoaderData<typeof loader>();
  const hereHrefs = new Set(home?.open.map((o) => o.href) ?? []);
  const elsewhere = home ? open.filter((o) => !hereHrefs.has(o.href)) : open;
  const [params] = useSearchParams();
  return (
    <>
      {params.get("signedOut") && !signedIn && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">You have signed out</p>
        </NotificationBanner>
      )}
      {(yourWork || yourBoards) && (
        <NotificationBanner title="Your work">
          {yourWork && (
            <p className="govuk-notification-banner__heading">
              <a className="govuk-notification-banner__link" href="/work">Go to your work</a>: expressions of interest, consultations, agendas and reported comments that need you.
            </p>
          )}
          {yourBoards && (
            <p className="govuk-notification-banner__heading">
              <a className="govuk-notification-banner__link" href="/your-boards">Go to your boards</a>: your meetings, papers and register of interests.
            </p>
          )}
        </NotificationBanner>
      )}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-xl">{council.name}</span>
          <h1 className="govuk-heading-xl">Take part in decisions about your area</h1>
          <p className="govuk-body-l">
            Answer consultations, follow local board meetings as they happen, and see how what residents say and what the evidence shows lead to decisions.
          </p>
          {!signedIn && (
            <p className="govuk-body">
              You can read everything without an account. <a className="govuk-link" href="/register">Create an account</a> or{" "}
              <a className="govuk-link" href="/sign-in">sign in</a> to respond, comment and vote.
            </p>
          )}
        </div>
      </div>

      {home && (
        <>
          <h2 className="govuk-heading-l">Open now in {home.name}</h2>
          <OpenNowList items={home.open} emptyText={`Nothing is open for comment in ${home.name} right now.`} />
          <p className="govuk-body">
            <a className="govuk-link" href={`/localities/${home.slug}`}>More about {home.name}</a> ·{" "}
            <a className="govuk-link" href={`/localities/${home.slug}/discussion`}>{home.name} discussion</a>
          </p>
        </>
      )}
      <h2 className="govuk-heading-l">{home ? "Open elsewhere in the council" : "Open now"}</h2>
      <OpenNowList items={elsewhere} emptyText={home ? "Nothing else is open for comment right now." : "Nothing is open for comment across the council right now."} />

      <h2 className="govuk-heading-l">What you can do</h2>
      {[SECTIONS.slice(0, 2), SECTIONS.slice(2)].map((row, i) => (
        <div className="govuk-grid-row" key={i}>
          {row.map((s) => (
            <div className="govuk-grid-column-one-half" key={s.href}>
              <h3 className="govuk-heading-m">
                <a className="govuk-link" href={s.href}>
                  {s.title}
                </a>
              </h3>
              <p className="govuk-body">{s.text}</p>
            </div>
          ))}
        </div>
      ))}

      <h2 className="govuk-heading-l">Your area</h2>
      <ul className="govuk-list">
        {localities.map((l) => (
          <li key={l.id}>
            <a className="govuk-link" href={`/localities/${l.slug}`}>
              {l.name}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
