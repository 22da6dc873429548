/**
 * Small typed wrappers of GOV.UK Frontend form markup. Each field takes the form state
 * (errors and what the person typed) so a page with errors shows every answer again.
 */
import { useActionData } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { FORM_ERROR, type FieldErrors } from "~/lib/result";

export interface FormState {
  errors: FieldErrors;
  values: Record<string, string | string[]>;
}

export const EMPTY_FORM: FormState = { errors: {}, values: {} };

/** The state of the form this route's action last answered (or empty). */
export function useFormState(defaults: Record<string, string | string[] | number | null | undefined> = {}): FormState {
  const data = useActionData() as { ok?: boolean; errors?: FieldErrors; values?: FormState["values"] } | undefined;
  if (data && data.ok === false && data.errors) return { errors: data.errors, values: data.values ?? {} };
  const values: FormState["values"] = {};
  for (const [k, v] of Object.entries(defaults)) if (v !== null && v !== undefined) values[k] = Array.isArray(v) ? v : String(v);
  return { errors: {}, values };
}

/** The id of a field's input. A date input's day box carries its date's id, so an error about the
 * whole date (`closesOn`) and one about its day (`closesOn.day`) both link to the first box. */
export const fieldId = (name: string) => name.replace(/\.day$/, "").replace(/[^a-zA-Z0-9_-]+/g, "-").replace(/-+$/, "");

function value(form: FormState, name: string): string {
  const v = form.values[name];
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
}

