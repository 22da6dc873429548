/** The group's details as form fields: registering a group and changing its details use the same questions. */
import { Radios, TextInput, Textarea, type FormState } from "~/components/govuk/form";
import { RELEVANT_BODY_KINDS } from "../../../../db/tables/challenges";
import { RELEVANT_BODY_LABELS } from "../schema";

export function GroupFields({ form }: { form: FormState }) {
  return (
    <>
      <TextInput form={form} name="name" label="Group name" />
      <Radios form={form} name="kind" label="What kind of body is the group?" options={RELEVANT_BODY_KINDS.map((k) => ({ value: k, label: RELEVANT_BODY_LABELS[k] }))} />
      <TextInput form={form} name="kindOther" label="If another body, which one the regulations name" />
      <TextInput form={form} name="charityNumber" label="Charity number (if it has one)" width="10" />
      <TextInput form={form} name="companyNumber" label="Company or society number (if it has one)" width="10" />
      <TextInput form={form} name="otherRegistration" label="Other registration (if any)" />
      <TextInput form={form} name="contactName" label="Contact name" autoComplete="name" />
      <TextInput form={form} name="contactEmail" label="Contact email address" type="email" autoComplete="email" spellCheck={false} />
      <TextInput form={form} name="contactPhone" label="Contact telephone (optional)" type="tel" autoComplete="tel" width="20" />
      <Textarea form={form} name="address" label="Address (optional)" rows={3} />
    </>
  );
}
