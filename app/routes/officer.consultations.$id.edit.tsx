import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ErrorSummary, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure } from "~/lib/http.server";
import { DetailsForm, flattenOutcomes } from "~/modules/consultations/components/DetailsForm";
import { getConsultationPage, updateConsultation } from "~/modules/consultations/consultations.server";
import { londonParts } from "~/lib/london-time";
import { loadManaged } from "~/modules/consultations/routes.server";
import { listLocalities } from "~/modules/localities/localities.server";
import { listFrameworkTrees } from "~/modules/outcomes/outcomes.server";

export const handle = { title: "Edit consultation details" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const c = await loadManaged(context, request, params.id);
  const [localities, frameworks, page] = await Promise.all([listLocalities(context.db), listFrameworkTrees(context.db), getConsultationPage(context.db, context.actor, c.id)]);
  const values: Record<string, string | string[]> = {
    title: c.title,
    summary: c.summary,
    background: c.background,
    proposal: c.proposal,
    noDecisionStatement: c.no_decision_statement,
    optionsConsidered: c.options_considered,
    whoIsConsulted: c.who_is_consulted,
    howResponsesUsed: c.how_responses_used,
    privacyNotice: c.privacy_notice,
    contact: c.contact,
    shortPeriodReason: c.short_period_reason,
    localityIds: c.localityIds.map(String),
    outcomeNodeIds: page.ok ? page.value.outcomes.map((o) => String(o.id)) : [],
  };
  if (c.whole_council) values.wholeCouncil = "yes";
  for (const [field, at] of [["opensAt", c.opens_at], ["closesAt", c.closes_at]] as const) {
    if (at) for (const [k, v] of Object.entries(londonParts(at))) values[`${field}.${k}`] = v;
  }
  if (c.retention_until) {
    const [y, m, d] = new Date(c.retention_until).toISOString().slice(0, 10).split("-");
    Object.assign(values, { "retentionUntil.day": String(Number(d)), "retentionUntil.month": String(Number(m)), "retentionUntil.year": y });
  }
  return { id: c.id, title: c.title, localities, outcomes: flattenOutcomes(frameworks), values };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const c = await loadManaged(context, request, params.id);
  const formData = await request.formData();
  const result = await updateConsultation(context.db, context.actor, c.id, formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/officer/consultations/${c.id}`);
}

export default function EditConsultation() {
  const { title, localities, outcomes, values } = useLoaderData<typeof loader>();
  const form = useFormState(values);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} />
        <span className="govuk-caption-l">{title}</span>
        <h1 className="govuk-heading-l">Edit consultation details</h1>
        <DetailsForm form={form} localities={localities} outcomes={outcomes} submitLabel="Save details" />
      </div>
    </div>
  );
}
