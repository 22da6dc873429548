/**
 * Choose the evidence and outcome nodes a decision or agenda item relies on: plain checkboxes
 * (works without JavaScript), evidence grouped under the outcome it is tagged to.
 */
import { Checkboxes, type FormState } from "~/components/govuk/form";
import type { CitationChoices } from "../decisions.server";

export function CitationPicker({ form, choices, idPrefix = "cite" }: { form: FormState; choices: CitationChoices; idPrefix?: string }) {
  const raw = form.values.evidenceItemIds;
  const chosen = new Set(Array.isArray(raw) ? raw : raw ? [raw] : []);
  const error = form.errors.evidenceItemIds;
  return (
    <>
      <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`} id="evidenceItemIds">
        <h3 className="govuk-heading-s govuk-!-margin-bottom-1">Evidence it relies on</h3>
        <p className="govuk-hint">Evidence from the library for this board’s locality or council-wide. Internal evidence is never shown to the public.</p>
        {error && (
          <p className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        {choices.evidenceGroups.length === 0 && <p className="govuk-body">There is no evidence in the library for this locality yet.</p>}
        {choices.evidenceGroups.map((group, g) => (
          <fieldset className="govuk-fieldset govuk-!-margin-bottom-4" key={group.title}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{group.title}</legend>
            <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
              {group.items.map((e) => {
                const id = `${idPrefix}-evidence-${g}-${e.id}`;
                return (
                  <div className="govuk-checkboxes__item" key={e.id}>
                    <input className="govuk-checkboxes__input" id={id} name="evidenceItemIds" type="checkbox" value={String(e.id)} defaultChecked={chosen.has(String(e.id))} aria-describedby={`${id}-hint`} />
                    <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>{e.title}</label>
                    <div id={`${id}-hint`} className="govuk-hint govuk-checkboxes__hint">{e.hint}</div>
                  </div>
                );
              })}
            </div>
          </fieldset>
        ))}
      </div>
      <Checkboxes form={form} name="outcomeNodeIds" label="Outcomes it serves" options={choices.outcomeNodes.map((o) => ({ value: String(o.id), label: o.title, hint: o.kind === "priority" ? "Priority" : undefined }))} />
    </>
  );
}
