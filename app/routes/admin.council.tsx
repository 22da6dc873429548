import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, EMPTY_FORM, ErrorSummary, Textarea, TextInput, type FormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import type { FormFailure } from "~/lib/result";
import { addLocality, updateCouncilSettings } from "~/modules/council/council.server";
import { getCouncil, listLocalities } from "~/modules/localities/localities.server";
import { DoneBanner } from "~/components/govuk/done-banner";

export const handle = { title: "Council and localities" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "council.configure");
  const [council, localities] = await Promise.all([getCouncil(context.db), listLocalities(context.db)]);
  return { council, localities };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requirePermission(context, request, "council.configure");
  const formData = await request.formData();
  const intent = formData.get("intent");
  const result = intent === "locality"
    ? await addLocality(context.db, context.actor, formInput(formData))
    : await updateCouncilSettings(context.db, context.actor, formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, done: intent === "locality" ? "The locality has been added" : "The council’s settings have been saved" });
}

export default function AdminCouncil() {
  const { council, localities } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormFailure | { ok: true; done: string } | undefined;
  const failedIntent = result && !result.ok ? result.values.intent : undefined;
  const formFor = (intent: string, defaults: FormState["values"]): FormState =>
    result && !result.ok && failedIntent === intent ? { errors: result.errors, values: result.values } : { ...EMPTY_FORM, values: defaults };
  const settings = formFor("settings", { name: council.name, serviceName: council.service_name, contactEmail: council.contact_email });
  const locality = formFor("locality", {});
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={failedIntent === "locality" ? locality : settings} />
        <DoneBanner />
        <h1 className="govuk-heading-l">Council and localities</h1>
        <h2 className="govuk-heading-m">The council</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="settings" />
          <TextInput form={settings} name="name" label="Council name" hint="Shown in the header of every page." />
          <TextInput form={settings} name="serviceName" label="Service name" width="20" />
          <TextInput form={settings} name="contactEmail" label="Contact email address" type="email" spellCheck={false} />
          <Button>Save settings</Button>
        </Form>

        <h2 className="govuk-heading-m">Localities</h2>
        <ul className="govuk-list govuk-list--bullet">
          {localities.map((l) => (
            <li key={l.id}>
              <a className="govuk-link" href={`/localities/${l.slug}`}>{l.name}</a>
            </li>
          ))}
        </ul>
        <h3 className="govuk-heading-s">Add a locality</h3>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="locality" />
          <TextInput form={locality} name="name" label="Locality name" />
          <Textarea form={locality} name="description" label="Description (optional)" rows={3} />
          <Button secondary>Add locality</Button>
        </Form>
      </div>
    </div>
  );
}
