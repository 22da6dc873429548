import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { DateInput } from "~/components/govuk/date-input";
import { Button, ErrorSummary, TextInput, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { createService, outcomeOptions } from "~/modules/challenges/challenges.server";
import { ServiceFields } from "~/modules/challenges/components/ServiceFields";

export const handle = { title: "Add a service to the register" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "challenge.handle");
  return { outcomes: await outcomeOptions(context.db) };
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
          <ServiceFields
            form={form}
            outcomes={outcomes}
            afterName={<TextInput form={form} name="slug" label="Web address name" hint="Lower-case letters, numbers and hyphens, like youth-clubs." width="20" spellCheck={false} />}
            afterAnyTime={
              <>
                <DateInput form={form} name="opensOn" label="Otherwise, the period opens on" hint="For example, 31 1 2027." />
                <DateInput form={form} name="closesOn" label="and closes on" hint="For example, 31 3 2027." />
              </>
            }
          />
          <Button>Add service</Button>
        </Form>
      </div>
    </div>
  );
}
