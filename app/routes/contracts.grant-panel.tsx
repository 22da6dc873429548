import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { DoneBanner } from "~/components/govuk/done-banner";
import { Button, ErrorSummary, Radios, TextInput, useFormState } from "~/components/govuk/form";
import { TableHead } from "~/components/govuk/table-head";
import { formInput } from "~/lib/forms";
import { formFailure } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { addPanelMember, listPanelMembers } from "~/modules/providers/grants.server";
import { SEAT_LABELS } from "~/modules/providers/market-schema";

export const handle = { title: "The grant panel" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "contracts.manage");
  return { members: await listPanelMembers(context.db) };
}

export async function action({ context, request }: ActionFunctionArgs) {
  requirePermission(context, request, "contracts.manage");
  const formData = await request.formData();
  const result = await addPanelMember(context.db, context.actor, formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, done: "The member has been added to the grant panel" });
}

export default function GrantPanel() {
  const { members } = useLoaderData<typeof loader>();
  const form = useFormState();
  return (
    <>
      <ErrorSummary form={form} />
      <DoneBanner />
      <a className="govuk-back-link" href="/contracts">Contracts and grants</a>
      <h1 className="govuk-heading-l">The grant panel</h1>
      <p className="govuk-body">
        A grant the panel approves needs three people to sit: a councillor, a voluntary-sector representative and an officer. A member who has declared an interest in a grant cannot sit on its approval.
      </p>
      <table className="govuk-table">
        <TableHead caption="Members of the grant panel" columns={["Name", "Seat", "Organisation"]} />
        <tbody className="govuk-table__body">
          {members.length ? (
            members.map((m) => (
              <tr className="govuk-table__row" key={m.id}>
                <td className="govuk-table__cell">{m.name}</td>
                <td className="govuk-table__cell">{SEAT_LABELS[m.seat]}</td>
                <td className="govuk-table__cell">{m.organisation || "–"}</td>
              </tr>
            ))
          ) : (
            <tr className="govuk-table__row"><td className="govuk-table__cell" colSpan={3}>Nobody sits on the panel yet.</td></tr>
          )}
        </tbody>
      </table>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Add a member</h2>
          <Form method="post" noValidate>
            <TextInput form={form} name="name" label="Name" />
            <Radios form={form} name="seat" label="Seat" options={Object.entries(SEAT_LABELS).map(([value, label]) => ({ value, label }))} />
            <TextInput form={form} name="organisation" label="Ward, organisation or team (optional)" />
            <Button>Add member</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
