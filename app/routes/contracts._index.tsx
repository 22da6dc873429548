import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TableHead } from "~/components/govuk/table-head";
import { longDate } from "~/modules/evidence/dates";
import { contractsOverview } from "~/modules/providers/page.server";
import { ownProviderIds } from "~/modules/providers/providers.server";
import { monthLabel } from "~/modules/providers/periods";
import { ArrangementCell } from "~/modules/providers/components/ArrangementCell";

export const handle = { title: "Contracts and grants" };

export async function loader({ context }: LoaderFunctionArgs) {
  const overview = await contractsOverview(context.db, context.actor);
  return { ...overview, isProvider: ownProviderIds(context.actor).length > 0 };
}

export default function Contracts() {
  const { arrangements, late, canManage, isProvider } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Contracts and grants</h1>
      <p className="govuk-body-l">What the council buys and funds, who delivers it, and the outcomes it serves.</p>
      <ul className="govuk-list">
        <li><a className="govuk-link" href="/market">Market position: contracts ending in the next 18 months</a></li>
        {isProvider && <li><a className="govuk-link" href="/provider">Your provider area: send returns</a></li>}
        {canManage && (
          <>
            <li><a className="govuk-link" href="/contracts/new">Record a contract, grant or in-house service agreement</a></li>
            <li><a className="govuk-link" href="/contracts/providers">Providers and their people</a></li>
            <li><a className="govuk-link" href="/contracts/grant-panel">The grant panel</a></li>
          </>
        )}
      </ul>
      {canManage && (
        <>
          <h2 className="govuk-heading-m">Late returns</h2>
          {late.length ? (
            <table className="govuk-table">
              <TableHead caption="Late returns" columns={["Contract or grant", "Month", "Was due"]} />
              <tbody className="govuk-table__body">
                {late.map((l) => (
                  <tr className="govuk-table__row" key={`${l.arrangementId}-${l.period}`}>
                    <td className="govuk-table__cell">
                      <a className="govuk-link" href={`/contracts/${l.arrangementId}`}>{l.title}</a> ({l.providerName}){l.mine && <strong> · yours to manage</strong>}
                    </td>
                    <td className="govuk-table__cell">{monthLabel(l.period)}</td>
                    <td className="govuk-table__cell">{longDate(l.dueOn)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="govuk-body">No returns are late.</p>
          )}
        </>
      )}
      <table className="govuk-table">
        <TableHead caption="All contracts and grants" captionSize="m" columns={["Contract or grant", "Provider", "Service area", "Runs"]} />
        <tbody className="govuk-table__body">
          {arrangements.map((a) => (
            <tr className="govuk-table__row" key={a.id}>
              <ArrangementCell arrangement={a} />
              <td className="govuk-table__cell">{a.providerName}</td>
              <td className="govuk-table__cell">{a.serviceArea ?? "–"}</td>
              <td className="govuk-table__cell">{longDate(a.startsOn)} to {longDate(a.endsOn)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
