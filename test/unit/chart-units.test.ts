/** Charts: values carry their units, and a measure with no values draws no chart. */
import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { formatWithUnit, hasValues, tickLabel } from "../../app/modules/evidence/chart";
import { LineChart, type MeasureChartData } from "../../app/modules/evidence/components/LineChart";
import { BarChart } from "../../app/modules/consultations/components/BarChart";

describe("units on chart values", () => {
  it("writes per cent, pounds and other units as people do", () => {
    expect(formatWithUnit(72.4, "%")).toBe("72.4%");
    expect(formatWithUnit(634.8, "£")).toBe("£634.80");
    expect(formatWithUnit(12500, "£")).toBe("£12,500");
    expect(formatWithUnit(5.6, "tonnes")).toBe("5.6 tonnes");
    expect(tickLabel(70, "%")).toBe("70%");
    expect(tickLabel(600, "£")).toBe("£600");
    expect(tickLabel(5, "tonnes")).toBe("5");
  });
});

const measure = (points: { period: string; value: number }[]): MeasureChartData => ({
  title: "Median weekly pay of residents",
  unit: "£",
  polarity: "higher_is_better",
  target: 650,
  baseline: null,
  main: { label: "Riverside", points },
});

describe("empty charts", () => {
  it("a measure with no values is a sentence, not an SVG with a made-up axis", () => {
    expect(hasValues({ series: [{ points: [] }] })).toBe(false);
    const html = renderToStaticMarkup(createElement(LineChart, { data: measure([]) }));
    expect(html).not.toContain("<svg");
    expect(html).toContain("No values have been recorded for this measure yet. The target is £650.00.");
  });

  it("a measure with values has its units on the axis, the key and the table", () => {
    const html = renderToStaticMarkup(createElement(LineChart, { data: measure([{ period: "2024-01-01", value: 600 }, { period: "2025-01-01", value: 634.8 }]) }));
    expect(html).toContain("<svg");
    expect(html).toContain("£634.80");
    expect(html).toMatch(/>£6\d0</); // a y-axis tick with its unit
    expect(html).toContain("Target £650.00");
  });

  it("a question nobody has answered shows a sentence instead of bars", () => {
    expect(renderToStaticMarkup(createElement(BarChart, { id: "c", title: "Q", rows: [{ label: "Yes", count: 0, percent: 0 }] }))).not.toContain("<svg");
    expect(renderToStaticMarkup(createElement(BarChart, { id: "c", title: "Q", rows: [{ label: "Yes", count: 3, percent: 100 }] }))).toContain("3 people (100%)");
  });
});
