import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, Radios, Select, Textarea, TextInput, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, requirePermission } from "~/lib/http.server";
import { createEvidence } from "~/modules/evidence/evidence.server";
import { evidenceLinks } from "~/modules/evidence/links";
import { CONFIDENCE_LABELS, EVIDENCE_TYPE_LABELS, STAGE_LABELS } from "~/modules/evidence/schema";
import { listLocalities } from "~/modules/localities/localities.server";
import { listNodeOptions } from "~/modules/outcomes/outcomes.server";
import { OutcomesField, VisibilityField } from "~/modules/evidence/components/EvidenceFields";

export const handle = { title: "Add evidence" };
export const links = evidenceLinks;

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "evidence.manage");
  const [localities, outcomes] = await Promise.all([listLocalities(context.db), listNodeOptions(context.db)]);
  return { localities, outcomes };
}

export async function action({ context, request }: ActionFunctionArgs) {
  requirePermission(context, request, "evidence.manage");
  const formData = await request.formData();
  const result = await createEvidence(context.db, context.actor, formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/evidence/${result.value.evidenceId}`);
}

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export default function AddEvidence() {
  const { localities, outcomes } = useLoaderData<typeof loader>();
  const form = useFormState({ visibility: "internal", confidence: "moderate" });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} />
        <h1 className="govuk-heading-l">Add evidence</h1>
        <Form method="post" noValidate>
          <TextInput form={form} name="title" label="Title" />
          <Select form={form} name="type" label="Type of evidence" placeholder="Choose a type" options={options(EVIDENCE_TYPE_LABELS)} />
          <Textarea form={form} name="summary" label="Summary" hint="What it shows, in plain English." />
          <TextInput form={form} name="sourceOrganisation" label="Source organisation" hint="Who produced it, for example Office for National Statistics." />
          <TextInput form={form} name="sourceUrl" label="Link to the source" type="url" spellCheck={false} hint="Evidence without a source cannot be added." />
          <TextInput form={form} name="periodStart" label="Date, or start of the period it covers" hint="For example, 2025-04-01" width="10" />
          <TextInput form={form} name="periodEnd" label="End of the period (optional)" hint="Leave empty if the evidence is for one date." width="10" />
          <Select form={form} name="localityId" label="Area" options={[{ value: "", label: "Council-wide" }, ...localities.map((l) => ({ value: String(l.id), label: l.name }))]} />
          <Radios form={form} name="stage" label="Commissioning stage" inline options={options(STAGE_LABELS)} />
          <Radios form={form} name="confidence" label="How confident are we in it?" inline options={options(CONFIDENCE_LABELS)} />
          <VisibilityField form={form} />
          <OutcomesField form={form} outcomes={outcomes} />
          <Button>Add evidence</Button>
        </Form>
      </div>
    </div>
  );
}