export function ErrorSummary({ form, formIdPrefix = "" }: { form: FormState; formIdPrefix?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(form.errors);
  useEffect(() => {
    if (entries.length) ref.current?.focus();
  }, [form.errors]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!entries.length) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {entries.map(([name, message]) => (
              <li key={name}>
                {name === FORM_ERROR ? message : <a href={`#${formIdPrefix}${fieldId(name)}`}>{message}</a>}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

function ErrorMessage({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={`${id}-error`} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {message}
    </p>
  );
}

function Hint({ id, hint }: { id: string; hint: ReactNode }) {
  if (!hint) return null;
  return (
    <div id={`${id}-hint`} className="govuk-hint">
      {hint}
    </div>
  );
}

const describedBy = (id: string, hint: unknown, error: unknown) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

interface FieldProps {
  form: FormState;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Render the label as the page heading (one-question pages). */
  isPageHeading?: boolean;
}

function Label({ id, label, isPageHeading }: { id: string; label: ReactNode; isPageHeading?: boolean }) {
  if (isPageHeading) {
    return (
      <h1 className="govuk-label-wrapper">
        <label className="govuk-label govuk-label--l" htmlFor={id}>
          {label}
        </label>
      </h1>
    );
  }
  return (
    <label className="govuk-label govuk-label--s" htmlFor={id}>
      {label}
    </label>
  );
}

/** A labelled control's form group: label, hint and error message above the control. */
function FieldGroup({ id, label, hint, error, isPageHeading, children }: { id: string; label: ReactNode; hint?: ReactNode; error?: string; isPageHeading?: boolean; children: ReactNode }) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <Label id={id} label={label} isPageHeading={isPageHeading} />
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} message={error} />
      {children}
    </div>
  );
}

export function TextInput({
  form,
  name,
  label,
  hint,
  isPageHeading,
  type = "text",
  autoComplete,
  width,
  spellCheck,
  inputMode,
}: FieldProps & {
  type?: "text" | "email" | "password" | "number" | "url" | "tel" | "search";
  autoComplete?: string;
  width?: "20" | "10" | "5" | "4" | "3" | "2" | "one-half" | "two-thirds" | "full";
  spellCheck?: boolean;
  inputMode?: "numeric" | "text" | "email" | "decimal";
}) {
  const id = fieldId(name);
  const error = form.errors[name];
  const widthClass = width ? (/^\d/.test(width) ? ` govuk-input--width-${width}` : ` govuk-!-width-${width}`) : "";
  return (
    <FieldGroup id={id} label={label} hint={hint} error={error} isPageHeading={isPageHeading}>
      <input
        className={`govuk-input${widthClass}${error ? " govuk-input--error" : ""}`}
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
        inputMode={inputMode}
        defaultValue={type === "password" ? undefined : value(form, name)}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FieldGroup>
  );
}

export function Textarea({ form, name, label, hint, rows = 5, maxLength }: FieldProps & { rows?: number; maxLength?: number }) {
  const id = fieldId(name);
  const error = form.errors[name];
  return (
    <FieldGroup id={id} label={label} hint={hint} error={error}>
      <textarea
        className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        id={id}
        name={name}
        rows={rows}
        data-maxlength={maxLength}
        defaultValue={value(form, name)}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FieldGroup>
  );
}

export interface Option {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  /**
   * Radios only: fields revealed when this option is chosen (GOV.UK conditional reveal markup, shown
   * by CSS `:checked`, so it works without JavaScript and puts no aria-expanded on the radio, which axe refuses).
   */
  conditional?: ReactNode;
}

export function Select({ form, name, label, hint, options, placeholder }: FieldProps & { options: Option[]; placeholder?: string }) {
  const id = fieldId(name);
  const error = form.errors[name];
  return (
    <FieldGroup id={id} label={label} hint={hint} error={error}>
      <select
        className={`govuk-select${error ? " govuk-select--error" : ""}`}
        id={id}
        name={name}
        defaultValue={value(form, name)}
        aria-describedby={describedBy(id, hint, error)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldGroup>
  );
}

function Fieldset({
  id,
  legend,
  hint,
  error,
  isPageHeading,
  children,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  isPageHeading?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className={`govuk-fieldset__legend ${isPageHeading ? "govuk-fieldset__legend--l" : "govuk-fieldset__legend--s"}`}>
          {isPageHeading ? <h1 className="govuk-fieldset__heading">{legend}</h1> : legend}
        </legend>
        <Hint id={id} hint={hint} />
        <ErrorMessage id={id} message={error} />
        {children}
      </fieldset>
    </div>
  );
}

/** The items of a radios or checkboxes group; ids follow GOV.UK Frontend (first item takes the field id). */
function ChoiceItems({ kind, id, name, options, isChecked }: { kind: "radios" | "checkboxes"; id: string; name: string; options: Option[]; isChecked: (value: string) => boolean }) {
  return (
    <>
      {options.map((o, i) => {
        const optionId = i === 0 ? id : `${id}-${i + 1}`;
        return (
          <div className={`govuk-${kind}__item`} key={o.value}>
            <input
              className={`govuk-${kind}__input`}
              id={optionId}
              name={name}
              type={kind === "radios" ? "radio" : "checkbox"}
              value={o.value}
              defaultChecked={isChecked(o.value)}
              aria-describedby={o.hint ? `${optionId}-item-hint` : undefined}
            />
            <label className={`govuk-label govuk-${kind}__label`} htmlFor={optionId}>
              {o.label}
            </label>
            {o.hint && (
              <div id={`${optionId}-item-hint`} className={`govuk-hint govuk-${kind}__hint`}>
                {o.hint}
              </div>
            )}
            {kind === "radios" && o.conditional && (
              <div className="govuk-radios__conditional moot-reveal" id={`conditional-${optionId}`}>
                {o.conditional}
              </div>
            )}
          </div>
        );
      })}
    </>
  );
}

export function Radios({ form, name, label, hint, options, isPageHeading, inline }: FieldProps & { options: Option[]; inline?: boolean }) {
  const id = fieldId(name);
  const error = form.errors[name];
  const current = value(form, name);
  return (
    <Fieldset id={id} legend={label} hint={hint} error={error} isPageHeading={isPageHeading}>
      <div className={`govuk-radios${inline ? " govuk-radios--inline" : ""}`} data-module="govuk-radios">
        <ChoiceItems kind="radios" id={id} name={name} options={options} isChecked={(v) => current === v} />
      </div>
    </Fieldset>
  );
}

export function Checkboxes({ form, name, label, hint, options, isPageHeading }: FieldProps & { options: Option[] }) {
  const id = fieldId(name);
  const error = form.errors[name];
  const raw = form.values[name];
  const current = new Set(Array.isArray(raw) ? raw : raw ? [raw] : []);
  return (
    <Fieldset id={id} legend={label} hint={hint} error={error} isPageHeading={isPageHeading}>
      <div className="govuk-checkboxes" data-module="govuk-checkboxes">
        <ChoiceItems kind="checkboxes" id={id} name={name} options={options} isChecked={(v) => current.has(v)} />
      </div>
    </Fieldset>
  );
}

export function Button({
  children,
  secondary,
  warning,
  name,
  value: buttonValue,
}: {
  children: ReactNode;
  secondary?: boolean;
  warning?: boolean;
  name?: string;
  value?: string;
}) {
  const modifier = secondary ? " govuk-button--secondary" : warning ? " govuk-button--warning" : "";
  return (
    <button type="submit" className={`govuk-button${modifier}`} data-module="govuk-button" name={name} value={buttonValue}>
      {children}
    </button>
  );
}
