import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/govuk/breadcrumbs";
import { Button, useFormState } from "~/components/govuk/form";
import { FormPage } from "~/components/govuk/form-page";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, rowIdParam } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { ANYWHERE } from "~/modules/permissions/permissions";
import { EvidenceFields } from "~/modules/evidence/components/EvidenceFields";
import { evidenceFormValues, updateEvidence } from "~/modules/evidence/evidence.server";
import { evidenceLinks } from "~/modules/evidence/links";
import { listLocalities } from "~/modules/localities/localities.server";
import { listNodeOptions } from "~/modules/outcomes/outcomes.server";

export const handle = { title: "Change evidence" };
export const links = evidenceLinks;

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requirePermission(context, request, "evidence.manage", ANYWHERE);
  const id = rowIdParam(params.id);
  const values = await evidenceFormValues(context.db, context.actor, id);
  if (!values) notFound("There is no evidence at this address that you can change.");
  const [localities, outcomes] = await Promise.all([listLocalities(context.db), listNodeOptions(context.db)]);
  return { id, values, localities, outcomes };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requirePermission(context, request, "evidence.manage", ANYWHERE);
  const formData = await request.formData();
  const id = rowIdParam(params.id);
  const result = await updateEvidence(context.db, context.actor, id, formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/evidence/${id}?changed=1`);
}

export default function ChangeEvidence() {
  const { id, values, localities, outcomes } = useLoaderData<typeof loader>();
  const form = useFormState(values);
  return (
    <FormPage form={form} before={<Breadcrumbs items={[{ href: "/evidence", text: "Evidence library" }, { href: `/evidence/${id}`, text: String(values.title) }]} />} title="Change evidence">
      <Form method="post" noValidate>
        <EvidenceFields form={form} localities={localities} outcomes={outcomes} />
        <Button>Save changes</Button>
      </Form>
    </FormPage>
  );
}
