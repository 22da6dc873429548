import type { ActionFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, Radios, TextInput, useFormState } from "~/components/govuk/form";
import { addRisk } from "~/modules/commissioning/plans.server";
import { managedReviewLoader, reviewFormAction } from "~/modules/commissioning/route.server";
import { ReviewPageHeading } from "~/modules/commissioning/components/ReviewPageHeading";
import { RiskRegister } from "~/modules/commissioning/components/PlanSections";
import { LEVEL_LABELS, RISK_CATEGORY_LABELS } from "~/modules/commissioning/labels";
import { RISK_CATEGORIES, RISK_LEVELS } from "../../db/tables/evidence";

export const handle = { title: "Risk register" };

export const loader = managedReviewLoader;

export const action = (args: ActionFunctionArgs) => reviewFormAction(args, () => ({ run: addRisk, done: "The risk has been added" }));

export default function RisksPage() {
  const { review } = useLoaderData<typeof loader>();
  const form = useFormState();
  return (
    <>
      <ReviewPageHeading form={form} review={review} heading="Risk register" />
      <RiskRegister risks={review.plan.risks ?? []} changeHref={(id) => `/commissioning-reviews/${review.id}/risks/${id}`} />
      <h2 className="govuk-heading-m">Add a risk</h2>
      <Form method="post" noValidate>
        <TextInput form={form} name="risk" label="Risk" />
        <Radios form={form} name="category" label="Category" inline options={RISK_CATEGORIES.map((c) => ({ value: c, label: RISK_CATEGORY_LABELS[c] }))} />
        <Radios form={form} name="likelihood" label="Likelihood" inline options={RISK_LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))} />
        <Radios form={form} name="impact" label="Impact" inline options={RISK_LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))} />
        <TextInput form={form} name="mitigation" label="Mitigation" />
        <TextInput form={form} name="owner" label="Owner" />
        <Button>Add risk</Button>
      </Form>
    </>
  );
}
