/** Fields every form that adds evidence shares: who can see it, and the outcomes it is tagged to. */
import { Checkboxes, Radios, type FormState } from "~/components/govuk/form";

export function VisibilityField({ form }: { form: FormState }) {
  return (
    <Radios
      form={form}
      name="visibility"
      label="Who can see it"
      options={[
        { value: "public", label: "Everyone (published)" },
        { value: "internal", label: "Council staff and board members only", hint: "Never shown to residents or visitors." },
      ]}
    />
  );
}

export function OutcomesField({ form, outcomes, hint = "Select all that apply." }: { form: FormState; outcomes: { id: number; kind: string; label: string; framework: string }[]; hint?: string }) {
  return (
    <Checkboxes
      form={form}
      name="outcomeNodeIds"
      label="Outcomes it is evidence for"
      hint={hint}
      options={outcomes.map((o) => ({ value: String(o.id), label: `${o.label}${o.kind === "measure" ? " (measure)" : ""}`, hint: o.kind === "outcome" ? o.framework : undefined }))}
    />
  );
}
