import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, Radios, Textarea, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, rowIdParam } from "~/lib/http.server";
import { EXPERIENCE_LABELS } from "~/modules/providers/changes-schema";
import { feedbackForm, giveFeedback } from "~/modules/providers/feedback.server";
import { longDate } from "~/modules/evidence/dates";

export const handle = { title: (d: unknown) => `Tell us about a service: ${(d as { service?: { title: string } })?.service?.title ?? "service"}` };

export async function loader({ context, params }: LoaderFunctionArgs) {
  const service = await feedbackForm(context.db, rowIdParam(params.id));
  if (!service) notFound("There is no service at this address.");
  return { service };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const result = await giveFeedback(context.db, context.actor, { ...formInput(formData), arrangementId: params.id }, { address: context.clientAddress });
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const });
}

export default function ServiceFeedback() {
  const { service } = useLoaderData<typeof loader>();
  const sent = (useActionData<typeof action>() as { ok?: boolean } | undefined)?.ok === true;
  const form = useFormState();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {sent ? (
          <>
            <div className="govuk-panel govuk-panel--confirmation">
              <h1 className="govuk-panel__title">Thank you</h1>
              <div className="govuk-panel__body">Your feedback about {service.title} has been sent</div>
            </div>
            <p className="govuk-body">The council officer who manages this service reads feedback alongside how the provider is performing. It is not published.</p>
            <p className="govuk-body"><a className="govuk-link" href={`/contracts/${service.id}`}>Back to {service.title}</a></p>
          </>
        ) : (
          <>
            <ErrorSummary form={form} />
            <a className="govuk-back-link" href={`/contracts/${service.id}`}>{service.title}</a>
            <span className="govuk-caption-l">{service.providerName}</span>
            <h1 className="govuk-heading-l">Tell us about this service: {service.title}</h1>
            {service.endedOn ? (
              <p className="govuk-body">This service ended on {longDate(service.endedOn)}, so it no longer takes feedback.</p>
            ) : (
              <>
                <p className="govuk-body">
                  Your feedback goes to the council officer who manages this service and is read alongside how the provider is performing. It is not published, and we do not ask for your name
                  or contact details. Do not include anyone’s personal details. We cannot reply to feedback sent here.
                </p>
                <Form method="post" noValidate>
                  <Radios form={form} name="experience" label="How was the service for you?" options={Object.entries(EXPERIENCE_LABELS).map(([value, label]) => ({ value, label }))} />
                  <Textarea form={form} name="feedback" label="What do you want to tell us about the service?" hint="At most 2,000 characters" rows={6} />
                  <Button>Send feedback</Button>
                </Form>
              </>
            )}
          </>
        )}
      </div>
    </div>
  );
}
