/** "Your work": what an officer or moderator has to do next, with its statutory dates. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Tag } from "~/components/govuk/content";
import { TableHead } from "~/components/govuk/table-head";
import { requirePermission } from "~/modules/permissions/route.server";
import { formatDate } from "~/modules/meetings/format";
import { yourWork } from "~/modules/work/work.server";
import { GovernanceWorkSection, governanceWorkCount } from "~/modules/governance/components/GovernanceWork";

export const handle = { title: "Your work" };

const EOI_WHAT = {
  acknowledge: "Acknowledge receipt",
  notify_decision_date: "Tell the group the decision date",
  decide: "Decide",
  start_procurement: "Start procurement",
} as const;

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "work.view");
  const result = await yourWork(context.db, context.actor);
  if (!result.ok) throw new Response("Forbidden", { status: 403 });
  const w = result.value;
  return {
    name: context.actor.user!.displayName,
    eois: w.eois?.map((e) => ({ ...e, dueOnText: formatDate(e.due.dueOn) })) ?? null,
    consultations: w.consultations?.map((c) => ({ ...c, closesText: c.closesAt ? formatDate(c.closesAt) : null })) ?? null,
    agendas: w.agendas?.map((a) => ({ ...a, meetingText: formatDate(a.startsAt), publishByText: formatDate(a.publishBy) })) ?? null,
    reported: w.reported,
    governance: w.governance,
  };
}

function DueTag({ daysLeft, state }: { daysLeft: number; state: string }) {
  if (state === "lapsed") return <Tag colour="red">Lapsed</Tag>;
  if (daysLeft < 0) return <Tag colour="red">Overdue by {-daysLeft} day{daysLeft === -1 ? "" : "s"}</Tag>;
  if (daysLeft === 0) return <Tag colour="orange">Due today</Tag>;
  return <Tag colour={daysLeft <= 3 ? "orange" : "blue"}>Due in {daysLeft} day{daysLeft === 1 ? "" : "s"}</Tag>;
}

export default function YourWork() {
  const { name, eois, consultations, agendas, reported, governance } = useLoaderData<typeof loader>();
  const total = (eois?.length ?? 0) + (consultations?.length ?? 0) + (agendas?.length ?? 0) + (reported?.count ? 1 : 0) + governanceWorkCount(governance);
  return (
    <>
      <span className="govuk-caption-xl">{name}</span>
      <h1 className="govuk-heading-xl">Your work</h1>
      <p className="govuk-body-l">{total ? "What needs you next, most urgent first." : "Nothing needs you right now."}</p>

      {eois && (
        <section aria-labelledby="eois-heading" className="govuk-!-margin-bottom-8">
          <h2 className="govuk-heading-l" id="eois-heading">Right to Challenge: expressions of interest</h2>
          {eois.length ? (
            <div className="moot-table-scroll" role="region" aria-label="Expressions of interest with something due" tabIndex={0}>
              <table className="govuk-table">
                <TableHead caption="Expressions of interest with something due" captionSize="s" columns={["Expression of interest", "What is due", "Statutory date", "Status"]} />
                <tbody className="govuk-table__body">
                  {eois.map((e) => (
                    <tr className="govuk-table__row" key={e.id}>
                      <th scope="row" className="govuk-table__header">
                        <Link className="govuk-link" to={`/challenges/manage/${e.id}`}>{e.title}</Link>
                        <br />
                        <span className="govuk-body-s">{e.groupName}</span>
                      </th>
                      <td className="govuk-table__cell">{EOI_WHAT[e.due.what]}</td>
                      <td className="govuk-table__cell">{e.dueOnText}</td>
                      <td className="govuk-table__cell"><DueTag daysLeft={e.due.daysLeft} state={e.due.state} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="govuk-body">No expressions of interest are waiting for the council.</p>
          )}
          <p className="govuk-body"><Link className="govuk-link" to="/challenges/manage">All expressions of interest</Link></p>
        </section>
      )}

      {consultations && (
        <section aria-labelledby="consultations-heading" className="govuk-!-margin-bottom-8">
          <h2 className="govuk-heading-l" id="consultations-heading">Consultations</h2>
          {consultations.length ? (
            <ul className="govuk-list govuk-list--spaced">
              {consultations.map((c) => (
                <li key={c.id}>
                  {c.state === "awaiting_results" ? (
                    <>
                      <Link className="govuk-link" to={`/officer/consultations/${c.id}/results`}>{c.title}</Link> <Tag colour="orange">Awaiting results</Tag>
                      <br />
                      <span className="govuk-body-s">Closed{c.closesText ? ` on ${c.closesText}` : ""} with {c.responses} response{c.responses === 1 ? "" : "s"}. Analyse them and publish the results.</span>
                    </>
                  ) : (
                    <>
                      <Link className="govuk-link" to={`/officer/consultations/${c.id}`}>{c.title}</Link> <Tag colour="blue">Closing soon</Tag>
                      <br />
                      <span className="govuk-body-s">Closes on {c.closesText}; {c.responses} response{c.responses === 1 ? "" : "s"} so far.</span>
                    </>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">No consultations are closing soon or waiting for results.</p>
          )}
          <p className="govuk-body"><Link className="govuk-link" to="/officer/consultations">All your consultations</Link></p>
        </section>
      )}

      {agendas && (
        <section aria-labelledby="agendas-heading" className="govuk-!-margin-bottom-8">
          <h2 className="govuk-heading-l" id="agendas-heading">Agendas to publish</h2>
          <p className="govuk-body">An agenda must be published at least five clear working days before the meeting (Local Government Act 1972, section 100B).</p>
          {agendas.length ? (
            <ul className="govuk-list govuk-list--spaced">
              {agendas.map((a) => (
                <li key={a.meetingId}>
                  <Link className="govuk-link" to={`/meetings/${a.meetingId}/console`}>{a.boardName}: {a.title}, {a.meetingText}</Link>{" "}
                  {a.late ? <Tag colour="red">Too late for five clear days</Tag> : <DueTag daysLeft={a.daysLeft} state="due" />}
                  <br />
                  <span className="govuk-body-s">{a.late ? `The last day for five clear working days’ notice was ${a.publishByText}: publishing now needs the chair’s reason of urgency.` : `Publish by ${a.publishByText}.`}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">No draft agendas are waiting to be published.</p>
          )}
          <p className="govuk-body"><Link className="govuk-link" to="/boards">Boards and meetings</Link></p>
        </section>
      )}

      {reported && (
        <section aria-labelledby="reported-heading" className="govuk-!-margin-bottom-8">
          <h2 className="govuk-heading-l" id="reported-heading">Reported comments</h2>
          <p className="govuk-body">
            {reported.count ? `${reported.count} reported comment${reported.count === 1 ? " is" : "s are"} waiting for a moderator${reported.feeds.length ? ` (in ${reported.feeds.join(", ")})` : ""}.` : "No reported comments are waiting."}
          </p>
          <p className="govuk-body"><Link className="govuk-link" to="/moderation">Moderate comments</Link></p>
        </section>
      )}

      {governance && <GovernanceWorkSection g={governance} />}
    </>
  );
}
