/** The clerk's form for a new board or a board's details (one form, two routes). */
import { Form } from "@remix-run/react";
import { Button, Radios, Select, TextInput, Textarea, type FormState } from "~/components/govuk/form";

export function BoardForm({ form, localities, submit }: { form: FormState; localities: { id: number; name: string }[]; submit: string }) {
  return (
    <Form method="post" noValidate>
      <TextInput form={form} name="name" label="Name" />
      <Select form={form} name="localityId" label="Locality" placeholder="Council-wide" options={localities.map((l) => ({ value: String(l.id), label: l.name }))} />
      <Radios
        form={form}
        name="boardKind"
        label="What kind of board is it?"
        options={[
          { value: "decision_making", label: "A board that takes decisions" },
          { value: "scrutiny", label: "A scrutiny board", hint: "Holds decision-makers to account: its members can call in decisions, and it keeps a work programme." },
        ]}
      />
      <Textarea form={form} name="remit" label="Remit" rows={3} />
      <Textarea form={form} name="termsOfReference" label="Terms of reference" rows={6} />
      <Radios
        form={form}
        name="quorumKind"
        label="How is the quorum set?"
        options={[
          { value: "number", label: "A number of voting members" },
          { value: "fraction", label: "A percentage of voting members (rounded up)" },
        ]}
      />
      <TextInput form={form} name="quorumNumber" label="Quorum: number of voting members" hint="If the quorum is a number, for example 3" width="4" inputMode="numeric" />
      <TextInput form={form} name="quorumPercent" label="Quorum: percentage of voting members" hint="If the quorum is a percentage, for example 50" width="4" inputMode="numeric" />
      <TextInput form={form} name="quorumMinimum" label="The quorum is never fewer than" hint="A number of voting members, for example 2" width="4" inputMode="numeric" />
      <TextInput form={form} name="questionDeadlineDays" label="Residents’ questions close this many days before a meeting" width="4" inputMode="numeric" />
      <Button>{submit}</Button>
    </Form>
  );
}
