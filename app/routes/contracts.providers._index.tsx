import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, Radios, Textarea, TextInput, useFormState } from "~/components/govuk/form";
import { TableHead } from "~/components/govuk/table-head";
import { formInput } from "~/lib/forms";
import { formFailure } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { createProvider, listProviders } from "~/modules/providers/providers.server";
import { PROVIDER_KIND_LABELS } from "~/modules/providers/schema";

export const handle = { title: "Providers" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "contracts.manage");
  return { providers: await listProviders(context.db) };
}

export async function action({ context, request }: ActionFunctionArgs) {
  requirePermission(context, request, "contracts.manage");
  const formData = await request.formData();
  const result = await createProvider(context.db, context.actor, formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/contracts/providers/${result.value.providerId}`);
}

export default function Providers() {
  const { providers } = useLoaderData<typeof loader>();
  const form = useFormState();
  return (
    <>
      <ErrorSummary form={form} />
      <a className="govuk-back-link" href="/contracts">Contracts and grants</a>
      <h1 className="govuk-heading-l">Providers</h1>
      <table className="govuk-table">
        <TableHead caption="Providers" columns={["Provider", "Kind", { text: "Contracts and grants", numeric: true }]} />
        <tbody className="govuk-table__body">
          {providers.map((p) => (
            <tr className="govuk-table__row" key={p.id}>
              <td className="govuk-table__cell"><a className="govuk-link" href={`/contracts/providers/${p.id}`}>{p.name}</a></td>
              <td className="govuk-table__cell">{PROVIDER_KIND_LABELS[p.kind]}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{Number(p.arrangements)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Add a provider</h2>
          <Form method="post" noValidate>
            <TextInput form={form} name="name" label="Name" />
            <Radios form={form} name="kind" label="Kind of organisation" options={Object.entries(PROVIDER_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
            <TextInput form={form} name="registration" label="Charity, company or other registration (optional)" />
            <Textarea form={form} name="description" label="Description (optional)" rows={2} />
            <Button>Add provider</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
