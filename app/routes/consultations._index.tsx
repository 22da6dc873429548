import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { alternateLinks, CONSULTATIONS_FEED } from "~/modules/syndication/links";
import { Link, useLoaderData } from "@remix-run/react";
import { Tag } from "~/components/govuk/content";
import { formatLondon } from "~/lib/london-time";
import { listHub } from "~/modules/consultations/consultations.server";
import { hubFilterSchema } from "~/modules/consultations/schema";
import { STATUS_COLOURS, STATUS_LABELS } from "~/modules/consultations/transitions";
import { listLocalities } from "~/modules/localities/localities.server";
import { ANYWHERE, can } from "~/modules/permissions/permissions";

export const handle = { title: "Consultations" };

export const meta: MetaFunction = () => alternateLinks([CONSULTATIONS_FEED]);

export async function loader({ context, request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const filter = hubFilterSchema.parse(Object.fromEntries(url.searchParams));
  const localities = await listLocalities(context.db);
  const locality = localities.find((l) => l.slug === filter.locality) ?? null;
  const consultations = await listHub(context.db, { q: filter.q, localityId: locality?.id ?? null, status: filter.status });
  return { mayManage: can(context.actor, "consultation.manage", ANYWHERE), localities, consultations, filter: { q: filter.q ?? "", locality: locality?.slug ?? "", status: filter.status ?? "" } };
}

export default function ConsultationHub() {
  const { localities, consultations, filter, mayManage } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Consultations</h1>
      <p className="govuk-body-l">Have your say on proposals for your area while they can still change, and see what was decided.</p>
      <p className="govuk-body"><a className="govuk-link" href="/consultations.atom">Find out when consultations open (Atom feed)</a></p>
      {mayManage && (
        <p className="govuk-body">
          <Link className="govuk-link" to="/officer/consultations">Manage consultations</Link>
        </p>
      )}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <form method="get" role="search" aria-label="Find consultations">
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="q">
                Search
              </label>
              <input className="govuk-input" id="q" name="q" type="search" defaultValue={filter.q} />
            </div>
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="locality">
                Locality
              </label>
              <select className="govuk-select" id="locality" name="locality" defaultValue={filter.locality}>
                <option value="">All localities</option>
                {localities.map((l) => (
                  <option key={l.id} value={l.slug}>
                    {l.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="status">
                Status
              </label>
              <select className="govuk-select" id="status" name="status" defaultValue={filter.status}>
                <option value="">Open, upcoming and closed</option>
                <option value="open">Open</option>
                <option value="upcoming">Upcoming</option>
                <option value="closed">Closed</option>
              </select>
            </div>
            <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Apply filters
            </button>
          </form>
        </div>
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">
            {consultations.length} {consultations.length === 1 ? "consultation" : "consultations"}
          </h2>
          {consultations.length === 0 && <p className="govuk-body">No consultations match. Try other words or remove a filter.</p>}
          <ul className="govuk-list">
            {consultations.map((c) => (
              <li key={c.id} className="govuk-!-margin-bottom-6">
                <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                  <Link className="govuk-link" to={`/consultations/${c.id}`}>
                    {c.title}
                  </Link>
                </h3>
                <Tag colour={STATUS_COLOURS[c.status]}>{c.status === "scheduled" ? "Upcoming" : STATUS_LABELS[c.status]}</Tag>
                <p className="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-1">{c.summary}</p>
                <p className="govuk-body-s">
                  {c.status === "scheduled" ? `Opens ${formatLondon(c.opens_at)}` : c.status === "open" ? `Closes ${formatLondon(c.closes_at)}` : `Closed ${formatLondon(c.closes_at)}`}
                  {" · "}
                  {c.whole_council ? "Whole council" : c.locality_names.join(", ")}
                </p>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </>
  );
}
