/**
 * Line charts built on the server with d3-scale and d3-shape: pure functions from a measure's
 * series to SVG path data and ticks. The component (components/LineChart.tsx) renders them with
 * a text description and a data table beside every chart.
 */
import { scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";
import type { MeasurePolarity } from "../../../db/tables/evidence";

export interface ChartPoint {
  period: string;
  value: number;
}

export interface ChartInput {
  series: { label: string; points: ChartPoint[]; style: "main" | "comparison" }[];
  target: number | null;
  width?: number;
  height?: number;
}

export interface ChartModel {
  width: number;
  height: number;
  lines: { label: string; d: string; style: "main" | "comparison"; dots: { x: number; y: number }[] }[];
  target: { y: number; value: number } | null;
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; value: number; label: string }[];
  plot: { left: number; right: number; top: number; bottom: number };
}

const MARGIN = { top: 16, right: 16, bottom: 32, left: 56 };

export const periodLabel = (period: string) => (period.endsWith("-01-01") ? period.slice(0, 4) : period.endsWith("-01") ? period.slice(0, 7) : period);

export function formatValue(value: number): string {
  return Math.abs(value) >= 1000 ? value.toLocaleString("en-GB", { maximumFractionDigits: 0 }) : String(Math.round(value * 10) / 10);
}

/**
 * A value with its unit, as people write it: "72.4%", "£634.80", "5.6 tonnes". Money is shown in
 * pounds and pence unless it is a whole number of thousands or more ("£12,500").
 */
export function formatWithUnit(value: number, unit: string): string {
  const u = unit.trim();
  if (u === "%" || /^per ?cent$/i.test(u)) return `${formatValue(value)}%`;
  if (u === "£" || /^(gbp|pounds?)$/i.test(u)) {
    const whole = Math.abs(value) >= 1000 && Number.isInteger(value);
    return `${value < 0 ? "−" : ""}£${Math.abs(value).toLocaleString("en-GB", { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: whole ? 0 : 2 })}`;
  }
  return u ? `${formatValue(value)} ${u}` : formatValue(value);
}

/** An axis tick: short units ("%", "£") go on the number; others are named once in the axis title. */
export function tickLabel(value: number, unit: string): string {
  const u = unit.trim();
  if (u === "%" || /^per ?cent$/i.test(u)) return `${formatValue(value)}%`;
  if (u === "£" || /^(gbp|pounds?)$/i.test(u)) return `£${formatValue(value)}`;
  return formatValue(value);
}

/** Whether any series has a value to draw (a chart with none is not drawn: a sentence says so). */
export const hasValues = (input: { series: { points: ChartPoint[] }[] }) => input.series.some((s) => s.points.length > 0);

export function buildChart(input: ChartInput): ChartModel {
  const width = input.width ?? 480;
  const height = input.height ?? 240;
  const plot = { left: MARGIN.left, right: width - MARGIN.right, top: MARGIN.top, bottom: height - MARGIN.bottom };
  const periods = [...new Set(input.series.flatMap((s) => s.points.map((p) => p.period)))].sort();
  const values = input.series.flatMap((s) => s.points.map((p) => p.value));
  if (input.target !== null) values.push(input.target);
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 1;
  const pad = (max - min) * 0.1 || Math.abs(max) * 0.1 || 1;
  const y = scaleLinear().domain([min - pad, max + pad]).nice().range([plot.bottom, plot.top]);
  const x = scalePoint<string>().domain(periods).range([plot.left, plot.right]).padding(0.5);
  const path = line<ChartPoint>()
    .x((p) => x(p.period) ?? plot.left)
    .y((p) => y(p.value));
  const step = Math.max(1, Math.ceil(periods.length / 6));
  return {
    width,
    height,
    plot,
    lines: input.series
      .filter((s) => s.points.length)
      .map((s) => ({ label: s.label, style: s.style, d: path(s.points) ?? "", dots: s.points.map((p) => ({ x: x(p.period) ?? plot.left, y: y(p.value) })) })),
    target: input.target === null ? null : { y: y(input.target), value: input.target },
    xTicks: periods.filter((_, i) => i % step === 0).map((p) => ({ x: x(p) ?? plot.left, label: periodLabel(p) })),
    yTicks: y.ticks(5).map((v) => ({ y: y(v), value: v, label: formatValue(v) })),
  };
}

export type Trend = "improving" | "worsening" | "no change" | "no data";

/** Direction of travel between the last two values, read with the measure's polarity. */
export function trendOf(points: ChartPoint[], polarity: MeasurePolarity): Trend {
  if (points.length < 2) return "no data";
  const last = points[points.length - 1]!.value;
  const previous = points[points.length - 2]!.value;
  if (last === previous) return "no change";
  return (last > previous) === (polarity === "higher_is_better") ? "improving" : "worsening";
}

/** Whether the latest value meets the target, read with the measure's polarity. */
export function meetsTarget(points: ChartPoint[], polarity: MeasurePolarity, target: number | null): boolean | null {
  if (target === null || !points.length) return null;
  const last = points[points.length - 1]!.value;
  return polarity === "higher_is_better" ? last >= target : last <= target;
}
