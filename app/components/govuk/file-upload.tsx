/** GOV.UK file upload field. */
import { fieldId, type FormState } from "./form";

export function FileUpload({ form, name, label, hint, accept }: { form: FormState; name: string; label: string; hint?: string; accept?: string }) {
  const id = fieldId(name);
  const error = form.errors[name];
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
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
      <input className={`govuk-file-upload${error ? " govuk-file-upload--error" : ""}`} id={id} name={name} type="file" accept={accept} aria-describedby={describedBy} />
    </div>
  );
}
