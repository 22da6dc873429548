/** Every board's public meetings in one place, with the council-wide calendar to subscribe to. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Tag } from "~/components/govuk/content";
import { TableHead } from "~/components/govuk/table-head";
import { formatDateTime } from "~/modules/meetings/format";
import { MEETING_STATUS_LABELS } from "~/modules/meetings/rules";
import { councilMeetings } from "~/modules/syndication/calendar.server";
import { SubscribeLinks } from "~/modules/syndication/components/SubscribeLinks";
import { alternateLinks, COUNCIL_CALENDAR, DECISIONS_FEED } from "~/modules/syndication/links";

export const handle = { title: "Public meetings" };

export const meta: MetaFunction = () => alternateLinks([COUNCIL_CALENDAR, DECISIONS_FEED]);

export async function loader({ context }: LoaderFunctionArgs) {
  const { upcoming, recent } = await councilMeetings(context.db);
  const shown = (list: typeof upcoming) => list.map((m) => ({ ...m, when: formatDateTime(m.startsAt), statusLabel: m.cancelled ? "Cancelled" : MEETING_STATUS_LABELS[m.status] }));
  return { upcoming: shown(upcoming), recent: shown(recent) };
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["upcoming"][number];

function MeetingsTable({ caption, rows, empty }: { caption: string; rows: Row[]; empty: string }) {
  if (!rows.length) return <><h2 className="govuk-heading-m">{caption}</h2><p className="govuk-body">{empty}</p></>;
  return (
    <div className="moot-table-scroll">
      <table className="govuk-table">
        <TableHead caption={caption} captionSize="m" columns={["When", "Board", "Meeting", "Status"]} />
        <tbody className="govuk-table__body">
          {rows.map((m) => (
            <tr className="govuk-table__row" key={m.id}>
              <td className="govuk-table__cell">{m.when}</td>
              <td className="govuk-table__cell"><Link className="govuk-link" to={`/boards/${m.boardSlug}`}>{m.boardName}</Link></td>
              <td className="govuk-table__cell"><Link className="govuk-link" to={`/meetings/${m.id}`}>{m.title}<span className="govuk-visually-hidden">, {m.boardName}, {m.when}</span></Link>{m.venue && <span className="govuk-body-s govuk-!-display-block">{m.venue}</span>}</td>
              <td className="govuk-table__cell"><Tag colour={m.cancelled ? "red" : m.status === "in_progress" ? "green" : "grey"}>{m.statusLabel}</Tag></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function PublicMeetings() {
  const { upcoming, recent } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Public meetings</h1>
      <p className="govuk-body-l">Every board meets in public. Agendas and papers are published at least five clear working days before each meeting.</p>
      <SubscribeLinks
        heading="Add the meetings to your calendar"
        links={[
          { href: "/meetings/calendar.ics", text: "Subscribe to all public meetings (iCal)", hint: "Cancelled meetings show as cancelled." },
          { href: "/decisions.atom", text: "Decisions of every board (Atom feed)" },
        ]}
      />
      <MeetingsTable caption="Upcoming meetings" rows={upcoming} empty="No meetings are planned yet." />
      <MeetingsTable caption="Meetings in the last three months" rows={recent} empty="No meetings in the last three months." />
      <p className="govuk-body"><Link className="govuk-link" to="/boards">All boards</Link> · <Link className="govuk-link" to="/decisions">Register of decisions</Link></p>
    </>
  );
}
