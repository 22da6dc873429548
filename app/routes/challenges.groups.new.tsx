import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { Button, ErrorSummary, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { registerGroup } from "~/modules/challenges/challenges.server";
import { GroupFields } from "~/modules/challenges/components/GroupFields";

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
          <GroupFields form={form} />
          <Button>Register group</Button>
        </Form>
      </div>
    </div>
  );
}
