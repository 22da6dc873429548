import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EvidenceList } from "~/modules/evidence/components/EvidenceList";
import { searchEvidence } from "~/modules/evidence/evidence.server";
import { evidenceLinks } from "~/modules/evidence/links";
import { EVIDENCE_TYPE_LABELS, STAGE_LABELS } from "~/modules/evidence/schema";
import { listLocalities } from "~/modules/localities/localities.server";
import { listNodeOptions } from "~/modules/outcomes/outcomes.server";
import { can } from "~/modules/permissions/permissions";

export const handle = { title: "Evidence library" };
export const links = evidenceLinks;

export async function loader({ context, request }: LoaderFunctionArgs) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const [result, localities, nodes] = await Promise.all([searchEvidence(context.db, context.actor, params), listLocalities(context.db), listNodeOptions(context.db)]);
  return { ...result, localities, outcomes: nodes.filter((n) => n.kind !== "measure"), canManage: can(context.actor, "evidence.manage") };
}

function Filter({ id, label, value, options }: { id: string; label: string; value: string; options: { value: string; label: string }[] }) {
  return (
    <div className="govuk-form-group">
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      <select className="govuk-select govuk-!-width-full" id={id} name={id} defaultValue={value}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function EvidenceLibrary() {
  const { filter, items, localities, outcomes, canManage } = useLoaderData<typeof loader>();
  const text = (v: unknown) => (v === undefined || v === null ? "" : String(v));
  return (
    <>
      <h1 className="govuk-heading-l">Evidence library</h1>
      <p className="govuk-body">What the council knows: statistics, needs assessments, performance data, what residents have told us, research and more, each with its source.</p>
      {canManage && (
        <p className="govuk-body">
          <a className="govuk-button govuk-!-margin-right-2" href="/evidence/new">Add evidence</a>
          <a className="govuk-button govuk-button--secondary" href="/evidence/import">Import indicator values</a>
        </p>
      )}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <form method="get" role="search" aria-label="Evidence">
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="q">
                Search
              </label>
              <input className="govuk-input" id="q" name="q" type="search" defaultValue={text(filter.q)} />
            </div>
            <Filter id="outcome" label="Outcome" value={text(filter.outcome)} options={outcomes.map((o) => ({ value: String(o.id), label: o.label }))} />
            <Filter id="locality" label="Area" value={text(filter.locality)} options={[{ value: "council", label: "Council-wide" }, ...localities.map((l) => ({ value: String(l.id), label: l.name }))]} />
            <Filter id="type" label="Type" value={text(filter.type)} options={Object.entries(EVIDENCE_TYPE_LABELS).map(([value, label]) => ({ value, label }))} />
            <Filter id="stage" label="Commissioning stage" value={text(filter.stage)} options={Object.entries(STAGE_LABELS).map(([value, label]) => ({ value, label }))} />
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="from">
                From (YYYY-MM-DD)
              </label>
              <input className="govuk-input govuk-input--width-10" id="from" name="from" defaultValue={text(filter.from)} />
            </div>
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="to">
                To (YYYY-MM-DD)
              </label>
              <input className="govuk-input govuk-input--width-10" id="to" name="to" defaultValue={text(filter.to)} />
            </div>
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="source">
                Source organisation
              </label>
              <input className="govuk-input" id="source" name="source" defaultValue={text(filter.source)} />
            </div>
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Apply filters
            </button>
            <p className="govuk-body">
              <a className="govuk-link" href="/evidence">Clear filters</a>
            </p>
          </form>
        </div>
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m" aria-live="polite">
            {items.length} {items.length === 1 ? "item" : "items"} found
          </h2>
          <EvidenceList items={items} empty="No evidence matches. Try fewer words or clear the filters." />
        </div>
      </div>
    </>
  );
}
