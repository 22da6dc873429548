import { DateInput } from "~/components/govuk/date-input";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { SummaryList, Tag } from "~/components/govuk/content";
import { Button, ErrorSummary, TextInput, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, notFound } from "~/lib/http.server";
import { boardBySlug, canManageBoard, decisionsRegister } from "~/modules/boards/boards.server";
import { createMeeting, listBoardMeetings, runnableMeetingIds } from "~/modules/meetings/meetings.server";
import { KIND_LABELS, ROLE_LABELS, formatDate, formatDateTime } from "~/modules/meetings/format";
import { isUpcoming, MEETING_STATUS_LABELS } from "~/modules/meetings/rules";
import { TableHead } from "~/components/govuk/table-head";
import { cancelledMeetingIds } from "~/modules/meetings/notices.server";
import { alternateLinks, boardAlternates } from "~/modules/syndication/links";
import { SubscribeLinks } from "~/modules/syndication/components/SubscribeLinks";
import { TableScroll } from "~/components/govuk/table-scroll";

export const handle = { title: (data: unknown) => (data as { board?: { name: string } })?.board?.name ?? "Board" };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => (d ? alternateLinks(boardAlternates(d.board)) : []);

export async function loader({ context, params }: LoaderFunctionArgs) {
  const found = await boardBySlug(context.db, params.slug ?? "");
  if (!found) notFound("There is no board at this address.");
  const canManage = canManageBoard(context.actor, found.board);
  const [meetings, register, runnable] = await Promise.all([
    listBoardMeetings(context.db, found.board.id, { includeDrafts: canManage }),
    decisionsRegister(context.db, { board: String(found.board.id) }, { limit: 10 }),
    runnableMeetingIds(context.db, context.actor, found.board.id),
  ]);
  const now = new Date();
  const cancelled = await cancelledMeetingIds(context.db, meetings.map((m) => m.id));
  return {
    board: found.board,
    members: found.members,
    canManage,
    meetings: meetings.map((m) => ({
      id: m.id,
      title: m.title,
      when: formatDateTime(m.starts_at),
      status: cancelled.has(m.id) ? "Cancelled" : MEETING_STATUS_LABELS[m.status],
      cancelled: cancelled.has(m.id),
      upcoming: isUpcoming({ status: m.status, startsAt: m.starts_at }, now),
      // Drafts have no public page yet: the clerk builds them in the console.
      draft: m.status === "draft",
      console: runnable.includes(m.id),
    })),
    decisions: register.decisions.map((d) => ({ id: d.id, text: d.text, meetingId: d.meeting_id, date: formatDate(d.decided_at) })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const found = await boardBySlug(context.db, params.slug ?? "");
  if (!found) notFound("There is no board at this address.");
  const formData = await request.formData();
  const result = await createMeeting(context.db, context.actor, { ...formInput(formData), boardId: found.board.id });
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/meetings/${result.value.meetingId}/console`);
}

export default function BoardPage() {
  const { board, members, meetings, decisions, canManage } = useLoaderData<typeof loader>();
  const form = useFormState({ title: "Ordinary meeting" });
  const upcoming = meetings.filter((m) => m.upcoming).reverse();
  const past = meetings.filter((m) => !m.upcoming);
  return (
    <>
      <ErrorSummary form={form} />
      <span className="govuk-caption-l">{board.locality_name ?? "Council-wide"}</span>
      <h1 className="govuk-heading-l">{board.name}</h1>
      <p className="govuk-body-l">{board.remit}</p>
      {board.kind === "scrutiny" && <p className="govuk-body"><a className="govuk-link" href={`/scrutiny/${board.slug}`}>Work programme, call-ins and recommendations</a></p>}
      <p className="govuk-body">
        <a className="govuk-link" href={`/follow?kind=board&id=${board.id}`}>Get e-mail updates about {board.name}</a> (agendas and decisions)
      </p>
      <SummaryList
        rows={[
          { key: "Terms of reference", value: board.terms_of_reference },
          { key: "Quorum", value: board.quorum },
        ]}
      />

      <h2 className="govuk-heading-m">Upcoming meetings</h2>
      <MeetingList meetings={upcoming} empty="No meetings are planned yet." />
      <h2 className="govuk-heading-m">Past meetings</h2>
      <MeetingList meetings={past} empty="This board has not met yet." />
      <SubscribeLinks
        links={[
          { href: `/boards/${board.slug}/calendar.ics`, text: "Subscribe to this board’s meetings (iCal)" },
          { href: `/boards/${board.slug}/feed.atom`, text: "This board’s agendas, minutes and decisions (Atom feed)" },
          { href: "/meetings", text: "All the council’s public meetings" },
        ]}
      />

      <h2 className="govuk-heading-m">Members</h2>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/boards/${board.slug}/interests`}>Register of members’ interests</Link>
        {canManage && <> · <Link className="govuk-link" to={`/boards/${board.slug}/members`}>Add members and register interests</Link> · <Link className="govuk-link" to={`/boards/${board.slug}/edit`}>Change the board’s details</Link></>}
      </p>
      <TableScroll label={`Members of the ${board.name}`}>
      <table className="govuk-table">
        <TableHead caption={<>Members of the {board.name}</>} columns={["Name", "Role", "Represents", "Term", "Votes"]} />
        <tbody className="govuk-table__body">
          {members.map((m) => (
            <tr className="govuk-table__row" key={m.id}>
              <th scope="row" className="govuk-table__header">{m.name}</th>
              <td className="govuk-table__cell">{ROLE_LABELS[m.role]}</td>
              <td className="govuk-table__cell">
                {KIND_LABELS[m.kind]}
                {m.organisation && <><br /><span className="govuk-body-s">{m.organisation}</span></>}
              </td>
              <td className="govuk-table__cell">{formatDate(m.term_start)} to {m.term_end ? formatDate(m.term_end) : "no end date"}</td>
              <td className="govuk-table__cell">{m.voting ? "Yes" : "No"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </TableScroll>

      <h2 className="govuk-heading-m">Recent decisions</h2>
      {decisions.length ? (
        <ul className="govuk-list govuk-list--bullet">
          {decisions.map((d) => (
            <li key={d.id}>
              {d.text} <span className="govuk-body-s">({d.date}, <Link className="govuk-link" to={`/meetings/${d.meetingId}`}>meeting</Link>)</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">No decisions yet.</p>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={`/decisions?board=${board.id}`}>All decisions of this board</Link>
      </p>

      {canManage && (
        <>
          <h2 className="govuk-heading-m">Arrange a meeting</h2>
          <Form method="post" noValidate>
            <TextInput form={form} name="title" label="Title" />
            <DateInput form={form} name="startsAt" label="Date and time" hint="For example, 18 1 2027 and 6:30pm" withTime />
            <TextInput form={form} name="venue" label="Venue" />
            <TextInput form={form} name="onlineLink" label="Online link (optional)" type="url" />
            <Button>Create the meeting</Button>
          </Form>
        </>
      )}
    </>
  );
}

function MeetingList({ meetings, empty }: { meetings: { id: number; title: string; when: string; status: string; cancelled: boolean; draft: boolean; console: boolean }[]; empty: string }) {
  if (!meetings.length) return <p className="govuk-body">{empty}</p>;
  return (
    <ul className="govuk-list">
      {meetings.map((m) => (
        <li key={m.id}>
          {m.draft ? <>{m.when}: {m.title}</> : <Link className="govuk-link" to={`/meetings/${m.id}`}>{m.when}: {m.title}</Link>} <Tag colour={m.cancelled ? "red" : "grey"}>{m.status}</Tag>
          {m.console && (
            <> · <Link className="govuk-link" to={`/meetings/${m.id}/console`}>Console<span className="govuk-visually-hidden"> for {m.title}, {m.when}</span></Link></>
          )}
        </li>
      ))}
    </ul>
  );
}
