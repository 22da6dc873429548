/** GOV.UK date input (day, month, year) with an optional time field, for dates people enter. */
import { describedBy, FieldError, FieldHint } from "./field-parts";
import { fieldId, type FormState } from "./form";

export function DateInput({ form, name, label, hint, withTime }: { form: FormState; name: string; label: string; hint?: string; withTime?: boolean }) {
  const id = fieldId(name);
  const error = form.errors[`${name}.day`] ?? form.errors[name];
  const v = (part: string) => {
    const value = form.values[`${name}.${part}`];
    return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
  };
  const parts: [string, string, string][] = [
    ["day", "Day", "2"],
    ["month", "Month", "2"],
    ["year", "Year", "4"],
  ];
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy(id, hint, error)}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{label}</legend>
        <FieldHint id={id} hint={hint} />
        <FieldError id={id} error={error} />
        <div className="govuk-date-input" id={id}>
          {parts.map(([part, text, width]) => (
            <div className="govuk-date-input__item" key={part}>
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={part === "day" ? `${id}-day` : `${id}-${part}`}>
                  {text}
                </label>
                <input
                  className={`govuk-input govuk-date-input__input govuk-input--width-${width}${error ? " govuk-input--error" : ""}`}
                  id={`${id}-${part}`}
                  name={`${name}.${part}`}
                  type="text"
                  inputMode="numeric"
                  defaultValue={v(part)}
                />
              </div>
            </div>
          ))}
          {withTime && (
            <div className="govuk-date-input__item">
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={`${id}-time`}>
                  Time (24-hour)
                </label>
                <input className={`govuk-input govuk-date-input__input govuk-input--width-5${error ? " govuk-input--error" : ""}`} id={`${id}-time`} name={`${name}.time`} type="text" defaultValue={v("time")} />
              </div>
            </div>
          )}
        </div>
      </fieldset>
    </div>
  );
}
