/** The governance part of a decision page: called-in status, the call-in period and requests, the scrutiny outcome, recommendations, and the report's implications. */
import { Link } from "@remix-run/react";
import { formatDay } from "~/lib/dates";
import type { DecisionGovernance } from "../scrutiny.server";
import { CALL_IN_STATUS_LABELS } from "../rules";
import { Implications, NoticeAndMoney } from "./ReportDetails";

export function DecisionGovernanceSection({ g, decisionId }: { g: DecisionGovernance; decisionId: number }) {
  return (
    <>
      {g.callIn && (
        <div className={`govuk-notification-banner${g.suspended ? "" : " govuk-notification-banner--success"}`} role="region" aria-labelledby="call-in-banner-title" data-testid="call-in-banner">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="call-in-banner-title">{g.suspended ? "Called in" : "Call-in"}</h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">{CALL_IN_STATUS_LABELS[g.callIn.status]}</p>
            <p className="govuk-body">Called in on {formatDay(g.callIn.calledInOn)} by members of the <Link className="govuk-notification-banner__link" to={`/scrutiny/${g.callIn.boardSlug}`}>{g.callIn.boardName}</Link>.</p>
          </div>
        </div>
      )}
      {g.report && (
        <>
          <NoticeAndMoney report={g.report} />
          {g.report.isKey && <p className="govuk-body"><Link className="govuk-link" to={`/forward-plan/${g.report.id}`}>This decision on the forward plan</Link></p>}
          <Implications report={g.report} />
        </>
      )}
      <section aria-labelledby="call-in-heading" data-testid="call-in">
        <h2 className="govuk-heading-m" id="call-in-heading">Call-in</h2>
        {g.callInLastDay && !g.callIn && (
          <p className="govuk-body">
            {g.callInOpen ? `Members of a scrutiny board may call in this decision until the end of ${formatDay(g.callInLastDay)}` : `The call-in period ended on ${formatDay(g.callInLastDay)}`}
            {g.required ? ` (${g.requests.length} of the ${g.required} members needed have asked).` : "."}
          </p>
        )}
        {g.requests.length > 0 && (
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--s">Requests to call in this decision</caption>
            <thead className="govuk-table__head"><tr className="govuk-table__row"><th scope="col" className="govuk-table__header">Member</th><th scope="col" className="govuk-table__header">Reasons</th><th scope="col" className="govuk-table__header">Asked</th></tr></thead>
            <tbody className="govuk-table__body">
              {g.requests.map((r) => (
                <tr className="govuk-table__row" key={r.id}><td className="govuk-table__cell">{r.name}</td><td className="govuk-table__cell">{r.reasons}</td><td className="govuk-table__cell">{formatDay(r.requestedOn)}</td></tr>
              ))}
            </tbody>
          </table>
        )}
        {g.callIn?.outcomeNotes && <p className="govuk-body">The scrutiny board's notes: {g.callIn.outcomeNotes}</p>}
        {g.callIn?.finalDecision && <p className="govuk-body">Final decision after reconsidering: {g.callIn.finalDecision}</p>}
        {g.may.callIn && <p className="govuk-body"><Link className="govuk-link" to={`/decisions/${decisionId}/call-in`}>Ask for this decision to be called in</Link></p>}
        {(g.may.recordOutcome || g.may.conclude || (g.may.respond && g.recommendations.some((r) => r.response === null))) && (
          <p className="govuk-body"><Link className="govuk-link" to={`/decisions/${decisionId}/scrutiny`}>{g.may.recordOutcome ? "Record the scrutiny board's outcome" : g.may.conclude ? "Record the final decision" : "Respond to the recommendations"}</Link></p>
        )}
      </section>
      {g.recommendations.length > 0 && (
        <section aria-labelledby="recommendations-heading">
          <h2 className="govuk-heading-m" id="recommendations-heading">Scrutiny recommendations</h2>
          <ul className="govuk-list">
            {g.recommendations.map((r) => (
              <li key={r.id} className="govuk-!-margin-bottom-4">
                {r.recommendation}
                <br />
                <span className="govuk-body-s">{r.response ? `Response given ${formatDay(r.responded_on)}: ${r.response}` : `Response due by ${formatDay(r.response_due_on)}.`}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
