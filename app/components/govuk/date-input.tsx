/**
 * GOV.UK date input: day, month and year fields named `<name>.day`, `<name>.month`, `<name>.year`
 * (formInput nests them as { day, month, year }). The day field carries the id the error summary
 * links to. Pair it with a schema that turns the three parts into one date.
 */
import type { ReactNode } from "react";
import { fieldId, type FormState } from "./form";

export function DateInput({ form, name, label, hint }: { form: FormState; name: string; label: ReactNode; hint?: ReactNode }) {
  const id = fieldId(name);
  const error = form.errors[name];
  const part = (p: "day" | "month" | "year") => {
    const v = form.values[`${name}.${p}`];
    if (v !== undefined) return Array.isArray(v) ? (v[0] ?? "") : v;
    const iso = form.values[name];
    const [year, month, day] = (typeof iso === "string" ? iso : "").split("-");
    return { day: day ?? "", month: month ?? "", year: year ?? "" }[p];
  };
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{label}</legend>
        {hint && <div id={`${id}-hint`} className="govuk-hint">{hint}</div>}
        {error && (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        <div className="govuk-date-input" id={`${id}-parts`}>
          {(["day", "month", "year"] as const).map((p) => (
            <div className="govuk-date-input__item" key={p}>
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={p === "day" ? id : `${id}-${p}`}>
                  {p[0]!.toUpperCase() + p.slice(1)}
                </label>
                <input
                  className={`govuk-input govuk-date-input__input govuk-input--width-${p === "year" ? 4 : 2}${error ? " govuk-input--error" : ""}`}
                  id={p === "day" ? id : `${id}-${p}`}
                  name={`${name}.${p}`}
                  type="text"
                  inputMode="numeric"
                  defaultValue={part(p)}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
