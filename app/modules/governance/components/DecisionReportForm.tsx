/** The officer's form for a decision report: what, who decides and when, money, localities, notice route, implications and alternatives. */
import { Form } from "@remix-run/react";
import { DateInput } from "~/components/govuk/date-input";
import { Button, Checkboxes, ErrorSummary, Radios, Select, Textarea, TextInput, type FormState } from "~/components/govuk/form";
import { EXCEPTION_ROUTE_LABELS, EXCEPTION_ROUTES } from "../rules";

export const IMPLICATIONS = [
  ["financialImplications", "Financial implications"],
  ["legalImplications", "Legal implications"],
  ["equalityImplications", "Equality implications"],
  ["carbonImplications", "Carbon and environmental implications"],
  ["communitySafetyImplications", "Community safety implications"],
  ["staffingImplications", "Staffing implications"],
] as const;

export function DecisionReportForm({ form, boards, localities, thresholdText, submit }: { form: FormState; boards: { id: number; name: string }[]; localities: { id: number; name: string }[]; thresholdText: string; submit: string }) {
  return (
    <>
      <ErrorSummary form={form} />
      <Form method="post" noValidate>
        <Select form={form} name="boardId" label="Board that will take the decision" options={boards.map((b) => ({ value: String(b.id), label: b.name }))} placeholder="Choose a board" />
        <TextInput form={form} name="title" label="What the decision is about" />
        <Textarea form={form} name="summary" label="Summary" hint="What will be decided, in a few sentences the public will understand." rows={4} />
        <DateInput form={form} name="decisionDueOn" label="Date the decision is due to be taken" hint="For example, 27 3 2027." />
        <TextInput form={form} name="spend" label="Spending (pounds)" hint={`Leave empty if none. Spending or saving over ${thresholdText} makes it a key decision.`} width="10" inputMode="decimal" />
        <TextInput form={form} name="saving" label="Saving (pounds)" hint="Leave empty if none." width="10" inputMode="decimal" />
        <Checkboxes form={form} name="localityIds" label="Localities affected" hint="A decision affecting two or more localities is a key decision." options={localities.map((l) => ({ value: String(l.id), label: l.name }))} />
        <Radios
          form={form}
          name="exceptionRoute"
          label="Notice of the decision"
          hint="A key decision must be on the forward plan at least 28 clear days before it is taken, unless one of the exception routes is used."
          options={EXCEPTION_ROUTES.map((r) => ({
            value: r,
            label: EXCEPTION_ROUTE_LABELS[r],
            conditional:
              r === "general_exception" ? (
                <DateInput form={form} name="scrutinyChairNotifiedOn" label="Date the chair of the scrutiny board was told in writing" />
              ) : r === "special_urgency" ? (
                <>
                  <TextInput form={form} name="scrutinyChairName" label="Scrutiny chair who agreed" />
                  <DateInput form={form} name="scrutinyChairAgreedOn" label="Date the scrutiny chair agreed" />
                </>
              ) : undefined,
          }))}
        />
        <Textarea form={form} name="exceptionReason" label="Reasons for using an exception route" hint="Only with the general exception (why 28 clear days' notice was impracticable) or special urgency (why the decision cannot reasonably be deferred)." rows={3} />
        <h2 className="govuk-heading-m">Implications</h2>
        {IMPLICATIONS.map(([name, label]) => (
          <Textarea key={name} form={form} name={name} label={label} rows={3} />
        ))}
        <Textarea form={form} name="alternativesConsidered" label="Alternatives considered" hint="The other options and why they were not recommended." rows={4} />
        <Button>{submit}</Button>
      </Form>
    </>
  );
}
