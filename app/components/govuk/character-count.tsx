/**
 * GOV.UK character count: a textarea with a limit. Without JavaScript the hint states the limit
 * (the server enforces it); with JavaScript GOV.UK Frontend shows the characters remaining.
 */
import type { ReactNode } from "react";
import { describedBy, FieldError, FieldHint } from "./field-parts";
import { fieldId, type FormState } from "./form";

export function CharacterCount({ form, name, label, hint, maxLength, rows = 5 }: { form: FormState; name: string; label: ReactNode; hint?: ReactNode; maxLength: number; rows?: number }) {
  const id = fieldId(name);
  const error = form.errors[name];
  const raw = form.values[name];
  const value = Array.isArray(raw) ? (raw[0] ?? "") : (raw ?? "");
  return (
    <div className="govuk-form-group govuk-character-count" data-module="govuk-character-count" data-maxlength={maxLength}>
      <div className={error ? "govuk-form-group--error" : undefined}>
        <label className="govuk-label govuk-label--s" htmlFor={id}>
          {label}
        </label>
        <FieldHint id={id} hint={hint} />
        <FieldError id={id} error={error} />
        <textarea
          className={`govuk-textarea govuk-js-character-count${error ? " govuk-textarea--error" : ""}`}
          id={id}
          name={name}
          rows={rows}
          defaultValue={value}
          aria-describedby={describedBy(id, hint, error, `${id}-info`)}
        />
      </div>
      <div id={`${id}-info`} className="govuk-hint govuk-character-count__message">
        You can enter up to {maxLength} characters
      </div>
    </div>
  );
}
