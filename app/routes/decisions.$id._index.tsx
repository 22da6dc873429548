import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Tag } from "~/components/govuk/content";
import { notFound, rowIdParam } from "~/lib/http.server";
import { publicDecision } from "~/modules/boards/decisions.server";
import { EVIDENCE_TYPE_LABELS } from "~/modules/evidence/schema";
import { CHOICE_LABELS, formatDateTime } from "~/modules/meetings/format";
import { DecisionGovernanceSection } from "~/modules/governance/components/DecisionGovernance";
import { decisionGovernance } from "~/modules/governance/scrutiny.server";
import { subjectsOfDecision } from "~/modules/commissioning/decision-subjects.server";
import { SUBJECT_KIND_LABELS } from "~/modules/commissioning/labels";
import { DECISION_RELATION_LABELS } from "~/modules/commissioning/rules";

export const handle = { title: (data: unknown) => (data as { decision?: { item_title: string } } | undefined)?.decision ? `Decision: ${(data as { decision: { item_title: string } }).decision.item_title}` : "Decision" };

export async function loader({ context, params }: LoaderFunctionArgs) {
  const shown = await publicDecision(context.db, context.actor, rowIdParam(params.id));
  if (!shown) notFound("There is no public decision at this address.");
  return { ...shown, meetingWhen: formatDateTime(shown.decision.starts_at), governance: await decisionGovernance(context.db, context.actor, shown.decision.id), subjects: await subjectsOfDecision(context.db, shown.decision.id, context.actor) };
}

export default function DecisionPage() {
  const { decision: d, votes, outcomes, evidence, itemEvidence, canManage, meetingWhen, governance, subjects } = useLoaderData<typeof loader>();
  return (
    <>
      <Link to="/decisions" className="govuk-back-link">Register of decisions</Link>
      <span className="govuk-caption-l">{d.board_name}{d.locality_name ? `, ${d.locality_name}` : ""}</span>
      <h1 className="govuk-heading-l">Decision: {d.item_title}</h1>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row"><dt className="govuk-summary-list__key">Decision</dt><dd className="govuk-summary-list__value" data-testid="decision-text">{d.text}</dd></div>
        <div className="govuk-summary-list__row"><dt className="govuk-summary-list__key">Reasons</dt><dd className="govuk-summary-list__value">{d.reasons}</dd></div>
        <div className="govuk-summary-list__row"><dt className="govuk-summary-list__key">Decided</dt><dd className="govuk-summary-list__value">{d.decidedOn}</dd></div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Meeting</dt>
          <dd className="govuk-summary-list__value"><Link className="govuk-link" to={`/meetings/${d.meeting_id}`}>{d.meeting_title}, {meetingWhen}</Link>: item {d.position}</dd>
        </div>
        {d.recommendation && <div className="govuk-summary-list__row"><dt className="govuk-summary-list__key">Recommendation</dt><dd className="govuk-summary-list__value">{d.recommendation}</dd></div>}
        {subjects.length > 0 && (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">What it decides</dt>
            <dd className="govuk-summary-list__value" data-testid="decision-subjects">
              <ul className="govuk-list">{subjects.map((x) => <li key={`${x.kind}:${x.id}`}>{DECISION_RELATION_LABELS[x.relation]}: {SUBJECT_KIND_LABELS[x.kind].toLowerCase()} <Link className="govuk-link" to={x.href}>{x.title}</Link></li>)}</ul>
            </dd>
          </div>
        )}
        {outcomes.length > 0 && (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Outcomes it serves</dt>
            <dd className="govuk-summary-list__value">
              <ul className="govuk-list">{outcomes.map((o) => <li key={o.id}><Link className="govuk-link" to={`/outcomes/${o.id}`}>{o.title}</Link></li>)}</ul>
            </dd>
          </div>
        )}
      </dl>
      {canManage && <p className="govuk-body"><Link className="govuk-link" to={`/decisions/${d.id}/evidence`}>Change the evidence and outcomes this decision cites</Link></p>}
      {canManage && <p className="govuk-body"><Link className="govuk-link" to={`/decisions/${d.id}/subjects`}>Change the plans, consultations and expressions of interest this decision cites</Link></p>}
      <DecisionGovernanceSection g={governance} decisionId={d.id} />

      {d.motion_text && (
        <section aria-labelledby="vote-heading">
          <h2 className="govuk-heading-m" id="vote-heading">The vote</h2>
          <p className="govuk-body">“{d.motion_text}” {d.motion_status && <Tag colour={d.motion_status === "carried" ? "green" : "grey"}>{d.motion_status}</Tag>}</p>
          {d.votes_for !== null && <p className="govuk-body">{d.votes_for} for, {d.votes_against} against, {d.abstentions} abstained{d.casting_vote ? `; the chair’s casting vote ${d.casting_vote}` : ""}.</p>}
          {votes.length > 0 && (
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-table__caption--s">How each member voted</caption>
              <thead className="govuk-table__head"><tr className="govuk-table__row"><th scope="col" className="govuk-table__header">Member</th><th scope="col" className="govuk-table__header">Vote</th></tr></thead>
              <tbody className="govuk-table__body">{votes.map((v) => <tr className="govuk-table__row" key={v.name}><td className="govuk-table__cell">{v.name}</td><td className="govuk-table__cell">{CHOICE_LABELS[v.choice]}</td></tr>)}</tbody>
            </table>
          )}
        </section>
      )}

      <section aria-labelledby="evidence-heading" data-testid="decision-evidence">
        <h2 className="govuk-heading-m" id="evidence-heading">Evidence the decision relied on</h2>
        {evidence.length === 0 && itemEvidence.length === 0 && <p className="govuk-body">No evidence from the library is cited for this decision.</p>}
        <EvidenceList items={evidence} />
        {itemEvidence.length > 0 && (
          <>
            <h3 className="govuk-heading-s">Evidence in the report for decision</h3>
            <EvidenceList items={itemEvidence} />
          </>
        )}
      </section>
    </>
  );
}

function EvidenceList({ items }: { items: { id: number; title: string; type: keyof typeof EVIDENCE_TYPE_LABELS; summary: string; sourceOrganisation: string; visibility: string }[] }) {
  if (!items.length) return null;
  return (
    <ul className="govuk-list">
      {items.map((e) => (
        <li key={e.id} className="govuk-!-margin-bottom-3">
          <Link className="govuk-link" to={`/evidence/${e.id}`}>{e.title}</Link> {e.visibility === "internal" && <Tag colour="grey">Internal</Tag>}
          <br />
          <span className="govuk-body-s">{EVIDENCE_TYPE_LABELS[e.type]}, from {e.sourceOrganisation}.</span>
        </li>
      ))}
    </ul>
  );
}
