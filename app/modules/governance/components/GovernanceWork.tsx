/** "Your work": decisions called in, scrutiny recommendations due, key decisions on short notice. */
import { Link } from "@remix-run/react";
import { Tag } from "~/components/govuk/content";
import { longDate } from "~/modules/evidence/dates";
import type { GovernanceWork } from "../work.server";

const ROUTE_WORDS = { none: "", general_exception: "general exception (regulation 10)", special_urgency: "special urgency (regulation 11)" } as const;

function DaysTag({ daysLeft }: { daysLeft: number }) {
  if (daysLeft < 0) return <Tag colour="red">Overdue by {-daysLeft} day{daysLeft === -1 ? "" : "s"}</Tag>;
  if (daysLeft === 0) return <Tag colour="orange">Due today</Tag>;
  return <Tag colour={daysLeft <= 3 ? "orange" : "blue"}>Due in {daysLeft} day{daysLeft === 1 ? "" : "s"}</Tag>;
}

export const governanceWorkCount = (g: GovernanceWork | null) => (g ? g.callIns.length + g.recommendations.length + g.shortNotice.length : 0);

export function GovernanceWorkSection({ g }: { g: GovernanceWork }) {
  return (
    <section aria-labelledby="governance-heading" className="govuk-!-margin-bottom-8" data-testid="governance-work">
      <h2 className="govuk-heading-l" id="governance-heading">Scrutiny and key decisions</h2>
      {governanceWorkCount(g) === 0 && <p className="govuk-body">No call-ins, scrutiny recommendations or short-notice key decisions need you.</p>}
      {g.callIns.length > 0 && (
        <>
          <h3 className="govuk-heading-m">Decisions called in, waiting for the scrutiny board’s outcome</h3>
          <p className="govuk-body">Implementation is suspended until the scrutiny board decides.</p>
          <ul className="govuk-list govuk-list--spaced">
            {g.callIns.map((c) => (
              <li key={c.decisionId}>
                <Link className="govuk-link" to={`/decisions/${c.decisionId}`}>{c.itemTitle}</Link> <Tag colour="red">Called in</Tag>
                <br />
                <span className="govuk-body-s">Decided by the {c.decisionBoardName}; called in to the <Link className="govuk-link" to={`/scrutiny/${c.scrutinyBoardSlug}`}>{c.scrutinyBoardName}</Link> on {longDate(c.calledInOn)}.</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {g.recommendations.length > 0 && (
        <>
          <h3 className="govuk-heading-m">Scrutiny recommendations to answer</h3>
          <ul className="govuk-list govuk-list--spaced">
            {g.recommendations.map((r) => (
              <li key={r.id}>
                {r.decisionId ? <Link className="govuk-link" to={`/decisions/${r.decisionId}`}>{r.recommendation}</Link> : <Link className="govuk-link" to={`/scrutiny/${r.scrutinyBoardSlug}`}>{r.recommendation}</Link>} <DaysTag daysLeft={r.daysLeft} />
                <br />
                <span className="govuk-body-s">From the {r.scrutinyBoardName} to {r.addressedTo}; response due {longDate(r.dueOn)}.</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {g.shortNotice.length > 0 && (
        <>
          <h3 className="govuk-heading-m">Key decisions on short notice</h3>
          <p className="govuk-body">These have been on the forward plan for less than 28 clear days before they are due, so they rely on an exception route.</p>
          <ul className="govuk-list govuk-list--spaced">
            {g.shortNotice.map((k) => (
              <li key={k.reportId}>
                <Link className="govuk-link" to={`/forward-plan/${k.reportId}`}>{k.title}</Link> <Tag colour="orange">{k.clearDays} clear days</Tag>
                <br />
                <span className="govuk-body-s">The {k.boardName}, due {longDate(k.decisionDueOn)}{k.route !== "none" ? `, under ${ROUTE_WORDS[k.route]}` : ""}.</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="govuk-body"><Link className="govuk-link" to="/scrutiny">Scrutiny and call-in</Link> · <Link className="govuk-link" to="/forward-plan">Forward plan of key decisions</Link></p>
    </section>
  );
}
