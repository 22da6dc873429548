import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { alternateLinks, COUNCIL_CALENDAR, DECISIONS_FEED } from "~/modules/syndication/links";
import { Link, useLoaderData } from "@remix-run/react";
import { listBoards } from "~/modules/boards/boards.server";
import { ANYWHERE, can } from "~/modules/permissions/permissions";

export const handle = { title: "Boards and meetings" };

export const meta: MetaFunction = () => alternateLinks([COUNCIL_CALENDAR, DECISIONS_FEED]);

export async function loader({ context }: LoaderFunctionArgs) {
  return { boards: await listBoards(context.db), canCreate: can(context.actor, "board.manage", ANYWHERE) };
}

export default function Boards() {
  const { boards, canCreate } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Boards and meetings</h1>
      <p className="govuk-body-l">Local governance boards meet in public. Follow their agendas, papers, meetings and decisions.</p>
      <p className="govuk-body"><a className="govuk-link" href="/forward-plan">Forward plan of key decisions</a> · <a className="govuk-link" href="/scrutiny">Scrutiny and call-in</a></p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/meetings">All public meetings</Link> · <a className="govuk-link" href="/meetings/calendar.ics">Subscribe to all public meetings (iCal)</a> · <Link className="govuk-link" to="/decisions">Search the register of decisions</Link>
        {canCreate && <> · <Link className="govuk-link" to="/boards/new">Set up a board</Link></>}
      </p>
      <ul className="govuk-list">
        {boards.map((b) => (
          <li key={b.id} className="govuk-!-margin-bottom-6">
            <h2 className="govuk-heading-m govuk-!-margin-bottom-1">
              <Link className="govuk-link" to={`/boards/${b.slug}`}>{b.name}</Link>
            </h2>
            <p className="govuk-body-s govuk-!-margin-bottom-1">{b.locality_name ?? "Council-wide"}</p>
            <p className="govuk-body">{b.remit}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
