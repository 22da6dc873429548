/** A server-rendered line chart (SVG) with a text description and a data table alternative. */
import { useId } from "react";
import { buildChart, formatValue, formatWithUnit, hasValues, periodLabel, tickLabel, type ChartPoint } from "../chart";
import { TableScroll } from "~/components/govuk/table-scroll";

export interface MeasureChartData {
  title: string;
  unit: string;
  polarity: "higher_is_better" | "lower_is_better";
  target: number | null;
  baseline: number | null;
  main: { label: string; points: ChartPoint[] };
  comparison?: { label: string; points: ChartPoint[] } | null;
}

const COLOURS = { main: "#1d70b8", comparison: "#505a5f", target: "#00703c" } as const;

export function describe(data: MeasureChartData): string {
  const last = data.main.points[data.main.points.length - 1];
  const parts = [last ? `${data.main.label}: ${formatWithUnit(last.value, data.unit)} in ${periodLabel(last.period)}.` : `No values yet for ${data.main.label}.`];
  const cmp = data.comparison?.points[data.comparison.points.length - 1];
  if (cmp && data.comparison) parts.push(`${data.comparison.label}: ${formatWithUnit(cmp.value, data.unit)} in ${periodLabel(cmp.period)}.`);
  if (data.target !== null) parts.push(`Target: ${formatWithUnit(data.target, data.unit)}.`);
  parts.push(data.polarity === "higher_is_better" ? "Higher is better." : "Lower is better.");
  return parts.join(" ");
}

export function LineChart({ data, headingLevel = 3 }: { data: MeasureChartData; headingLevel?: 3 | 4 }) {
  const id = useId().replace(/:/g, "");
  const series = [{ ...data.main, style: "main" as const }, ...(data.comparison ? [{ ...data.comparison, style: "comparison" as const }] : [])];
  const chart = buildChart({ series, target: data.target });
  const periods = [...new Set(series.flatMap((s) => s.points.map((p) => p.period)))].sort();
  const Heading = headingLevel === 3 ? "h3" : "h4";
  if (!hasValues({ series })) {
    // No chart drawn with an invented 0–1 axis: say there is nothing yet.
    return (
      <div className="moot-chart govuk-!-margin-bottom-6">
        <Heading className="govuk-heading-s govuk-!-margin-bottom-1">{data.title}</Heading>
        <p className="govuk-body-s" data-testid="no-chart">
          No values have been recorded for this measure yet{data.target !== null ? `. The target is ${formatWithUnit(data.target, data.unit)}` : ""}.
        </p>
      </div>
    );
  }
  const shortUnit = tickLabel(1, data.unit) !== formatValue(1);
  return (
    <figure className="moot-chart govuk-!-margin-0 govuk-!-margin-bottom-6">
      <Heading className="govuk-heading-s govuk-!-margin-bottom-1">{data.title}</Heading>
      <p className="govuk-body-s govuk-!-margin-bottom-2" id={`${id}-desc`}>
        {describe(data)}
      </p>
      {!shortUnit && data.unit && (
        <p className="govuk-body-s govuk-!-margin-bottom-1" aria-hidden="true">
          Values in {data.unit}
        </p>
      )}
      <svg viewBox={`0 0 ${chart.width} ${chart.height}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} focusable="false">
        <title id={`${id}-title`}>{`${data.title} (${data.unit}), chart`}</title>
        {chart.yTicks.map((t) => (
          <g key={`y${t.value}`}>
            <line x1={chart.plot.left} x2={chart.plot.right} y1={t.y} y2={t.y} stroke="#b1b4b6" strokeWidth={1} />
            <text x={chart.plot.left - 6} y={t.y + 4} textAnchor="end" fontSize={12} fill="#0b0c0c">
              {tickLabel(t.value, data.unit)}
            </text>
          </g>
        ))}
        {chart.xTicks.map((t) => (
          <text key={`x${t.label}`} x={t.x} y={chart.plot.bottom + 20} textAnchor="middle" fontSize={12} fill="#0b0c0c">
            {t.label}
          </text>
        ))}
        {chart.target && (
          <line x1={chart.plot.left} x2={chart.plot.right} y1={chart.target.y} y2={chart.target.y} stroke={COLOURS.target} strokeWidth={2} strokeDasharray="2 4" />
        )}
        {chart.lines.map((l) => (
          <g key={l.label}>
            <path d={l.d} fill="none" stroke={COLOURS[l.style]} strokeWidth={l.style === "main" ? 3 : 2} strokeDasharray={l.style === "comparison" ? "8 4" : undefined} />
            {l.dots.map((d, i) =>
              l.style === "main" ? <circle key={i} cx={d.x} cy={d.y} r={4} fill={COLOURS.main} /> : <rect key={i} x={d.x - 3} y={d.y - 3} width={6} height={6} fill={COLOURS.comparison} />,
            )}
          </g>
        ))}
      </svg>
      <ul className="govuk-list govuk-body-s moot-chart-key">
        <li>
          <span aria-hidden="true" className="moot-key moot-key--main" /> {data.main.label} (solid line, circles)
        </li>
        {data.comparison && (
          <li>
            <span aria-hidden="true" className="moot-key moot-key--comparison" /> {data.comparison.label} (dashed line, squares)
          </li>
        )}
        {data.target !== null && (
          <li>
            <span aria-hidden="true" className="moot-key moot-key--target" /> Target {formatWithUnit(data.target, data.unit)} (dotted line)
          </li>
        )}
      </ul>
      <details className="govuk-details govuk-!-margin-bottom-2">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">
            Show the data<span className="govuk-visually-hidden"> for {data.title}</span>
          </span>
        </summary>
        <div className="govuk-details__text">
          <TableScroll label={`${data.title}: the data`}>
          <table className="govuk-table govuk-!-margin-bottom-0">
            <caption className="govuk-table__caption govuk-table__caption--s">
              {data.title} ({data.unit})
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Period</th>
                {series.map((s) => (
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric" key={s.label}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {periods.map((p) => (
                <tr className="govuk-table__row" key={p}>
                  <th scope="row" className="govuk-table__header">{periodLabel(p)}</th>
                  {series.map((s) => {
                    const point = s.points.find((x) => x.period === p);
                    return (
                      <td className="govuk-table__cell govuk-table__cell--numeric" key={s.label}>
                        {point ? formatWithUnit(point.value, data.unit) : "–"}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          </TableScroll>
        </div>
      </details>
    </figure>
  );
}
