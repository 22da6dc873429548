/** GOV.UK file upload field. */
import { describedBy, FieldError, FieldHint } from "./field-parts";
import { fieldId, type FormState } from "./form";

export function FileUpload({ form, name, label, hint, accept }: { form: FormState; name: string; label: string; hint?: string; accept?: string }) {
  const id = fieldId(name);
  const error = form.errors[name];
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <input className={`govuk-file-upload${error ? " govuk-file-upload--error" : ""}`} id={id} name={name} type="file" accept={accept} aria-describedby={describedBy(id, hint, error)} />
    </div>
  );
}
