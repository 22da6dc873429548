import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, Radios, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, rowIdParam } from "~/lib/http.server";
import { saveEquality } from "~/modules/consultations/responses.server";
import { loadMyResponse, requireStarted } from "~/modules/consultations/routes.server";
import { EQUALITY_QUESTIONS, type EqualityField } from "~/modules/consultations/schema";

export const handle = { title: "Equality monitoring (optional)" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const view = await loadMyResponse(context, request, params.id);
  requireStarted(view);
  const saved: Record<string, string | null> = {};
  for (const f of Object.keys(EQUALITY_QUESTIONS) as EqualityField[]) saved[f] = view.equality?.[EQUALITY_QUESTIONS[f].column] ?? null;
  const changing = new URL(request.url).searchParams.get("change") === "1";
  return { consultation: { id: view.consultation.id, title: view.consultation.title }, saved, back: changing ? "check" : "publishing" };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  await loadMyResponse(context, request, params.id);
  const formData = await request.formData();
  const result = await saveEquality(context.db, context.actor, rowIdParam(params.id), formData.get("intent") === "skip" ? {} : formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/consultations/${params.id}/respond/check`);
}

const equalityHint = (f: EqualityField): string | undefined => {
  const q = EQUALITY_QUESTIONS[f];
  return "hint" in q ? q.hint : undefined;
};

export default function EqualityPage() {
  const { consultation, saved, back } = useLoaderData<typeof loader>();
  const form = useFormState(saved);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`/consultations/${consultation.id}/respond/${back}`}>
          Back
        </Link>
        <ErrorSummary form={form} />
        <span className="govuk-caption-l">{consultation.title}</span>
        <h1 className="govuk-heading-l">Equality monitoring (optional)</h1>
        <p className="govuk-body">
          These questions help us check that we hear from everyone. Answering is optional. Your answers are kept apart from your response, are never shown with it, and are only reported as
          totals, with groups of fewer than 5 people hidden.
        </p>
        <Form method="post" noValidate>
          {(Object.keys(EQUALITY_QUESTIONS) as EqualityField[]).map((f) => (
            <Radios key={f} form={form} name={f} label={EQUALITY_QUESTIONS[f].label} hint={equalityHint(f)} options={EQUALITY_QUESTIONS[f].options.map((o) => ({ value: o, label: o }))} />
          ))}
          <div className="govuk-button-group">
            <Button>Continue</Button>
            <Button secondary name="intent" value="skip">
              Skip these questions
            </Button>
          </div>
        </Form>
      </div>
    </div>
  );
}
