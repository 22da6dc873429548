import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Tag } from "~/components/govuk/content";
import { Button, ErrorSummary, TextInput, useFormState } from "~/components/govuk/form";
import { TableHead } from "~/components/govuk/table-head";
import { formInput } from "~/lib/forms";
import { formFailure } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { formatPounds } from "~/modules/commissioning/money";
import { listStrategies, saveStrategy } from "~/modules/commissioning/strategies.server";
import { ANYWHERE, can } from "~/modules/permissions/permissions";

export const handle = { title: "Commissioning strategies" };

export async function loader({ context }: LoaderFunctionArgs) {
  return { strategies: await listStrategies(context.db, context.actor), canManage: can(context.actor, "commissioning.manage", ANYWHERE) };
}

export async function action({ context, request }: ActionFunctionArgs) {
  requirePermission(context, request, "commissioning.manage", ANYWHERE);
  const formData = await request.formData();
  const result = await saveStrategy(context.db, context.actor, formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/commissioning-strategies/${result.value.strategyId}/edit`);
}

export default function Strategies() {
  const { strategies, canManage } = useLoaderData<typeof loader>();
  const form = useFormState();
  return (
    <>
      <ErrorSummary form={form} />
      <h1 className="govuk-heading-l">Commissioning strategies</h1>
      <p className="govuk-body-l">A strategy for each function or outcome area sets the scope, the outcomes sought and the budget; the commissioning reviews of its services sit under it.</p>
      <table className="govuk-table">
        <TableHead caption="Commissioning strategies" columns={["Strategy", "Area", "Locality", { text: "Budget requirement", numeric: true }, "Status"]} />
        <tbody className="govuk-table__body">
          {strategies.map((s) => (
            <tr className="govuk-table__row" key={s.id}>
              <td className="govuk-table__cell"><a className="govuk-link" href={`/commissioning-strategies/${s.id}`}>{s.title}</a></td>
              <td className="govuk-table__cell">{s.area}</td>
              <td className="govuk-table__cell">{s.locality_name ?? "Council-wide"}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{formatPounds(s.budget_pence)}</td>
              <td className="govuk-table__cell">{s.published ? <Tag colour="green">Published</Tag> : <Tag colour="grey">Draft</Tag>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="govuk-body"><a className="govuk-link" href="/commissioning-reviews">All commissioning reviews</a></p>
      {canManage && (
        <>
          <h2 className="govuk-heading-m">Start a strategy</h2>
          <Form method="post" noValidate>
            <TextInput form={form} name="title" label="Title" />
            <TextInput form={form} name="area" label="Function or outcome area" />
            <Button>Start the strategy</Button>
          </Form>
        </>
      )}
    </>
  );
}
