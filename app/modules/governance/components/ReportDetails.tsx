/** A decision report as the public reads it: key decision and notice, money, localities, implications and alternatives. */
import { Link } from "@remix-run/react";
import { formatDay } from "~/lib/dates";
import type { DecisionReport } from "../governance.server";
import { formatPounds } from "../rules";

type Report = Omit<DecisionReport, "takenOn"> & { takenOn: string | null };

const IMPLICATION_LABELS: [keyof Report["implications"], string][] = [
  ["financial", "Financial"],
  ["legal", "Legal"],
  ["equality", "Equality"],
  ["carbon", "Carbon and environmental"],
  ["communitySafety", "Community safety"],
  ["staffing", "Staffing"],
];

const Row = ({ k, children }: { k: string; children: React.ReactNode }) => (
  <div className="govuk-summary-list__row">
    <dt className="govuk-summary-list__key">{k}</dt>
    <dd className="govuk-summary-list__value">{children}</dd>
  </div>
);

export function NoticeAndMoney({ report: r, headingLevel = 2 }: { report: Report; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <>
      <H className={headingLevel === 2 ? "govuk-heading-m" : "govuk-heading-s"}>{r.isKey ? "Key decision" : "Decision report"}</H>
      <dl className="govuk-summary-list" data-testid="report-notice">
        <Row k="Key decision">{r.isKey ? "Yes" : "No"}</Row>
        <Row k="Decision-maker">{r.boardName}</Row>
        <Row k="Due to be taken">{formatDay(r.decisionDueOn)}</Row>
        {r.publishedOn && <Row k="First on the forward plan">{formatDay(r.publishedOn)}</Row>}
        {r.exceptionRoute === "general_exception" && (
          <Row k="Notice">General exception (regulation 10): the chair of the scrutiny board was told on {formatDay(r.scrutinyChairNotifiedOn)}. {r.exceptionReason}</Row>
        )}
        {r.exceptionRoute === "special_urgency" && (
          <Row k="Notice">Special urgency (regulation 11): {r.scrutinyChairName} agreed on {formatDay(r.scrutinyChairAgreedOn)} that it cannot reasonably be deferred. {r.exceptionReason}</Row>
        )}
        <Row k="Spending">{r.spendPence ? formatPounds(r.spendPence) : "None"}</Row>
        <Row k="Saving">{r.savingPence ? formatPounds(r.savingPence) : "None"}</Row>
        <Row k="Localities affected">{r.localities.join(", ") || "Council-wide"}</Row>
        {r.decisionId && r.takenOn && <Row k="Decision taken"><Link className="govuk-link" to={`/decisions/${r.decisionId}`}>Decision of {formatDay(r.takenOn)}</Link></Row>}
      </dl>
    </>
  );
}

export function Implications({ report: r }: { report: Report }) {
  const shown = IMPLICATION_LABELS.filter(([k]) => r.implications[k].trim());
  return (
    <section aria-labelledby="implications-heading" data-testid="implications">
      <h2 className="govuk-heading-m" id="implications-heading">Implications</h2>
      {shown.length === 0 && <p className="govuk-body">The report records no implications.</p>}
      {shown.map(([k, label]) => (
        <div key={k}>
          <h3 className="govuk-heading-s">{label} implications</h3>
          <p className="govuk-body">{r.implications[k]}</p>
        </div>
      ))}
      <h2 className="govuk-heading-m">Alternatives considered</h2>
      <p className="govuk-body">{r.alternativesConsidered.trim() || "None recorded."}</p>
    </section>
  );
}
