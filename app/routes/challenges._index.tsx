import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { InsetText, Tag } from "~/components/govuk/content";
import { can } from "~/modules/permissions/permissions";
import { formatPeriod } from "~/lib/dates";
import { listMyGroups, listServices } from "~/modules/challenges/challenges.server";

export const handle = { title: "Community Right to Challenge" };

export async function loader({ context }: LoaderFunctionArgs) {
  const [services, groups] = await Promise.all([listServices(context.db), listMyGroups(context.db, context.actor)]);
  return { services, groups, rep: can(context.actor, "challenge.submit"), officer: can(context.actor, "challenge.handle") };
}

export default function Challenges() {
  const { services, groups, rep, officer } = useLoaderData<typeof loader>();
  const relevant = services.filter((s) => s.excludedReason === null);
  const excluded = services.filter((s) => s.excludedReason !== null);
  return (
    <>
      <h1 className="govuk-heading-l">Community Right to Challenge</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body-l">
            Voluntary and community bodies, charities, parish councils and groups of two or more council employees can express an interest in running a council service (Localism Act 2011, Part 5 Chapter 2).
          </p>
          <p className="govuk-body">
            <a className="govuk-link" href="/challenges/register">See the register of expressions of interest and decisions</a>
          </p>
          {officer && (
            <p className="govuk-body">
              <a className="govuk-link" href="/challenges/manage">Handle expressions of interest</a>
            </p>
          )}
        </div>
      </div>

      {rep && (
        <section aria-labelledby="your-groups">
          <h2 className="govuk-heading-m" id="your-groups">Your groups</h2>
          {groups.length ? (
            <ul className="govuk-list">
              {groups.map((g) => (
                <li key={g.id}><a className="govuk-link" href={`/challenges/groups/${g.id}`}>{g.name}</a></li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">You do not act for a group yet.</p>
          )}
          <a className="govuk-button govuk-button--secondary" href="/challenges/groups/new">Register a group</a>
        </section>
      )}

      <h2 className="govuk-heading-m">Services open to challenge</h2>
      {relevant.map((s) => (
        <div key={s.id} id={`service-${s.slug}`} className="govuk-summary-card">
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">{s.name}</h3>
            {s.openNow ? <Tag colour="green">Open now</Tag> : <Tag colour="grey">Not open now</Tag>}
            {officer && (
              <ul className="govuk-summary-card__actions">
                <li className="govuk-summary-card__action">
                  <a className="govuk-link" href={`/challenges/manage/services/${s.id}`}>Change<span className="govuk-visually-hidden"> {s.name}</span></a>
                </li>
              </ul>
            )}
          </div>
          <div className="govuk-summary-card__content">
            <p className="govuk-body">{s.description}</p>
            <dl className="govuk-summary-list">
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">When you can submit</dt>
                <dd className="govuk-summary-list__value">
                  {s.anyTime ? "At any time" : s.windows.map((w) => formatPeriod(w.opensOn, w.closesOn)).join("; ") || "No period set"}
                </dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Procurement starts</dt>
                <dd className="govuk-summary-list__value">
                  Between {s.procurementMinMonths} and {s.procurementMaxMonths} months after an expression of interest is accepted
                </dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Outcomes</dt>
                <dd className="govuk-summary-list__value">{s.outcomes.map((o) => o.title).join(", ")}</dd>
              </div>
            </dl>
            {(s.openNow || rep) && (
              <a className={`govuk-button${s.openNow ? "" : " govuk-button--secondary"} govuk-!-margin-bottom-0`} href={`/challenges/services/${s.id}/express`}>
                Express an interest<span className="govuk-visually-hidden"> in running {s.name}</span>
              </a>
            )}
          </div>
        </div>
      ))}

      <h2 className="govuk-heading-m">Services not open to challenge</h2>
      {excluded.map((s) => (
        <div key={s.id} id={`service-${s.slug}`}>
          <h3 className="govuk-heading-s">{s.name}</h3>
          <InsetText>{s.excludedReason}</InsetText>
          {officer && <p className="govuk-body"><a className="govuk-link" href={`/challenges/manage/services/${s.id}`}>Change<span className="govuk-visually-hidden"> {s.name}</span></a></p>}
        </div>
      ))}
    </>
  );
}
