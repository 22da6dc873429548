/** The officer's consultation details form (create and edit), laid out around the Gunning principles. */
import { Form } from "@remix-run/react";
import { DateInput } from "~/components/govuk/date-input";
import { Button, Checkboxes, Textarea, TextInput, type FormState } from "~/components/govuk/form";

export function DetailsForm({
  form,
  localities,
  outcomes,
  submitLabel,
}: {
  form: FormState;
  localities: { id: number; name: string }[];
  outcomes: { id: number; title: string; framework: string }[];
  submitLabel: string;
}) {
  return (
    <Form method="post" noValidate>
      <TextInput form={form} name="title" label="Title" />
      <Textarea form={form} name="summary" label="Summary" hint="One or two sentences: what you are asking and why." rows={3} />
      <h2 className="govuk-heading-m">Enough information for an intelligent response</h2>
      <Textarea form={form} name="background" label="Background" hint="The facts people need: the problem, the evidence, the money available. Leave a blank line between paragraphs." rows={6} />
      <Textarea form={form} name="proposal" label="What is proposed" rows={5} />
      <Textarea form={form} name="optionsConsidered" label="Options considered" hint="Include the options you rejected and why." rows={5} />
      <h2 className="govuk-heading-m">Proposals at a formative stage</h2>
      <Textarea form={form} name="noDecisionStatement" label="Statement that no decision has yet been taken" hint="For example: No decision has been taken. We will decide only after considering every response." rows={2} />
      <h2 className="govuk-heading-m">Who and where</h2>
      <Textarea form={form} name="whoIsConsulted" label="Who is being consulted" rows={2} />
      <Checkboxes form={form} name="wholeCouncil" label="Whole council" options={[{ value: "yes", label: "This consultation is for the whole council area" }]} />
      <Checkboxes form={form} name="localityIds" label="Localities" hint="Or select the localities being consulted." options={localities.map((l) => ({ value: String(l.id), label: l.name }))} />
      <h2 className="govuk-heading-m">Adequate time</h2>
      <DateInput form={form} name="opensAt" label="Opens" hint="For example, 27 3 2027 and 09:00. UK time." withTime />
      <DateInput form={form} name="closesAt" label="Closes" hint="Usually at least 6 weeks after it opens. UK time." withTime />
      <Textarea form={form} name="shortPeriodReason" label="If the period is shorter than usual, why (optional)" rows={2} />
      <h2 className="govuk-heading-m">Conscientious consideration</h2>
      <Textarea form={form} name="howResponsesUsed" label="How responses will be used" rows={3} />
      <Textarea form={form} name="privacyNotice" label="Privacy notice" rows={4} />
      <TextInput form={form} name="contact" label="Contact" hint="An email address or phone number people can ask questions at." />
      <DateInput form={form} name="retentionUntil" label="Keep personal data until (optional)" hint="After this date responses are anonymised. Leave blank for 2 years after the close." />
      <Checkboxes form={form} name="outcomeNodeIds" label="Outcomes this consultation relates to (optional)" options={outcomes.map((o) => ({ value: String(o.id), label: o.title, hint: o.framework }))} />
      <Button>{submitLabel}</Button>
    </Form>
  );
}

/** Outcomes and priorities from every framework, flat, for the form. */
export function flattenOutcomes(frameworks: { name: string; outcomes: { id: number; title: string; children: { id: number; title: string }[] }[] }[]) {
  return frameworks.flatMap((f) => f.outcomes.flatMap((o) => [{ id: o.id, title: o.title, framework: f.name }, ...o.children.map((p) => ({ id: p.id, title: `${o.title}: ${p.title}`, framework: f.name }))]));
}
