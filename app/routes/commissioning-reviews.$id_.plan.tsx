import type { ActionFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, EMPTY_FORM, ErrorSummary, Radios, Textarea, TextInput, Checkboxes, type FormState } from "~/components/govuk/form";
import { DoneBanner } from "~/components/govuk/done-banner";
import type { FormFailure } from "~/lib/result";
import { chooseOption, saveServicesAnalysis } from "~/modules/commissioning/plans.server";
import { managedReviewLoader, reviewFormAction } from "~/modules/commissioning/route.server";
import { penceAsInput } from "~/modules/commissioning/money";
import { DELIVERY_OPTION_LABELS } from "~/modules/evidence/review-schema";

export const handle = { title: (d: unknown) => `The plan: ${(d as { review?: { serviceArea: string } })?.review?.serviceArea ?? "commissioning review"}` };

export const loader = managedReviewLoader;

export const action = (args: ActionFunctionArgs) =>
  reviewFormAction(args, (formData) =>
    formData.get("intent") === "choose" ? { run: chooseOption, done: "The chosen option has been saved" } : { run: saveServicesAnalysis, done: "The services analysis has been saved" },
  );

export default function PlanPage() {
  const { review } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormFailure | { ok: true; done: string } | undefined;
  const failed = result && !result.ok ? result : null;
  const formFor = (intent: string, defaults: FormState["values"]): FormState => (failed && failed.values.intent === intent ? { errors: failed.errors, values: failed.values } : { ...EMPTY_FORM, values: defaults });
  const p = review.plan;
  const analysis = formFor("analysis", {
    planNeeded: p.planNeeded ? "yes" : "no",
    noPlanReason: p.noPlanReason,
    statutoryDuties: p.statutoryDuties,
    discretionaryActivity: p.discretionaryActivity,
    significantIssues: p.significantIssues,
    currentResources: p.currentResources,
    changesService: p.changesService ? ["yes"] : [],
    planStartsOn: p.planStartsOn ?? "",
    planEndsOn: p.planEndsOn ?? "",
    budget: penceAsInput(p.budgetPence),
    currentSpend: penceAsInput(p.currentSpendPence),
  });
  const choose = formFor("choose", { chosenOption: review.chosenOption ?? "", reason: review.rationale });
  const summary: FormState = failed ? { errors: failed.errors, values: failed.values } : EMPTY_FORM;
  return (
    <>
      <ErrorSummary form={summary} />
      <DoneBanner />
      <a className="govuk-back-link" href={`/commissioning-reviews/${review.id}`}>Back to {review.serviceArea}</a>
      <span className="govuk-caption-l">{review.serviceArea}</span>
      <h1 className="govuk-heading-l">The commissioning plan</h1>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="analysis" />
        <h2 className="govuk-heading-m">Services analysis</h2>
        <Radios
          form={analysis}
          name="planNeeded"
          label="Is a commissioning plan needed?"
          options={[
            { value: "yes", label: "Yes" },
            { value: "no", label: "No", conditional: <Textarea form={analysis} name="noPlanReason" label="Why no plan is needed" /> },
          ]}
        />
        <Textarea form={analysis} name="statutoryDuties" label="Statutory duties" />
        <Textarea form={analysis} name="discretionaryActivity" label="Discretionary activity" />
        <Textarea form={analysis} name="significantIssues" label="Significant issues and risks" />
        <Textarea form={analysis} name="currentResources" label="Current resources" />
        <Checkboxes form={analysis} name="changesService" label="Change to the service" options={[{ value: "yes", label: "This plan changes the service people receive (an equality impact assessment is then required)" }]} />
        <TextInput form={analysis} name="planStartsOn" label="Plan starts on" hint="For example, 2027-04-01" width="10" />
        <TextInput form={analysis} name="planEndsOn" label="Plan ends on" hint="For example, 2030-03-31" width="10" />
        <TextInput form={analysis} name="budget" label="Budget for the plan period, in pounds" hint="For example, 1,250,000" width="10" inputMode="decimal" />
        <TextInput form={analysis} name="currentSpend" label="Current spend over the same period, in pounds" width="10" inputMode="decimal" />
        <Button>Save the services analysis</Button>
      </Form>

      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="choose" />
        <h2 className="govuk-heading-m">The option chosen</h2>
        {p.options.length ? (
          <Radios form={choose} name="chosenOption" label="Which option does the plan recommend?" options={p.options.map((o) => ({ value: o.option, label: DELIVERY_OPTION_LABELS[o.option] }))} />
        ) : (
          <p className="govuk-body">Appraise at least one option first.</p>
        )}
        <Textarea form={choose} name="reason" label="Why this option was chosen" />
        <Button>Save the chosen option</Button>
      </Form>
      <p className="govuk-body"><a className="govuk-link" href={`/commissioning-reviews/${review.id}/options/new`}>Appraise a delivery option</a></p>
    </>
  );
}
