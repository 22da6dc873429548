import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmStep } from "~/components/govuk/confirm";
import { SummaryList } from "~/components/govuk/content";
import { Button, Textarea, TextInput, useFormState } from "~/components/govuk/form";
import { FormPage, TwoThirds } from "~/components/govuk/form-page";
import { formInput, validate } from "~/lib/forms";
import { resultsSchema } from "~/modules/consultations/schema";
import { formFailure } from "~/lib/http.server";
import { settle } from "~/lib/effects.server";
import { publishResults } from "~/modules/consultations/analysis.server";
import { loadManaged } from "~/modules/consultations/routes.server";

export const handle = { title: "Publish the results" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const c = await loadManaged(context, request, params.id);
  return { consultation: { id: c.id, title: c.title }, values: { resultsSummary: c.results_summary, decision: c.decision, decidedBy: c.decided_by } };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const c = await loadManaged(context, request, params.id);
  const formData = await request.formData();
  // Publishing is final: first show what will be published and ask "are you sure" (no JavaScript needed).
  if (formData.get("confirmed") !== "yes") {
    const checked = validate(resultsSchema, formInput(formData));
    if (!checked.ok) return formFailure(checked, formData);
    return data({ confirm: true as const, values: formInput(formData) as Record<string, string> });
  }
  const result = await settle(context.bus, publishResults(context.db, context.actor, c.id, formInput(formData)));
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/consultations/${c.id}/results?done=published`);
}

export default function PublishResults() {
  const { consultation, values } = useLoaderData<typeof loader>();
  const answer = useActionData() as { confirm?: true; values?: Record<string, string> } | undefined;
  const form = useFormState(answer?.confirm ? { ...values, ...answer.values } : values);
  if (answer?.confirm && answer.values) {
    const v = answer.values;
    return (
      <TwoThirds>
        <span className="govuk-caption-l">{consultation.title}</span>
        <ConfirmStep heading="Are you sure you want to publish the results?" confirmLabel="Yes, publish the results" cancelTo={`/officer/consultations/${consultation.id}/results`} hidden={{ resultsSummary: v.resultsSummary ?? "", decision: v.decision ?? "", decidedBy: v.decidedBy ?? "" }}>
          <p className="govuk-body">Once published, the results page is public and the consultation cannot be changed. Everyone who follows it is told.</p>
          <SummaryList rows={[{ key: "You said", value: v.resultsSummary }, { key: "We did", value: v.decision }, { key: "Decided by", value: v.decidedBy }]} />
        </ConfirmStep>
      </TwoThirds>
    );
  }
  return (
    <FormPage form={form} caption={consultation.title} title="Publish the results">
      <p className="govuk-body">The results page shows what we asked, the figures for each question, the themes with their counts, and the responses whose authors agreed to publication.</p>
      <Form method="post" noValidate>
        <Textarea form={form} name="resultsSummary" label="You said: a summary of what people told us" rows={6} />
        <Textarea form={form} name="decision" label="We did: what was decided, or what will be decided and when" rows={5} />
        <TextInput form={form} name="decidedBy" label="Who decided, or who will decide" />
        <Button>Publish results</Button>
      </Form>
    </FormPage>
  );
}
