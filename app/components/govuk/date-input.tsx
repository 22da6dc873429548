/**
 * The one GOV.UK date input: day, month and year boxes (and a time box with `withTime`) in a
 * fieldset, named `<name>.day`, `<name>.month`, `<name>.year`, `<name>.time` (formInput nests them
 * as { day, month, year, time }). Parse it with `dateInput()` from `~/lib/date-input`.
 *
 * An error about the whole date (key `<name>`) highlights every box; an error about one part
 * (`<name>.month`) only that box. The day box carries the date's id, which the error summary
 * links to. A default may be given as parts or as one ISO value ('2027-03-31' or
 * '2027-03-31T18:30').
 */
import type { ReactNode } from "react";
import { fieldId, type FormState } from "./form";

const PARTS = ["day", "month", "year", "time"] as const;
type Part = (typeof PARTS)[number];
const LABELS: Record<Part, string> = { day: "Day", month: "Month", year: "Year", time: "Time" };
const WIDTHS: Record<Part, string> = { day: "2", month: "2", year: "4", time: "5" };

export function DateInput({
  form,
  name,
  label,
  hint,
  withTime,
  isPageHeading,
}: {
  form: FormState;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  withTime?: boolean;
  isPageHeading?: boolean;
}) {
  const id = fieldId(name);
  const whole = form.errors[name];
  const partErrors = Object.fromEntries(PARTS.map((p) => [p, form.errors[`${name}.${p}`]])) as Record<Part, string | undefined>;
  const error = whole ?? PARTS.map((p) => partErrors[p]).find(Boolean);
  const iso = (() => {
    const v = form.values[name];
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}))?/.exec(typeof v === "string" ? v : "");
    return m ? { year: m[1]!, month: String(Number(m[2])), day: String(Number(m[3])), time: m[4] ?? "" } : null;
  })();
  const value = (p: Part) => {
    const v = form.values[`${name}.${p}`];
    if (v !== undefined) return Array.isArray(v) ? (v[0] ?? "") : v;
    return iso?.[p] ?? "";
  };
  const boxId = (p: Part) => (p === "day" ? id : `${id}-${p}`);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const legendClass = `govuk-fieldset__legend govuk-fieldset__legend--${isPageHeading ? "l" : "s"}`;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy}>
        <legend className={legendClass}>{isPageHeading ? <h1 className="govuk-fieldset__heading">{label}</h1> : label}</legend>
        {hint && (
          <div id={`${id}-hint`} className="govuk-hint">
            {hint}
          </div>
        )}
        {error && (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        <div className="govuk-date-input" id={`${id}-date`}>
          {PARTS.filter((p) => p !== "time" || withTime).map((p) => (
            <div className="govuk-date-input__item" key={p}>
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={boxId(p)}>
                  {LABELS[p]}
                </label>
                <input
                  className={`govuk-input govuk-date-input__input govuk-input--width-${WIDTHS[p]}${whole || partErrors[p] ? " govuk-input--error" : ""}`}
                  id={boxId(p)}
                  name={`${name}.${p}`}
                  type="text"
                  inputMode={p === "time" ? "text" : "numeric"}
                  autoComplete="off"
                  defaultValue={value(p)}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
