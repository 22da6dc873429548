/**
 * What is being bought towards each outcome in a locality: a bar chart of the annual value (SVG on
 * the server, d3-scale, labelled and described) beside a table of the same figures, local and
 * council-wide apart. No chart when nothing is being bought; confidential values are never in it.
 */
import { scaleBand, scaleLinear } from "d3-scale";
import { TableHead } from "~/components/govuk/table-head";
import { formatPounds } from "../money";
import type { OutcomeSpend } from "../spend.server";

export function SpendByOutcome({ localityName, outcomes, spend }: { localityName: string; outcomes: { id: number; title: string }[]; spend: OutcomeSpend[] }) {
  const rows = outcomes.flatMap((o) => spend.filter((s) => s.outcomeId === o.id).map((s) => ({ ...s, title: o.title })));
  const confidential = rows.reduce((n, r) => n + r.confidential, 0);
  const bars = outcomes.map((o) => ({ title: o.title, pence: rows.filter((r) => r.outcomeId === o.id).reduce((n, r) => n + r.annualPence, 0) })).filter((b) => b.pence > 0);
  return (
    <section aria-labelledby="spend-by-outcome" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="spend-by-outcome">What is being bought towards each outcome</h2>
      {rows.length === 0 ? (
        <p className="govuk-body">No contracts, grants or in-house service agreements serving these outcomes are running in {localityName} or council-wide.</p>
      ) : (
        <>
          <p className="govuk-body">
            The contracts, grants and in-house service agreements running today that serve each outcome in {localityName}, and those that serve the whole council. The annual value spreads each one’s total over its length; one that serves two outcomes counts towards both.
            {confidential > 0 && ` ${confidential} commercially confidential ${confidential === 1 ? "arrangement is" : "arrangements are"} counted but their values are not included.`}
          </p>
          {bars.length > 0 && <SpendChart bars={bars} localityName={localityName} />}
          <table className="govuk-table">
            <TableHead caption={`Spend towards each outcome in ${localityName}`} captionSize="s" columns={["Outcome", "Where", { text: "Contracts and grants", numeric: true }, { text: "Annual value", numeric: true }, { text: "Paid to date", numeric: true }]} />
            <tbody className="govuk-table__body">
              {rows.map((r) => (
                <tr className="govuk-table__row" key={`${r.outcomeId}-${r.councilWide}`}>
                  <td className="govuk-table__cell">{r.title}</td>
                  <td className="govuk-table__cell">{r.councilWide ? "Council-wide" : localityName}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{r.arrangements}{r.confidential > 0 && ` (${r.confidential} confidential)`}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{formatPounds(r.annualPence)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{formatPounds(r.paidPence)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function SpendChart({ bars, localityName }: { bars: { title: string; pence: number }[]; localityName: string }) {
  const width = 640;
  const labelWidth = 260;
  const height = bars.length * 36 + 8;
  const x = scaleLinear().domain([0, Math.max(1, ...bars.map((b) => b.pence))]).range([0, width - labelWidth - 130]);
  const y = scaleBand().domain(bars.map((_, i) => String(i))).range([4, height - 4]).padding(0.15);
  return (
    <svg className="moot-chart" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby="spend-chart-title spend-chart-desc">
      <title id="spend-chart-title">{`Annual value being bought towards each outcome in ${localityName}, including council-wide`}</title>
      <desc id="spend-chart-desc">{bars.map((b) => `${b.title}: ${formatPounds(b.pence)} a year`).join("; ")}</desc>
      {bars.map((b, i) => {
        const top = y(String(i)) ?? 0;
        return (
          <g key={b.title}>
            <text x={labelWidth - 8} y={top + y.bandwidth() / 2} textAnchor="end" dominantBaseline="middle" fontSize="14" fill="#0b0c0c">{b.title.length > 38 ? `${b.title.slice(0, 37)}…` : b.title}</text>
            <rect x={labelWidth} y={top} width={Math.max(2, x(b.pence))} height={y.bandwidth()} fill="#1d70b8" />
            <text x={labelWidth + x(b.pence) + 6} y={top + y.bandwidth() / 2} dominantBaseline="middle" fontSize="14" fill="#0b0c0c">{formatPounds(b.pence)}</text>
          </g>
        );
      })}
    </svg>
  );
}
