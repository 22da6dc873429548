/** A service's questions, shared by adding a service and changing one (slots for what only adding asks). */
import type { ReactNode } from "react";
import { Checkboxes, TextInput, Textarea, type FormState } from "~/components/govuk/form";

export function ServiceFields({ form, outcomes, afterName, afterAnyTime }: { form: FormState; outcomes: { value: string; label: string; hint?: string }[]; afterName?: ReactNode; afterAnyTime?: ReactNode }) {
  return (
    <>
      <TextInput form={form} name="name" label="Service name" />
      {afterName}
      <Textarea form={form} name="description" label="Description" rows={3} />
      <Textarea form={form} name="excludedReason" label="If the regulations exclude this service, the reason" hint="Leave empty for a relevant service open to challenge." rows={3} />
      <Checkboxes form={form} name="anyTime" label="When can groups submit?" options={[{ value: "yes", label: "At any time" }]} />
      {afterAnyTime}
      <TextInput form={form} name="procurementMinMonths" label="Procurement starts at least this many months after acceptance" width="3" inputMode="numeric" />
      <TextInput form={form} name="procurementMaxMonths" label="and at most this many months after acceptance" width="3" inputMode="numeric" />
      <Checkboxes form={form} name="outcomeNodeIds" label="Outcomes the service serves" options={outcomes} />
    </>
  );
}
