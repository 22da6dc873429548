import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { Button, ErrorSummary, Radios, TextInput, Textarea, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, requirePermission } from "~/lib/http.server";
import { registerGroup } from "~/modules/challenges/challenges.server";
import { RELEVANT_BODY_LABELS } from "~/modules/challenges/schema";
import { RELEVANT_BODY_KINDS } from "../../db/tables/challenges";

export const handle = { title: "Register a group" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "challenge.submit");
  return null;
}

export async function action({ context, request }: ActionFunctionArgs) {
  requirePermission(context, request, "challenge.submit");
  const formData = await request.formData();
  const result = await registerGroup(context.db, context.actor, formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/challenges/groups/${result.value.groupId}`);
}

export default function NewGroup() {
  const form = useFormState();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} />
        <h1 className="govuk-heading-l">Register a group</h1>
        <p className="govuk-body">Only a relevant body can express an interest in running a council service. You will be one of the people who act for the group.</p>
        <Form method="post" noValidate>
          <TextInput form={form} name="name" label="Group name" />
          <Radios form={form} name="kind" label="What kind of body is the group?" options={RELEVANT_BODY_KINDS.map((k) => ({ value: k, label: RELEVANT_BODY_LABELS[k] }))} />
          <TextInput form={form} name="kindOther" label="If another body, which one the regulations name" />
          <TextInput form={form} name="charityNumber" label="Charity number (if it has one)" width="10" />
          <TextInput form={form} name="companyNumber" label="Company or society number (if it has one)" width="10" />
          <TextInput form={form} name="otherRegistration" label="Other registration (if any)" />
          <TextInput form={form} name="contactName" label="Contact name" autoComplete="name" />
          <TextInput form={form} name="contactEmail" label="Contact email address" type="email" autoComplete="email" spellCheck={false} />
          <TextInput form={form} name="contactPhone" label="Contact telephone (optional)" type="tel" autoComplete="tel" width="20" />
          <Textarea form={form} name="address" label="Address (optional)" rows={3} />
          <Button>Register group</Button>
        </Form>
      </div>
    </div>
  );
}
