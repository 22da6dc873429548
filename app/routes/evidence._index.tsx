import { DateInput } from "~/components/govuk/date-input";
import { formInput } from "~/lib/forms";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EvidenceList } from "~/modules/evidence/components/EvidenceList";
import { searchEvidence } from "~/modules/evidence/evidence.server";
import { evidenceLinks } from "~/modules/evidence/links";
import { EVIDENCE_TYPE_LABELS, STAGE_LABELS } from "~/modules/evidence/schema";
import { listLocalities } from "~/modules/localities/localities.server";
import { listNodeOptions } from "~/modules/outcomes/outcomes.server";
import { ANYWHERE, can } from "~/modules/permissions/permissions";
import { Select, TextInput, type FormState } from "~/components/govuk/form";

export const handle = { title: "Evidence library" };
export const links = evidenceLinks;

export async function loader({ context, request }: LoaderFunctionArgs) {
  const params = formInput(new URL(request.url).searchParams);
  const [result, localities, nodes] = await Promise.all([searchEvidence(context.db, context.actor, params), listLocalities(context.db), listNodeOptions(context.db)]);
  return { ...result, localities, outcomes: nodes.filter((n) => n.kind !== "measure"), canManage: can(context.actor, "evidence.manage", ANYWHERE), canImport: can(context.actor, "evidence.manage") };
}

export default function EvidenceLibrary() {
  const { filter, items, localities, outcomes, canManage, canImport } = useLoaderData<typeof loader>();
  // The filters are a GET form: show what was asked for again, no errors.
  const form: FormState = { errors: {}, values: Object.fromEntries(Object.entries(filter).map(([k, v]) => [k, v === undefined ? "" : String(v)])) };
  const Filter = ({ id, label, options }: { id: string; label: string; options: { value: string; label: string }[] }) => (
    <Select form={form} name={id} label={label} placeholder="Any" options={options} />
  );
  return (
    <>
      <h1 className="govuk-heading-l">Evidence library</h1>
      <p className="govuk-body">What the council knows: statistics, needs assessments, performance data, what residents have told us, research and more, each with its source.</p>
      {canManage && (
        <p className="govuk-body">
          <a className="govuk-button govuk-!-margin-right-2" href="/evidence/new">Add evidence</a>
          {canImport && <a className="govuk-button govuk-button--secondary" href="/evidence/import">Import indicator values</a>}
        </p>
      )}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <form method="get" role="search" aria-label="Evidence">
            <TextInput form={form} name="q" label="Search" type="search" />
            <Filter id="outcome" label="Outcome" options={outcomes.map((o) => ({ value: String(o.id), label: o.label }))} />
            <Filter id="locality" label="Area" options={[{ value: "council", label: "Council-wide" }, ...localities.map((l) => ({ value: String(l.id), label: l.name }))]} />
            <Filter id="type" label="Type" options={Object.entries(EVIDENCE_TYPE_LABELS).map(([value, label]) => ({ value, label }))} />
            <Filter id="stage" label="Commissioning stage" options={Object.entries(STAGE_LABELS).map(([value, label]) => ({ value, label }))} />
            <DateInput form={form} name="from" label="From" hint="For example, 1 4 2025" />
            <DateInput form={form} name="to" label="To" hint="For example, 31 3 2026" />
            <TextInput form={form} name="source" label="Source organisation" />
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
