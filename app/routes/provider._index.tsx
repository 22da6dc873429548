import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Tag } from "~/components/govuk/content";
import { TableHead } from "~/components/govuk/table-head";
import { requirePermission } from "~/modules/permissions/route.server";
import { longDate } from "~/modules/evidence/dates";
import { providerArea } from "~/modules/providers/page.server";
import { monthLabel } from "~/modules/providers/periods";
import { ArrangementCell } from "~/modules/providers/components/ArrangementCell";

export const handle = { title: "Your provider area" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "provider.report", { kind: "anywhere" });
  return providerArea(context.db, context.actor);
}

export default function ProviderArea() {
  const { providers, arrangements } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="govuk-caption-l">{providers.map((p) => p.name).join(", ")}</span>
      <h1 className="govuk-heading-l">Your provider area</h1>
      <p className="govuk-body">Your contracts and grants with the council. Send each month’s return once the month has ended: the KPI values, what happened, and the social value you delivered.</p>
      <table className="govuk-table">
        <TableHead caption="Your contracts and grants" columns={["Contract or grant", "Runs to", "Returns"]} />
        <tbody className="govuk-table__body">
          {arrangements.map((a) => (
            <tr className="govuk-table__row" key={a.id}>
              <ArrangementCell arrangement={a} after={a.providerName} />
              <td className="govuk-table__cell">{longDate(a.endsOn)}</td>
              <td className="govuk-table__cell">
                {a.late.length > 0 && <><Tag colour="red">{`Late: ${a.late.map(monthLabel).join(", ")}`}</Tag><br /></>}
                <a className="govuk-link" href={`/provider/contracts/${a.id}`}>Send a return<span className="govuk-visually-hidden"> for {a.title}</span></a>
              </td>
            </tr>
          ))}
          {!arrangements.length && (
            <tr className="govuk-table__row"><td className="govuk-table__cell" colSpan={3}>You have no contracts or grants yet.</td></tr>
          )}
        </tbody>
      </table>
    </>
  );
}
