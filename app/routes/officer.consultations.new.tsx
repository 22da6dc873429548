import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ErrorSummary, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { ANYWHERE } from "~/modules/permissions/permissions";
import { DetailsForm, flattenOutcomes } from "~/modules/consultations/components/DetailsForm";
import { createConsultation } from "~/modules/consultations/consultations.server";
import { listLocalities } from "~/modules/localities/localities.server";
import { listFrameworkTrees } from "~/modules/outcomes/outcomes.server";

export const handle = { title: "Create a consultation" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "consultation.manage", ANYWHERE);
  const [localities, frameworks] = await Promise.all([listLocalities(context.db), listFrameworkTrees(context.db)]);
  return { localities, outcomes: flattenOutcomes(frameworks) };
}

export async function action({ context, request }: ActionFunctionArgs) {
  requirePermission(context, request, "consultation.manage", ANYWHERE);
  const formData = await request.formData();
  const result = await createConsultation(context.db, context.actor, formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/officer/consultations/${result.value.id}`);
}

export default function NewConsultation() {
  const { localities, outcomes } = useLoaderData<typeof loader>();
  const form = useFormState();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} />
        <h1 className="govuk-heading-l">Create a consultation</h1>
        <p className="govuk-body">You can save a draft with a title, summary and localities, and add the rest before you schedule it.</p>
        <DetailsForm form={form} localities={localities} outcomes={outcomes} submitLabel="Save draft" />
      </div>
    </div>
  );
}
