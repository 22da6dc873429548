/** One question's figures: an SVG chart and the same figures as a table (used by analysis and results). */
import type { QuestionSummary } from "../analysis.server";
import { BarChart } from "./BarChart";
import { TableScroll } from "~/components/govuk/table-scroll";

export function QuestionSummaryView({ summary, localities }: { summary: QuestionSummary; localities?: { id: number; name: string }[] }) {
  const q = summary.question;
  const chartId = `chart-${q.id}`;
  return (
    <section className="govuk-!-margin-bottom-8" aria-labelledby={`${chartId}-heading`}>
      <h3 className="govuk-heading-s" id={`${chartId}-heading`}>
        {q.prompt}
      </h3>
      <p className="govuk-body-s">{summary.answered} people answered this question.</p>
      {q.kind === "free_text" && <p className="govuk-body-s">Free-text answers are grouped into themes.</p>}
      {summary.numberStats && (
        <p className="govuk-body">
          Average {summary.numberStats.mean}, lowest {summary.numberStats.min}, highest {summary.numberStats.max}.
        </p>
      )}
      {summary.rows.length > 0 && q.kind !== "ranking" && <BarChart id={chartId} title={q.prompt} rows={summary.rows} />}
      {summary.rows.length > 0 && (
        <TableScroll label={`Figures for “${q.prompt}”`}>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">Figures for “{q.prompt}”</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Answer</th>
              {q.kind === "ranking" ? (
                <>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">Average rank</th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">Ranked first</th>
                </>
              ) : (
                <>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">People</th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">Per cent</th>
                  {localities?.map((l) => (
                    <th scope="col" className="govuk-table__header govuk-table__header--numeric" key={l.id}>
                      {l.name}
                    </th>
                  ))}
                </>
              )}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {summary.rows.map((r) => (
              <tr className="govuk-table__row" key={r.label}>
                <th scope="row" className="govuk-table__header">{r.label}</th>
                {q.kind === "ranking" ? (
                  <>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{r.meanRank ?? "–"}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{r.count}</td>
                  </>
                ) : (
                  <>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{r.count}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{r.percent}%</td>
                    {localities?.map((l) => (
                      <td className="govuk-table__cell govuk-table__cell--numeric" key={l.id}>
                        {r.byLocality[l.id] ?? 0}
                      </td>
                    ))}
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        </TableScroll>
      )}
    </section>
  );
}
