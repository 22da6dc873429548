/** The commissioning plan as read on a review's page: services analysis, options compared, milestones, equality, approval. */
import { SummaryList, Tag } from "~/components/govuk/content";
import { TableHead } from "~/components/govuk/table-head";
import { DELIVERY_OPTION_LABELS } from "~/modules/evidence/review-schema";
import type { PlanView, RiskView } from "../plan-view.server";
import { formatPounds, netPence, totalPence } from "../money";
import { DECISION_RELATION_LABELS, MILESTONE_STATUS_LABELS, riskRating, riskScore } from "../rules";
import { EQUALITY_IMPACT_LABELS, LEVEL_LABELS, RISK_CATEGORY_LABELS } from "../labels";
import { longDate } from "~/modules/evidence/dates";

const text = (t: string, empty = "Not written yet.") => (t ? t : <span className="govuk-hint govuk-!-margin-0">{empty}</span>);
const money = (p: number | null, withheld: boolean) => (withheld ? "Withheld (commercially confidential)" : formatPounds(p));

export function ServicesAnalysis({ plan }: { plan: PlanView }) {
  if (!plan.planNeeded) {
    return (
      <SummaryList rows={[{ key: "No plan needed", value: plan.noPlanReason }]} />
    );
  }
  return (
    <SummaryList
      rows={[
        { key: "Statutory duties", value: text(plan.statutoryDuties) },
        { key: "Discretionary activity", value: text(plan.discretionaryActivity) },
        { key: "Significant issues and risks", value: text(plan.significantIssues) },
        { key: "Current resources", value: text(plan.currentResources) },
        { key: "Plan period", value: plan.planStartsOn && plan.planEndsOn ? `${longDate(plan.planStartsOn)} to ${longDate(plan.planEndsOn)}` : plan.planEndsOn ? `to ${longDate(plan.planEndsOn)}` : "Not set" },
        { key: "Budget", value: formatPounds(plan.budgetPence) },
        { key: "Current spend", value: formatPounds(plan.currentSpendPence) },
        { key: "Changes the service people receive", value: plan.changesService ? "Yes" : "No" },
      ]}
    />
  );
}

/** Options side by side: cost, benefits, savings and net value over the plan period, with totals. */
export function OptionComparison({ plan, chosen }: { plan: PlanView; chosen: string | null }) {
  if (!plan.options.length) return <p className="govuk-body">No delivery options appraised yet.</p>;
  const shown = plan.options;
  const sum = (pick: (o: (typeof shown)[number]) => number | null) => totalPence(shown.map(pick));
  return (
    <table className="govuk-table" data-testid="option-comparison">
      <TableHead caption="Delivery options compared over the plan period" captionSize="s" columns={["Option", { text: "Cost", numeric: true }, { text: "Benefits", numeric: true }, { text: "Savings", numeric: true }, { text: "Net value", numeric: true }]} />
      <tbody className="govuk-table__body">
        {shown.map((o) => (
          <tr className="govuk-table__row" key={o.option}>
            <th scope="row" className="govuk-table__header">
              {DELIVERY_OPTION_LABELS[o.option]} {o.option === chosen && <Tag colour="green">Chosen</Tag>}
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric">{money(o.costPence, o.costsWithheld)}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{money(o.benefitPence, o.costsWithheld)}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{money(o.savingPence, o.costsWithheld)}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{o.costsWithheld ? "Withheld" : formatPounds(netPence(o))}</td>
          </tr>
        ))}
        <tr className="govuk-table__row">
          <th scope="row" className="govuk-table__header">Total of the options shown</th>
          <td className="govuk-table__cell govuk-table__cell--numeric">{formatPounds(sum((o) => o.costPence))}</td>
          <td className="govuk-table__cell govuk-table__cell--numeric">{formatPounds(sum((o) => o.benefitPence))}</td>
          <td className="govuk-table__cell govuk-table__cell--numeric">{formatPounds(sum((o) => o.savingPence))}</td>
          <td className="govuk-table__cell govuk-table__cell--numeric">{formatPounds(sum((o) => (o.costsWithheld ? null : netPence(o))))}</td>
        </tr>
      </tbody>
    </table>
  );
}

export function OptionAppraisals({ plan, chosen, editHref }: { plan: PlanView; chosen: string | null; editHref?: (option: string) => string }) {
  return (
    <>
      {plan.options.map((o) => (
        <details className="govuk-details" key={o.option}>
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Appraisal: {DELIVERY_OPTION_LABELS[o.option]}</span>
          </summary>
          <div className="govuk-details__text">
            <SummaryList
              rows={[
                { key: "Description", value: text(o.description) },
                { key: "Governance", value: text(o.governance) },
                { key: "Outcomes", value: text(o.outcomes) },
                { key: "Fit with policy", value: text(o.policyFit) },
                { key: "Other resources", value: text(o.otherResources) },
                { key: "Risks", value: text(o.risks) },
                { key: "Strengths", value: text(o.strengths) },
                { key: "Weaknesses", value: text(o.weaknesses) },
                { key: "Opportunities", value: text(o.opportunities) },
                { key: "Threats", value: text(o.threats) },
                { key: "Social value", value: text(o.socialValue) },
                { key: "Equality impact", value: text(o.equalityImpact) },
                ...(o.option === chosen ? [{ key: "Why this option was chosen", value: text(o.notes) }] : []),
              ]}
            />
            {editHref && <a className="govuk-link" href={editHref(o.option)}>Change the appraisal of {DELIVERY_OPTION_LABELS[o.option]}</a>}
          </div>
        </details>
      ))}
    </>
  );
}

