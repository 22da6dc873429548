/** Commissioning intentions and market position statements, as the public reads them (strategy page, /market). */
import { Tag } from "~/components/govuk/content";
import { TableHead } from "~/components/govuk/table-head";
import { longDate } from "~/modules/evidence/dates";
import type { IntentionView, StatementView } from "../intentions.server";
import { CHANGE_LABELS, ROUTE_LABELS } from "../market-schema";
import { formatPounds } from "../money";

export function IntentionsTable({ intentions, caption, captionSize = "s" }: { intentions: IntentionView[]; caption: string; captionSize?: "s" | "m" }) {
  if (!intentions.length) return null;
  return (
    <table className="govuk-table">
      <TableHead caption={caption} captionSize={captionSize} columns={["What", "From", { text: "Estimated value a year", numeric: true }, "Route to market"]} />
      <tbody className="govuk-table__body">
        {intentions.map((i) => (
          <tr className="govuk-table__row" key={i.id}>
            <td className="govuk-table__cell">
              <strong>{CHANGE_LABELS[i.change]}:</strong> {i.what}
              {!i.published && <> <Tag colour="grey">Draft</Tag></>}
              {i.detail && <><br /><span className="govuk-body-s">{i.detail}</span></>}
            </td>
            <td className="govuk-table__cell">{longDate(i.fromOn)}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{i.estimatedValuePence === null ? "Not given" : formatPounds(i.estimatedValuePence)}</td>
            <td className="govuk-table__cell">{ROUTE_LABELS[i.route]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function StatementSections({ statement, headingLevel = 3 }: { statement: StatementView; headingLevel?: 3 | 4 }) {
  const H = `h${headingLevel}` as "h3" | "h4";
  return (
    <>
      {!statement.published && <p className="govuk-body"><Tag colour="grey">Draft: not published</Tag></p>}
      <H className="govuk-heading-s">Demand</H>
      <p className="govuk-body">{statement.demand}</p>
      <H className="govuk-heading-s">Supply</H>
      <p className="govuk-body">{statement.supply}</p>
      <H className="govuk-heading-s">What we want from the market</H>
      <p className="govuk-body">{statement.marketAsks}</p>
      <p className="govuk-body-s">Last updated {longDate(statement.updatedOn)}.</p>
    </>
  );
}
