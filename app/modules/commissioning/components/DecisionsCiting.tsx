/** "Decisions that cite this": on a consultation's and an expression of interest's public pages. */
import { Tag } from "~/components/govuk/content";
import { longDate } from "~/modules/evidence/dates";
import { DECISION_RELATION_LABELS } from "../rules";
import type { DecisionRelation } from "../../../../db/tables/commissioning";

export interface CitingDecision {
  decisionId: number;
  relation: DecisionRelation;
  text: string;
  decidedOn: string;
  boardName: string;
}

export function DecisionsCiting({ decisions, what }: { decisions: CitingDecision[]; what: string }) {
  if (!decisions.length) return null;
  return (
    <section aria-labelledby="citing-decisions-heading" data-testid="citing-decisions">
      <h2 className="govuk-heading-m" id="citing-decisions-heading">Decisions that cite this {what}</h2>
      <ul className="govuk-list govuk-list--spaced">
        {decisions.map((d) => (
          <li key={d.decisionId}>
            <Tag colour={d.relation === "rejects" ? "red" : d.relation === "informs" ? "grey" : "green"}>{DECISION_RELATION_LABELS[d.relation]}</Tag>{" "}
            <a className="govuk-link" href={`/decisions/${d.decisionId}`}>Decision of the {d.boardName}, {longDate(d.decidedOn)}</a>: {d.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
