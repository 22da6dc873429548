import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, useFormState } from "~/components/govuk/form";
import { FormPage } from "~/components/govuk/form-page";
import { formInput } from "~/lib/forms";
import { formFailure } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { ANYWHERE } from "~/modules/permissions/permissions";
import { EvidenceFields } from "~/modules/evidence/components/EvidenceFields";
import { createEvidence } from "~/modules/evidence/evidence.server";
import { evidenceLinks } from "~/modules/evidence/links";
import { listLocalities } from "~/modules/localities/localities.server";
import { listNodeOptions } from "~/modules/outcomes/outcomes.server";

export const handle = { title: "Add evidence" };
export const links = evidenceLinks;

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "evidence.manage", ANYWHERE);
  const [localities, outcomes] = await Promise.all([listLocalities(context.db), listNodeOptions(context.db)]);
  return { localities, outcomes };
}

export async function action({ context, request }: ActionFunctionArgs) {
  requirePermission(context, request, "evidence.manage", ANYWHERE);
  const formData = await request.formData();
  const result = await createEvidence(context.db, context.actor, formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/evidence/${result.value.evidenceId}`);
}

export default function AddEvidence() {
  const { localities, outcomes } = useLoaderData<typeof loader>();
  const form = useFormState({ visibility: "internal", confidence: "moderate" });
  return (
    <FormPage form={form} title="Add evidence">
      <Form method="post" noValidate>
        <EvidenceFields form={form} localities={localities} outcomes={outcomes} />
        <Button>Add evidence</Button>
      </Form>
    </FormPage>
  );
}
