import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, Checkboxes, ErrorSummary, Radios, Textarea, TextInput, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, requireUser } from "~/lib/http.server";
import { saveOptionAppraisal } from "~/modules/commissioning/plans.server";
import { managedReview } from "~/modules/commissioning/route.server";
import { penceAsInput } from "~/modules/commissioning/money";
import { DELIVERY_OPTION_LABELS } from "~/modules/evidence/review-schema";
import { DELIVERY_OPTIONS, type DeliveryOption } from "../../db/tables/evidence";

export const handle = { title: (d: unknown) => ((d as { label?: string })?.label ? `Appraise: ${(d as { label: string }).label}` : "Appraise a delivery option") };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const review = await managedReview(context, request, params.id);
  const option = params.option === "new" ? null : (params.option as DeliveryOption);
  if (option !== null && !DELIVERY_OPTIONS.includes(option)) notFound();
  const current = option ? (review.plan.options.find((o) => o.option === option) ?? null) : null;
  return { review: { id: review.id, serviceArea: review.serviceArea, appraised: review.plan.options.map((o) => o.option) }, option, current, label: option ? DELIVERY_OPTION_LABELS[option] : null };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  const result = await saveOptionAppraisal(context.db, context.actor, { ...formInput(formData), reviewId: params.id, ...(params.option !== "new" ? { option: params.option } : {}) });
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/commissioning-reviews/${params.id}`);
}

export default function OptionPage() {
  const { review, option, current, label } = useLoaderData<typeof loader>();
  const form = useFormState(
    current
      ? {
          description: current.description,
          governance: current.governance,
          outcomes: current.outcomes,
          policyFit: current.policyFit,
          cost: penceAsInput(current.costPence),
          benefit: penceAsInput(current.benefitPence),
          saving: penceAsInput(current.savingPence),
          otherResources: current.otherResources,
          risks: current.risks,
          strengths: current.strengths,
          weaknesses: current.weaknesses,
          opportunities: current.opportunities,
          threats: current.threats,
          socialValue: current.socialValue,
          equalityImpact: current.equalityImpact,
          costsConfidential: current.costsConfidential ? ["yes"] : [],
        }
      : {},
  );
  const choices = DELIVERY_OPTIONS.filter((o) => !review.appraised.includes(o));
  return (
    <>
      <ErrorSummary form={form} />
      <a className="govuk-back-link" href={`/commissioning-reviews/${review.id}`}>Back to {review.serviceArea}</a>
      <span className="govuk-caption-l">{review.serviceArea}: delivery analysis</span>
      <h1 className="govuk-heading-l">{label ? `Appraise: ${label}` : "Appraise a delivery option"}</h1>
      <Form method="post" noValidate>
        {option === null && <Radios form={form} name="option" label="Option" options={choices.map((o) => ({ value: o, label: DELIVERY_OPTION_LABELS[o] }))} />}
        <Textarea form={form} name="description" label="Description" />
        <Textarea form={form} name="governance" label="Governance" rows={3} />
        <Textarea form={form} name="outcomes" label="Outcomes it would achieve" rows={3} />
        <Textarea form={form} name="policyFit" label="Fit with policy" rows={3} />
        <TextInput form={form} name="cost" label="Cost over the plan period, in pounds" hint="Required. For example, 1,250,000 (0 if it costs nothing)" width="10" inputMode="decimal" />
        <TextInput form={form} name="benefit" label="Monetised benefits over the plan period, in pounds" width="10" inputMode="decimal" />
        <TextInput form={form} name="saving" label="Savings against current spend, in pounds" hint="A negative amount is extra spending." width="10" />
        <Checkboxes form={form} name="costsConfidential" label="Commercial confidentiality" options={[{ value: "yes", label: "These costs are commercially confidential (withheld from the published plan)" }]} />
        <Textarea form={form} name="otherResources" label="Other resources (staff, buildings, partners)" rows={3} />
        <Textarea form={form} name="risks" label="Risks" rows={3} />
        <h2 className="govuk-heading-m">SWOT</h2>
        <Textarea form={form} name="strengths" label="Strengths" rows={2} />
        <Textarea form={form} name="weaknesses" label="Weaknesses" rows={2} />
        <Textarea form={form} name="opportunities" label="Opportunities" rows={2} />
        <Textarea form={form} name="threats" label="Threats" rows={2} />
        <Textarea form={form} name="socialValue" label="Social value" rows={3} />
        <Textarea form={form} name="equalityImpact" label="Equality impact" rows={3} />
        <Button>Save the appraisal</Button>
      </Form>
    </>
  );
}
