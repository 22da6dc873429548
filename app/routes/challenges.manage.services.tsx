import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { DateInput } from "~/components/govuk/date-input";
import { Button, Checkboxes, ErrorSummary, TextInput, Textarea, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, requirePermission } from "~/lib/http.server";
import { listFrameworkTrees } from "~/modules/outcomes/outcomes.server";
import { createService } from "~/modules/challenges/challenges.server";

export const handle = { title: "Add a service to the register" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "challenge.handle");
  const frameworks = await listFrameworkTrees(context.db);
  return { outcomes: frameworks.flatMap((f) => f.outcomes.map((o) => ({ value: String(o.id), label: o.title, hint: f.name }))) };
}

export async function action({ context, request }: ActionFunctionArgs) {
  requirePermission(context, request, "challenge.handle");
  const formData = await request.formData();
  const result = await createService(context.db, context.actor, formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return redirect("/challenges");
}

export default function NewService() {
  const { outcomes } = useLoaderData<typeof loader>();
  const form = useFormState({ procurementMinMonths: 6, procurementMaxMonths: 12 });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} />
        <h1 className="govuk-heading-l">Add a service to the register</h1>
        <Form method="post" noValidate>
          <TextInput form={form} name="name" label="Service name" />
          <TextInput form={form} name="slug" label="Web address name" hint="Lower-case letters, numbers and hyphens, like youth-clubs." width="20" spellCheck={false} />
          <Textarea form={form} name="description" label="Description" rows={3} />
          <Textarea form={form} name="excludedReason" label="If the regulations exclude this service, the reason" hint="Leave empty for a relevant service open to challenge." rows={3} />
          <Checkboxes form={form} name="anyTime" label="When can groups submit?" options={[{ value: "yes", label: "At any time" }]} />
          <DateInput form={form} name="opensOn" label="Otherwise, the period opens on" hint="For example, 31 1 2027." />
          <DateInput form={form} name="closesOn" label="and closes on" hint="For example, 31 3 2027." />
          <TextInput form={form} name="procurementMinMonths" label="Procurement starts at least this many months after acceptance" width="3" inputMode="numeric" />
          <TextInput form={form} name="procurementMaxMonths" label="and at most this many months after acceptance" width="3" inputMode="numeric" />
          <Checkboxes form={form} name="outcomeNodeIds" label="Outcomes the service serves" options={outcomes} />
          <Button>Add service</Button>
        </Form>
      </div>
    </div>
  );
}
