import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, Textarea, TextInput, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
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
  const result = await settle(context.bus, publishResults(context.db, context.actor, c.id, formInput(formData)));
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/consultations/${c.id}/results`);
}

export default function PublishResults() {
  const { consultation, values } = useLoaderData<typeof loader>();
  const form = useFormState(values);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} />
        <span className="govuk-caption-l">{consultation.title}</span>
        <h1 className="govuk-heading-l">Publish the results</h1>
        <p className="govuk-body">The results page shows what we asked, the figures for each question, the themes with their counts, and the responses whose authors agreed to publication.</p>
        <Form method="post" noValidate>
          <Textarea form={form} name="resultsSummary" label="You said: a summary of what people told us" rows={6} />
          <Textarea form={form} name="decision" label="We did: what was decided, or what will be decided and when" rows={5} />
          <TextInput form={form} name="decidedBy" label="Who decided, or who will decide" />
          <Button>Publish results</Button>
        </Form>
      </div>
    </div>
  );
}
