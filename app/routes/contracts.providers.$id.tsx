import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { SummaryList } from "~/components/govuk/content";
import { DoneBanner } from "~/components/govuk/done-banner";
import { Button, ErrorSummary, TextInput, useFormState } from "~/components/govuk/form";
import { TableHead } from "~/components/govuk/table-head";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, rowIdParam } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { settle } from "~/lib/effects.server";
import { longDate } from "~/modules/evidence/dates";
import { addProviderPerson, getProvider } from "~/modules/providers/providers.server";
import { PROVIDER_KIND_LABELS } from "~/modules/providers/schema";

export const handle = { title: (d: unknown) => (d as { provider?: { provider: { name: string } } })?.provider?.provider.name ?? "Provider" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requirePermission(context, request, "contracts.manage");
  const provider = await getProvider(context.db, context.actor, rowIdParam(params.id));
  if (!provider) notFound("There is no provider at this address.");
  return { provider };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requirePermission(context, request, "contracts.manage");
  const formData = await request.formData();
  const result = await settle(context.bus, addProviderPerson(context.db, context.actor, { ...formInput(formData), providerId: params.id }));
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, done: "The person has been added: they can now sign in to the provider area" });
}

export default function Provider() {
  const { provider } = useLoaderData<typeof loader>();
  const form = useFormState();
  const p = provider.provider;
  return (
    <>
      <ErrorSummary form={form} />
      <DoneBanner />
      <a className="govuk-back-link" href="/contracts/providers">Providers</a>
      <h1 className="govuk-heading-l">{p.name}</h1>
      <SummaryList
        rows={[
          { key: "Kind", value: PROVIDER_KIND_LABELS[p.kind] },
          ...(p.registration ? [{ key: "Registration", value: p.registration }] : []),
          ...(p.description ? [{ key: "About", value: p.description }] : []),
          ...(p.group_id ? [{ key: "Right to Challenge", value: <>From the group <a className="govuk-link" href={`/challenges/groups/${p.group_id}`}>{p.group_name}</a></> }] : []),
        ]}
      />
      <table className="govuk-table">
        <TableHead caption="Contracts and grants" captionSize="m" columns={["Contract or grant", "Runs"]} />
        <tbody className="govuk-table__body">
          {provider.arrangements.map((a) => (
            <tr className="govuk-table__row" key={a.id}>
              <td className="govuk-table__cell"><a className="govuk-link" href={`/contracts/${a.id}`}>{a.title}</a></td>
              <td className="govuk-table__cell">{longDate(a.startsOn)} to {longDate(a.endsOn)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 className="govuk-heading-m">People who report for this provider</h2>
      <ul className="govuk-list">
        {provider.people.map((u) => <li key={u.id}>{u.display_name} ({u.email})</li>)}
        {!provider.people.length && <li>Nobody yet.</li>}
      </ul>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Form method="post" noValidate>
            <TextInput form={form} name="email" label="Add a person by the email address of their Moot account" type="email" autoComplete="off" spellCheck={false} />
            <Button secondary>Add person</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
