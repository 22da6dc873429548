/** "Duplicate consultation": a confirmation step, then a confirmation panel with the new draft. */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, useFormState } from "~/components/govuk/form";
import { FormPage, TwoThirds } from "~/components/govuk/form-page";
import { formFailure } from "~/lib/http.server";
import { duplicateConsultation, copyTitle } from "~/modules/consultations/duplicate.server";
import { loadManaged } from "~/modules/consultations/routes.server";

export const handle = { title: "Duplicate a consultation" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const c = await loadManaged(context, request, params.id);
  return { consultation: { id: c.id, title: c.title, copyTitle: copyTitle(c.title) } };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const c = await loadManaged(context, request, params.id);
  const formData = await request.formData();
  const result = await duplicateConsultation(context.db, context.actor, c.id);
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, copy: result.value });
}

export default function DuplicateConsultation() {
  const { consultation: c } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const form = useFormState();
  const copy = done && "copy" in done ? done.copy : null;
  if (copy) {
    return (
      <TwoThirds>
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">Consultation duplicated</h1>
          <div className="govuk-panel__body">The copy is a draft called “{copy.title}”</div>
        </div>
        <h2 className="govuk-heading-m">What happens next</h2>
        <p className="govuk-body">The copy has the same details, places, outcomes, pages and questions. It has no dates, responses, documents or results. Change its title and set its opening and closing dates before you schedule it.</p>
        <ul className="govuk-list">
          <li><Link className="govuk-link" to={`/officer/consultations/${copy.id}/edit`}>Change the copy’s title and dates</Link></li>
          <li><Link className="govuk-link" to={`/officer/consultations/${copy.id}`}>Manage the copy</Link></li>
          <li><Link className="govuk-link" to={`/officer/consultations/${c.id}`}>Back to “{c.title}”</Link></li>
        </ul>
      </TwoThirds>
    );
  }
  return (
    <FormPage form={form} caption={c.title} title="Duplicate this consultation">
      <p className="govuk-body">This makes a new draft consultation called “{c.copyTitle}” with:</p>
      <ul className="govuk-list govuk-list--bullet">
        <li>the same details, including the Gunning principles and privacy notice</li>
        <li>the same localities and outcomes</li>
        <li>the same pages and questions, with their options</li>
      </ul>
      <p className="govuk-body">It does not copy the dates, responses, supporting documents, themes or results. This consultation does not change.</p>
      <Form method="post" noValidate>
        <div className="govuk-button-group">
          <Button>Duplicate consultation</Button>
          <Link className="govuk-link" to={`/officer/consultations/${c.id}`}>Cancel</Link>
        </div>
      </Form>
    </FormPage>
  );
}
