import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/govuk/breadcrumbs";
import { InsetText } from "~/components/govuk/content";
import { notFound, rowIdParam } from "~/lib/http.server";
import { outcomePage } from "~/modules/evidence/dashboard.server";
import { EvidenceList, ThreadSections } from "~/modules/evidence/components/EvidenceList";
import { LineChart } from "~/modules/evidence/components/LineChart";
import { evidenceLinks } from "~/modules/evidence/links";
import { listLocalities } from "~/modules/localities/localities.server";

export const handle = {
  title: (data: unknown) => {
    const d = data as { page?: { node: { title: string } }; locality?: { name: string } | null } | undefined;
    return d?.page ? `${d.page.node.title}${d.locality ? ` in ${d.locality.name}` : ""}` : "Outcome";
  },
};
export const links = evidenceLinks;

export async function loader({ context, params, request }: LoaderFunctionArgs) {
  const slug = new URL(request.url).searchParams.get("locality") ?? "";
  const localities = await listLocalities(context.db);
  const locality = localities.find((l) => l.slug === slug) ?? null;
  const page = await outcomePage(context.db, context.actor, rowIdParam(params.nodeId), locality);
  if (!page) notFound("There is no outcome at this address.");
  return { page, locality, localities };
}

const KIND = { outcome: "Outcome", priority: "Priority", measure: "Measure" } as Record<string, string>;

export default function OutcomePage() {
  const { page, locality, localities } = useLoaderData<typeof loader>();
  const where = locality ? ` in ${locality.name}` : "";
  return (
    <>
      <Breadcrumbs
        items={[
          { href: "/outcomes", text: "Outcomes and evidence" },
          ...page.ancestors.map((a) => ({ href: `/outcomes/${a.id}${locality ? `?locality=${locality.slug}` : ""}`, text: a.title })),
        ]}
      />
      <span className="govuk-caption-l">
        {KIND[page.node.kind]} · {page.framework.name}
      </span>
      <h1 className="govuk-heading-l">
        {page.node.title}
        {where}
      </h1>
      {page.node.retired && <InsetText>This {page.node.kind} has been retired. It is kept so the record of past evidence and decisions stays complete.</InsetText>}
      {page.node.description && <p className="govuk-body-l">{page.node.description}</p>}

      <form method="get" className="govuk-!-margin-bottom-6">
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="locality">
            Show for an area
          </label>
          <select className="govuk-select" id="locality" name="locality" defaultValue={locality?.slug ?? ""}>
            <option value="">Council-wide</option>
            {localities.map((l) => (
              <option key={l.id} value={l.slug}>
                {l.name}
              </option>
            ))}
          </select>{" "}
          <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
            Show
          </button>
        </div>
      </form>

      {page.children.length > 0 && (
        <>
          <h2 className="govuk-heading-m">{page.node.kind === "outcome" ? "Priorities" : "Measures"}</h2>
          <ul className="govuk-list govuk-list--bullet">
            {page.children.map((c) => (
              <li key={c.id}>
                <a className="govuk-link" href={`/outcomes/${c.id}${locality ? `?locality=${locality.slug}` : ""}`}>
                  {c.title}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}

      <h2 className="govuk-heading-m">How we are doing{where}</h2>
      {page.measures.length ? (
        page.measures.map((m) => <LineChart key={m.id} data={m.chart} />)
      ) : (
        <p className="govuk-body">There are no measures with values for this yet.</p>
      )}

      <h2 className="govuk-heading-m">What the evidence says</h2>
      <EvidenceList items={page.evidence} empty={`No evidence has been tagged to ${page.node.title}${where} yet.`} />
      <p className="govuk-body">
        <a className="govuk-link" href={`/evidence?outcome=${page.node.id}`}>
          Search all evidence for {page.node.title}
        </a>
      </p>

      <h2 className="govuk-heading-m">Consultations, decisions, challenges and reviews linked to this outcome</h2>
      <ThreadSections sections={page.thread} emptyText={() => `None linked to this outcome${where} yet.`} />
    </>
  );
}
