/** An arrangement's change history (terms, extensions, early end, KPI changes, reopened periods), newest first. */
import { TableHead } from "~/components/govuk/table-head";
import { longDate } from "~/modules/evidence/dates";

export interface ChangeRow {
  id: number;
  summary: string;
  reason: string;
  changedAt: string;
  changedBy: string | null;
}

export function ChangeHistory({ entries, caption = "History of changes" }: { entries: ChangeRow[]; caption?: string }) {
  return (
    <table className="govuk-table">
      <TableHead caption={caption} captionSize="m" columns={["Date", "Change", "Reason", "By"]} />
      <tbody className="govuk-table__body">
        {entries.length ? (
          entries.map((c) => (
            <tr className="govuk-table__row" key={c.id}>
              <td className="govuk-table__cell">{longDate(c.changedAt.slice(0, 10))}</td>
              <td className="govuk-table__cell">{c.summary}</td>
              <td className="govuk-table__cell">{c.reason || "–"}</td>
              <td className="govuk-table__cell">{c.changedBy ?? "–"}</td>
            </tr>
          ))
        ) : (
          <tr className="govuk-table__row">
            <td className="govuk-table__cell" colSpan={4}>No changes have been made since it was recorded.</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
