/** The fields of an evidence item, shared by the add and edit pages (and, visibility and outcomes, the consultation finding form). */
import { DateInput } from "~/components/govuk/date-input";
import { Checkboxes, Radios, Select, Textarea, TextInput, type FormState } from "~/components/govuk/form";
import type { NodeOption } from "~/modules/outcomes/outcomes.server";
import { CONFIDENCE_LABELS, EVIDENCE_TYPE_LABELS, STAGE_LABELS } from "../schema";

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export function EvidenceFields({ form, localities, outcomes }: { form: FormState; localities: { id: number; name: string }[]; outcomes: NodeOption[] }) {
  return (
    <>
      <TextInput form={form} name="title" label="Title" />
      <Select form={form} name="type" label="Type of evidence" placeholder="Choose a type" options={options(EVIDENCE_TYPE_LABELS)} />
      <Textarea form={form} name="summary" label="Summary" hint="What it shows, in plain English." />
      <TextInput form={form} name="sourceOrganisation" label="Source organisation" hint="Who produced it, for example Office for National Statistics." />
      <TextInput form={form} name="sourceUrl" label="Link to the source" type="url" spellCheck={false} hint="Evidence without a source cannot be added." />
      <DateInput form={form} name="periodStart" label="Date, or start of the period it covers" hint="For example, 1 4 2025" />
      <DateInput form={form} name="periodEnd" label="End of the period (optional)" hint="Leave empty if the evidence is for one date." />
      <Select form={form} name="localityId" label="Area" options={[{ value: "", label: "Council-wide" }, ...localities.map((l) => ({ value: String(l.id), label: l.name }))]} />
      <Radios form={form} name="stage" label="Commissioning stage" inline options={options(STAGE_LABELS)} />
      <Radios form={form} name="confidence" label="How confident are we in it?" inline options={options(CONFIDENCE_LABELS)} />
      <VisibilityField form={form} />
      <OutcomesField form={form} outcomes={outcomes} />
    </>
  );
}

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

export function OutcomesField({ form, outcomes, hint = "Select all that apply." }: { form: FormState; outcomes: NodeOption[]; hint?: string }) {
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
