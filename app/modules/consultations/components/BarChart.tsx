/**
 * A horizontal bar chart rendered as SVG on the server (d3-scale), with a text alternative: the
 * SVG is labelled and described, and every chart sits beside a table of the same figures.
 */
import { scaleBand, scaleLinear } from "d3-scale";

export function BarChart({ id, title, rows }: { id: string; title: string; rows: { label: string; count: number; percent: number }[] }) {
  if (!rows.some((r) => r.count > 0)) {
    // Nothing to draw: a sentence, not an empty chart.
    return (
      <p className="govuk-body-s" data-testid="no-chart">
        No answers to this question yet.
      </p>
    );
  }
  const width = 640;
  const labelWidth = 260;
  const barHeight = 28;
  const height = rows.length * (barHeight + 8) + 8;
  const max = Math.max(1, ...rows.map((r) => r.count));
  const x = scaleLinear().domain([0, max]).range([0, width - labelWidth - 150]);
  const y = scaleBand().domain(rows.map((_, i) => String(i))).range([4, height - 4]).padding(0.15);
  return (
    <svg className="moot-chart" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`}>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{rows.map((r) => `${r.label}: ${r.count} ${r.count === 1 ? "person" : "people"} (${r.percent}%)`).join("; ")}</desc>
      {rows.map((r, i) => {
        const top = y(String(i)) ?? 0;
        const label = r.label.length > 38 ? `${r.label.slice(0, 37)}…` : r.label;
        return (
          <g key={i}>
            <text x={labelWidth - 8} y={top + y.bandwidth() / 2} textAnchor="end" dominantBaseline="middle" fontSize="14" fill="#0b0c0c">
              {label}
            </text>
            <rect x={labelWidth} y={top} width={Math.max(r.count ? 2 : 0, x(r.count))} height={y.bandwidth()} fill="#1d70b8" />
            <text x={labelWidth + x(r.count) + 6} y={top + y.bandwidth() / 2} dominantBaseline="middle" fontSize="14" fill="#0b0c0c">
              {r.count} {r.count === 1 ? "person" : "people"} ({r.percent}%)
            </text>
          </g>
        );
      })}
    </svg>
  );
}
