/** The fields of a question, shared by the add form and the change page. */
import type { ReactNode } from "react";
import { Checkboxes, Radios, Select, Textarea, TextInput, type FormState } from "~/components/govuk/form";
import { QUESTION_KINDS } from "../../../../db/tables/consultations";
import { QUESTION_KIND_LABELS } from "../schema";

const CONDITIONAL: Partial<Record<(typeof QUESTION_KINDS)[number], (form: FormState) => ReactNode>> = {
  free_text: (form) => <TextInput form={form} name="maxLength" label="Character limit (for free text)" hint="Leave blank for 2000." width="5" inputMode="numeric" />,
  number: (form) => (
    <>
      <TextInput form={form} name="minNumber" label="Smallest number allowed (for number questions)" width="5" inputMode="numeric" />
      <TextInput form={form} name="maxNumber" label="Largest number allowed (for number questions)" width="5" inputMode="numeric" />
    </>
  ),
};

export function QuestionFields({ form, sections }: { form: FormState; sections: { id: number; position: number; title: string }[] }) {
  return (
    <>
      <Select form={form} name="sectionId" label="Section" options={sections.map((s) => ({ value: String(s.id), label: `Page ${s.position}: ${s.title}` }))} />
      {/* Each type's own settings are revealed under it (GOV.UK conditional reveal markup, shown by CSS for the checked type, with or without JavaScript).
          The options box serves three types, so it stays below the radios. */}
      <Radios
        form={form}
        name="kind"
        label="Type of question"
        options={QUESTION_KINDS.map((k) => ({ value: k, label: QUESTION_KIND_LABELS[k], conditional: CONDITIONAL[k]?.(form) }))}
      />
      <TextInput form={form} name="prompt" label="Question" />
      <TextInput form={form} name="helpText" label="Help text (optional)" />
      <Checkboxes form={form} name="required" label="Required" options={[{ value: "yes", label: "People must answer this question" }]} />
      <Textarea form={form} name="options" label="Options (for choice and ranking questions)" hint="One option on each line. Leave blank for free text, agree or disagree, and number questions." rows={4} />
    </>
  );
}
