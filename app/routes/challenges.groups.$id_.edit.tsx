import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, requireUser, rowIdParam } from "~/lib/http.server";
import { groupForEditing, updateGroup } from "~/modules/challenges/challenges.server";
import { GroupFields } from "~/modules/challenges/components/GroupFields";
import { orThrow } from "~/modules/challenges/routes.server";

export const handle = { title: "Change the group's details" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  return orThrow(await groupForEditing(context.db, context.actor, rowIdParam(params.id)));
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const groupId = String(rowIdParam(params.id));
  const formData = await request.formData();
  const result = await updateGroup(context.db, context.actor, { ...formInput(formData), groupId });
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/challenges/groups/${groupId}?changed=1`);
}

export default function EditGroup() {
  const group = useLoaderData<typeof loader>();
  const form = useFormState(group);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} />
        <span className="govuk-caption-l">{group.name}</span>
        <h1 className="govuk-heading-l">Change the group's details</h1>
        <Form method="post" noValidate>
          <GroupFields form={form} />
          <Button>Save details</Button>
        </Form>
        <p className="govuk-body"><a className="govuk-link" href={`/challenges/groups/${group.id}`}>Back to the group</a></p>
      </div>
    </div>
  );
}
