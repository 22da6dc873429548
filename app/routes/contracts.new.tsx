import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, Checkboxes, ErrorSummary, Radios, Select, Textarea, TextInput, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { DELIVERY_OPTION_LABELS } from "~/modules/evidence/review-schema";
import { arrangementChoices } from "~/modules/providers/page.server";
import { createArrangement } from "~/modules/providers/providers.server";
import { ARRANGEMENT_KIND_LABELS, GRANT_APPROVAL_LABELS, PAYMENT_MODEL_LABELS } from "~/modules/providers/schema";

export const handle = { title: "Record a contract, grant or in-house service agreement" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "contracts.manage", { kind: "anywhere" });
  return arrangementChoices(context.db);
}

export async function action({ context, request }: ActionFunctionArgs) {
  requirePermission(context, request, "contracts.manage", { kind: "anywhere" });
  const formData = await request.formData();
  const result = await createArrangement(context.db, context.actor, formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/contracts/${result.value.arrangementId}/setup`);
}

export default function NewArrangement() {
  const { providers, reviews, localities, outcomes } = useLoaderData<typeof loader>();
  const form = useFormState({ paymentModel: "fixed" });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} />
        <a className="govuk-back-link" href="/contracts">Contracts and grants</a>
        <h1 className="govuk-heading-l">Record a contract, grant or in-house service agreement</h1>
        <Form method="post" noValidate>
          <TextInput form={form} name="title" label="Service" hint="What is delivered, like “Household waste and recycling collection”" />
          <Radios form={form} name="kind" label="Kind of arrangement" options={Object.entries(ARRANGEMENT_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
          <Select form={form} name="providerId" label="Provider" placeholder="Choose the provider" options={providers.map((p) => ({ value: String(p.id), label: p.name }))} hint={<>Not listed? <a className="govuk-link" href="/contracts/providers">Add the provider</a> first.</>} />
          <Select form={form} name="reviewId" label="Commissioning review it comes from (optional)" placeholder="None: arranged before Moot" options={reviews.map((r) => ({ value: String(r.id), label: r.serviceArea }))} />
          <Select
            form={form}
            name="reviewOption"
            label="Option chosen in that review (optional)"
            placeholder="Not recorded"
            options={[...new Set(reviews.flatMap((r) => r.options))].map((o) => ({ value: o, label: DELIVERY_OPTION_LABELS[o] }))}
            hint="It must be one of the options the review considered."
          />
          <Select form={form} name="localityId" label="Area" placeholder="Council-wide" options={localities.map((l) => ({ value: String(l.id), label: l.name }))} />
          <TextInput form={form} name="value" label="Total value, in pounds" hint="Over the whole term, like 360,000" width="10" inputMode="decimal" />
          <Radios
            form={form}
            name="paymentModel"
            label="How the provider is paid"
            options={[
              { value: "fixed", label: PAYMENT_MODEL_LABELS.fixed },
              {
                value: "per_unit",
                label: PAYMENT_MODEL_LABELS.per_unit,
                conditional: (
                  <>
                    <TextInput form={form} name="unitPrice" label="Price per unit, in pounds" width="10" inputMode="decimal" />
                    <TextInput form={form} name="unitName" label="Unit" hint="Like “hour of care”" />
                  </>
                ),
              },
              { value: "payment_by_results", label: PAYMENT_MODEL_LABELS.payment_by_results, conditional: <TextInput form={form} name="atRiskPercent" label="Share of the payment at risk, as a percentage" width="3" inputMode="numeric" /> },
            ]}
          />
          <Textarea form={form} name="paymentTerms" label="Payment terms (optional)" rows={2} />
          <TextInput form={form} name="startsOn" label="Start date" hint="Like 2027-04-01" width="10" />
          <TextInput form={form} name="endsOn" label="End date" hint="Like 2030-03-31" width="10" />
          <TextInput form={form} name="extensionOptions" label="Extension options (optional)" />
          <Radios form={form} name="approvalRoute" label="For a grant: how it was approved" options={Object.entries(GRANT_APPROVAL_LABELS).map(([value, label]) => ({ value, label }))} />
          <Textarea form={form} name="conditions" label="Grant conditions (optional)" rows={2} />
          <Textarea form={form} name="keyTerms" label="Key terms summary for members" rows={4} hint="Written to be shared with board members: duration, payment, deductions, termination." />
          <Checkboxes
            form={form}
            name="commercialConfidential"
            label="Confidentiality"
            options={[{ value: "yes", label: "The value and payment terms are commercially confidential", hint: "Only contract managers and the provider see them; everyone else sees the key terms and performance." }]}
          />
          <Checkboxes form={form} name="critical" label="Provider failure" options={[{ value: "yes", label: "This is a critical service: keep a contingency plan" }]} />
          <Checkboxes form={form} name="outcomeNodeIds" label="Outcomes it serves" options={outcomes.map((o) => ({ value: String(o.id), label: o.label }))} />
          <Button>Record and add KPIs</Button>
        </Form>
      </div>
    </div>
  );
}