export function EqualityAssessment({ plan, changeHref }: { plan: PlanView; changeHref?: (id: number) => string }) {
  if (!plan.equality.length) return <p className="govuk-body">{plan.equalityNeeded ? "An equality impact assessment is needed before this plan can go for approval; none is recorded yet." : "No equality impact assessment recorded."}</p>;
  return (
    <table className="govuk-table">
      <TableHead caption="Equality impact assessment" captionSize="s" columns={["Group affected", "Impact", "How", "Mitigation", "Evidence"]} action={Boolean(changeHref)} />
      <tbody className="govuk-table__body">
        {plan.equality.map((e) => (
          <tr className="govuk-table__row" key={e.id}>
            <td className="govuk-table__cell">{e.groupAffected}</td>
            <td className="govuk-table__cell">{EQUALITY_IMPACT_LABELS[e.impact]}</td>
            <td className="govuk-table__cell">{e.details}</td>
            <td className="govuk-table__cell">{e.mitigation}</td>
            <td className="govuk-table__cell">{e.evidence}</td>
            {changeHref && <td className="govuk-table__cell"><a className="govuk-link" href={changeHref(e.id)}>Change<span className="govuk-visually-hidden"> or remove the group: {e.groupAffected}</span></a></td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const STATUS_COLOUR = { done: "green", late: "red", due: "blue" } as const;

export function Milestones({ plan, doneButton, changeHref }: { plan: PlanView; doneButton?: (id: number) => React.ReactNode; changeHref?: (id: number) => string }) {
  return (
    <table className="govuk-table">
      <TableHead caption="Delivery plan milestones" captionSize="s" columns={["Milestone", "Due", "Status"]} action={Boolean(doneButton)} />
      <tbody className="govuk-table__body">
        {plan.milestones.length ? (
          plan.milestones.map((m) => (
            <tr className="govuk-table__row" key={m.id}>
              <td className="govuk-table__cell">{m.title}</td>
              <td className="govuk-table__cell">{longDate(m.dueOn)}</td>
              <td className="govuk-table__cell">
                <Tag colour={STATUS_COLOUR[m.status]}>{MILESTONE_STATUS_LABELS[m.status]}</Tag>
                {m.doneOn && <span className="govuk-body-s govuk-!-display-block">{longDate(m.doneOn)}</span>}
                {m.lateReason && <span className="govuk-body-s govuk-!-display-block">Late: {m.lateReason}</span>}
              </td>
              {doneButton && (
                <td className="govuk-table__cell">
                  {m.status === "due" && doneButton(m.id)}
                  {changeHref && <a className="govuk-link" href={changeHref(m.id)}>Change<span className="govuk-visually-hidden"> the milestone: {m.title}</span></a>}
                </td>
              )}
            </tr>
          ))
        ) : (
          <tr className="govuk-table__row">
            <td className="govuk-table__cell" colSpan={doneButton ? 4 : 3}>No milestones yet.</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

export function RiskRegister({ risks, changeHref }: { risks: RiskView[]; changeHref?: (id: number) => string }) {
  return (
    <table className="govuk-table" data-testid="risk-register">
      <TableHead caption="Risk register" captionSize="s" columns={["Risk", "Category", "Likelihood", "Impact", "Rating", "Mitigation", "Owner", "Status"]} action={Boolean(changeHref)} />
      <tbody className="govuk-table__body">
        {risks.length ? (
          risks.map((r) => (
            <tr className="govuk-table__row" key={r.id}>
              <td className="govuk-table__cell">{r.risk}</td>
              <td className="govuk-table__cell">{RISK_CATEGORY_LABELS[r.category]}</td>
              <td className="govuk-table__cell">{LEVEL_LABELS[r.likelihood]}</td>
              <td className="govuk-table__cell">{LEVEL_LABELS[r.impact]}</td>
              <td className="govuk-table__cell">{riskRating(riskScore(r.likelihood, r.impact))}</td>
              <td className="govuk-table__cell">{r.mitigation}</td>
              <td className="govuk-table__cell">{r.owner}</td>
              <td className="govuk-table__cell">{r.closedAt ? `Closed ${longDate(r.closedAt)}` : "Open"}</td>
              {changeHref && (
                <td className="govuk-table__cell">
                  <a className="govuk-link" href={changeHref(r.id)}>
                    Change<span className="govuk-visually-hidden"> risk: {r.risk}</span>
                  </a>
                </td>
              )}
            </tr>
          ))
        ) : (
          <tr className="govuk-table__row">
            <td className="govuk-table__cell" colSpan={changeHref ? 9 : 8}>No risks recorded yet.</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

export function Approval({ plan }: { plan: PlanView }) {
  return (
    <>
      {plan.submissions.length > 0 && (
        <ul className="govuk-list">
          {plan.submissions.map((s) => (
            <li key={s.agendaItemId}>
              On the agenda of <a className="govuk-link" href={`/meetings/${s.meetingId}`}>{s.boardName}: {s.meetingTitle}</a>, {longDate(s.startsOn)}
            </li>
          ))}
        </ul>
      )}
      {plan.decisions.length ? (
        <ul className="govuk-list" data-testid="review-decisions">
          {plan.decisions.map((d) => (
            <li key={d.decisionId}>
              <Tag colour={d.relation === "rejects" ? "red" : d.relation === "informs" ? "grey" : "green"}>{DECISION_RELATION_LABELS[d.relation]}</Tag>{" "}
              <a className="govuk-link" href={`/decisions/${d.decisionId}`}>Decision of the {d.boardName}, {longDate(d.decidedOn)}</a>: {d.text}
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">No board decision on this plan yet.</p>
      )}
    </>
  );
}
