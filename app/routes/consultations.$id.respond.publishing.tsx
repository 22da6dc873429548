import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, Radios, useFormState } from "~/components/govuk/form";
import { FormPage } from "~/components/govuk/form-page";
import { formInput } from "~/lib/forms";
import { formFailure, rowIdParam } from "~/lib/http.server";
import { RespondBackLink } from "~/modules/consultations/components/RespondBackLink";
import { setConsent } from "~/modules/consultations/responses.server";
import { loadMyResponse, requireStarted } from "~/modules/consultations/routes.server";
import { CONSENT_LABELS } from "~/modules/consultations/schema";
import { PUBLISH_CONSENTS } from "../../db/tables/consultations";

export const handle = { title: "Can we publish your response?" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const view = await loadMyResponse(context, request, params.id);
  const response = requireStarted(view);
  const changing = new URL(request.url).searchParams.get("change") === "1";
  const last = view.sections[view.sections.length - 1];
  return {
    consultation: { id: view.consultation.id, title: view.consultation.title },
    consent: response.consent,
    changing,
    back: changing ? "check" : last ? String(last.position) : "",
  };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  await loadMyResponse(context, request, params.id);
  const formData = await request.formData();
  const result = await setConsent(context.db, context.actor, rowIdParam(params.id), formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/consultations/${params.id}/respond/${formData.get("returnTo") === "check" ? "check?changed=1" : "equality"}`);
}

export default function PublishingPage() {
  const { consultation, consent, changing, back } = useLoaderData<typeof loader>();
  const form = useFormState({ consent });
  return (
    <FormPage form={form} before={<RespondBackLink consultationId={consultation.id} back={back} />} caption={consultation.title}>
      <Form method="post" noValidate>
        {changing && <input type="hidden" name="returnTo" value="check" />}
        <Radios
          form={form}
          name="consent"
          isPageHeading
          label="Can we publish your response?"
          hint="When we publish the results we may include what people wrote. We never publish your email address."
          options={PUBLISH_CONSENTS.map((c) => ({ value: c, label: CONSENT_LABELS[c] }))}
        />
        <Button>Continue</Button>
      </Form>
    </FormPage>
  );
}
