import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Tag } from "~/components/govuk/content";
import { formatDay } from "~/lib/dates";
import { forwardPlan, reportsNotKey } from "~/modules/governance/governance.server";
import { formatPounds } from "~/modules/governance/rules";
import { can } from "~/modules/permissions/permissions";
import { ANYWHERE } from "~/modules/permissions/permissions";

export const handle = { title: "Forward plan of key decisions" };

export async function loader({ context }: LoaderFunctionArgs) {
  const canAdd = can(context.actor, "board.manage", ANYWHERE) && context.actor.user !== null;
  return { plan: await forwardPlan(context.db), canAdd, notKey: canAdd ? await reportsNotKey(context.db, context.actor) : [] };
}

export default function ForwardPlan() {
  const { plan, canAdd, notKey } = useLoaderData<typeof loader>();
  const coming = plan.filter((r) => !r.decisionId);
  const taken = plan.filter((r) => r.decisionId);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <h1 className="govuk-heading-l">Forward plan of key decisions</h1>
        <p className="govuk-body-l">The key decisions the council's boards expect to take. Each is published here at least 28 clear days before it is taken, unless the notice says why it could not be.</p>
        <p className="govuk-body">A decision is key when it spends or saves more than the threshold the council sets, or affects two or more localities. Also as <a className="govuk-link" href="/forward-plan.csv">CSV</a> and <a className="govuk-link" href="/forward-plan.json">JSON</a> (open data).</p>
        {canAdd && <p className="govuk-body"><Link className="govuk-link" to="/forward-plan/new">Add a decision report</Link></p>}
        <PlanTable caption="Decisions to come" rows={coming} />
        <PlanTable caption="Decisions taken" rows={taken} />
        {canAdd && notKey.length > 0 && <PlanTable caption="Reports on decisions that are not key (only officers see these)" rows={notKey} />}
      </div>
    </div>
  );
}

function PlanTable({ caption, rows }: { caption: string; rows: ReturnType<typeof useLoaderData<typeof loader>>["plan"] }) {
  if (!rows.length) return <><h2 className="govuk-heading-m">{caption}</h2><p className="govuk-body">None.</p></>;
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Decision</th>
          <th scope="col" className="govuk-table__header">Decision-maker</th>
          <th scope="col" className="govuk-table__header">Due</th>
          <th scope="col" className="govuk-table__header">First published</th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">Spending</th>
          <th scope="col" className="govuk-table__header">Localities</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((r) => (
          <tr className="govuk-table__row" key={r.id}>
            <td className="govuk-table__cell">
              <Link className="govuk-link" to={`/forward-plan/${r.id}`}>{r.title}</Link>
              {r.exceptionRoute !== "none" && <> <Tag colour="orange">{r.exceptionRoute === "general_exception" ? "General exception" : "Special urgency"}</Tag></>}
              {r.decisionId && <> <Tag colour="green">Taken {formatDay(r.takenOn)}</Tag></>}
            </td>
            <td className="govuk-table__cell">{r.boardName}</td>
            <td className="govuk-table__cell">{formatDay(r.decisionDueOn)}</td>
            <td className="govuk-table__cell">{formatDay(r.publishedOn)}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{r.spendPence ? formatPounds(r.spendPence) : "None"}</td>
            <td className="govuk-table__cell">{r.localities.join(", ") || "Council-wide"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
