import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { alternateLinks, CHALLENGE_REGISTER_FEED } from "~/modules/syndication/links";
import { useLoaderData } from "@remix-run/react";
import { listLocalities } from "~/modules/localities/localities.server";
import { listFrameworkTrees } from "~/modules/outcomes/outcomes.server";
import { listRegister, listServices } from "~/modules/challenges/challenges.server";
import { registerFilterSchema } from "~/modules/challenges/schema";
import { DataTable, StatusTag } from "~/modules/challenges/components/EoiParts";

export const handle = { title: "Register of expressions of interest" };

export const meta: MetaFunction = () => alternateLinks([CHALLENGE_REGISTER_FEED]);

export async function loader({ context, request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const filter = registerFilterSchema.parse(Object.fromEntries(url.searchParams));
  const [rows, services, localities, frameworks] = await Promise.all([
    listRegister(context.db, filter),
    listServices(context.db),
    listLocalities(context.db),
    listFrameworkTrees(context.db),
  ]);
  const outcomes = frameworks.flatMap((f) => f.outcomes.flatMap((o) => [{ id: o.id, title: o.title }, ...o.children.map((c) => ({ id: c.id, title: `${o.title}: ${c.title}` }))]));
  return { rows, filter, services: services.filter((s) => s.excludedReason === null), localities, outcomes, query: url.search };
}

function FilterSelect({ name, label, value, options }: { name: string; label: string; value: number | undefined; options: { id: number; title: string }[] }) {
  return (
    <div className="govuk-form-group">
      <label className="govuk-label govuk-label--s" htmlFor={`filter-${name}`}>{label}</label>
      <select className="govuk-select" id={`filter-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">All</option>
        {options.map((o) => <option key={o.id} value={o.id}>{o.title}</option>)}
      </select>
    </div>
  );
}

export default function Register() {
  const { rows, filter, services, localities, outcomes, query } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Register of expressions of interest</h1>
      <p className="govuk-body">
        Every expression of interest the council has received, its status and the decision notice. Parts a group marked commercially confidential are not published.
      </p>
      <form method="get" action="/challenges/register" className="govuk-!-margin-bottom-6">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-third"><FilterSelect name="service" label="Service" value={filter.service} options={services.map((s) => ({ id: s.id, title: s.name }))} /></div>
          <div className="govuk-grid-column-one-third"><FilterSelect name="locality" label="Locality" value={filter.locality} options={localities.map((l) => ({ id: l.id, title: l.name }))} /></div>
          <div className="govuk-grid-column-one-third"><FilterSelect name="outcome" label="Outcome" value={filter.outcome} options={outcomes} /></div>
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">Filter</button>
      </form>
      <p className="govuk-body">
        <a className="govuk-link" href={`/challenges/register.csv${query}`} download>Download this list as CSV</a>
      </p>
      <p className="govuk-body"><a className="govuk-link" href={CHALLENGE_REGISTER_FEED.href}>Follow the register (Atom feed)</a></p>
      {rows.length === 0 ? (
        <p className="govuk-body">No expressions of interest match.</p>
      ) : (
        <DataTable
          caption={`${rows.length} expression${rows.length === 1 ? "" : "s"} of interest`}
          headings={["Expression of interest", "Service", "Localities", "Received", "Status"]}
          rows={rows.map((r) => ({
            key: r.id,
            cells: [
              <>
                <a className="govuk-link" href={`/challenges/register/${r.id}`}>{r.title}</a>
                <br />
                <span className="govuk-body-s">{r.groupName}</span>
              </>,
              r.serviceName,
              r.localities.join(", "),
              r.submittedOn,
              <StatusTag status={r.status} />,
            ],
          }))}
        />
      )}
    </>
  );
}
