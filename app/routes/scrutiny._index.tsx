import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { scrutinyBoards } from "~/modules/governance/scrutiny.server";

export const handle = { title: "Scrutiny" };

export async function loader({ context }: LoaderFunctionArgs) {
  return { boards: await scrutinyBoards(context.db) };
}

export default function Scrutiny() {
  const { boards } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Scrutiny</h1>
        <p className="govuk-body-l">Scrutiny boards hold the council's decision-makers to account. Their members can call in a decision within 5 working days of its publication, which stops it being put into effect until the scrutiny board has considered it.</p>
        <p className="govuk-body">See what is coming on the <Link className="govuk-link" to="/forward-plan">forward plan of key decisions</Link>.</p>
        {boards.length === 0 ? <p className="govuk-body">There are no scrutiny boards.</p> : (
          <ul className="govuk-list">
            {boards.map((b) => (
              <li key={b.id}>
                <Link className="govuk-link govuk-!-font-weight-bold" to={`/scrutiny/${b.slug}`}>{b.name}</Link>
                <p className="govuk-body">{b.remit}</p>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
