/** One question of a consultation as a GOV.UK form field (no JavaScript needed). */
import { CharacterCount } from "~/components/govuk/character-count";
import { Checkboxes, Radios, TextInput, fieldId, type FormState } from "~/components/govuk/form";
import type { QuestionView } from "../consultations.server";
import { AGREE_SCALE } from "../schema";

export function QuestionField({ q, form }: { q: QuestionView; form: FormState }) {
  const name = `q${q.id}`;
  const label = (
    <>
      {q.prompt}
      {!q.required && " (optional)"}
    </>
  );
  const hint = q.helpText || undefined;
  const options = q.options.map((o) => ({ value: String(o.id), label: o.label }));
  switch (q.kind) {
    case "single_choice":
      return <Radios form={form} name={name} label={label} hint={hint} options={options} />;
    case "multiple_choice":
      return <Checkboxes form={form} name={name} label={label} hint={hint ?? "Select all that apply."} options={options} />;
    case "agree_scale":
      return <Radios form={form} name={name} label={label} hint={hint} options={AGREE_SCALE.map((s) => ({ value: String(s.value), label: s.label }))} />;
    case "number":
      return <TextInput form={form} name={name} label={label} hint={hint} width="10" inputMode="decimal" />;
    case "free_text":
      return <CharacterCount form={form} name={name} label={label} hint={hint} maxLength={q.maxLength ?? 2000} />;
    case "ranking": {
      const error = form.errors[name];
      const id = fieldId(name);
      return (
        <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
          <fieldset className="govuk-fieldset" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{label}</legend>
            <div className="govuk-hint" id={`${id}-hint`}>
              {hint ? `${hint} ` : ""}Give each option a different number, 1 being the most important.
            </div>
            {error && (
              <p id={`${id}-error`} className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {error}
              </p>
            )}
            {q.options.map((o, i) => {
              const field = `${name}_o${o.id}`;
              const selectId = i === 0 ? id : fieldId(field);
              const current = form.values[field];
              return (
                <div className="govuk-form-group govuk-!-margin-bottom-3" key={o.id}>
                  <label className="govuk-label" htmlFor={selectId}>
                    {o.label}
                  </label>
                  <select className="govuk-select" id={selectId} name={field} defaultValue={Array.isArray(current) ? current[0] : (current ?? "")}>
                    <option value="">Not ranked</option>
                    {q.options.map((_, r) => (
                      <option key={r} value={String(r + 1)}>
                        {r + 1}
                      </option>
                    ))}
                  </select>
                </div>
              );
            })}
          </fieldset>
        </div>
      );
    }
  }
}

/** Saved answers as form values (so a returning person sees what they said). */
export function answerValues(
  questions: QuestionView[],
  answers: Record<string, { optionIds: number[]; text: string | null; number: number | null }>,
): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const q of questions) {
    const a = answers[String(q.id)];
    if (!a) continue;
    const name = `q${q.id}`;
    if (q.kind === "single_choice") values[name] = String(a.optionIds[0] ?? "");
    else if (q.kind === "multiple_choice") values[name] = a.optionIds.map(String);
    else if (q.kind === "ranking") a.optionIds.forEach((id, i) => (values[`${name}_o${id}`] = String(i + 1)));
    else if (q.kind === "free_text") values[name] = a.text ?? "";
    else values[name] = a.number === null ? "" : String(a.number);
  }
  return values;
}
