import type { ActionFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, Radios, Select, Textarea, useFormState } from "~/components/govuk/form";
import { addEqualityImpact } from "~/modules/commissioning/plans.server";
import { managedReviewLoader, reviewFormAction } from "~/modules/commissioning/route.server";
import { ReviewPageHeading } from "~/modules/commissioning/components/ReviewPageHeading";
import { EqualityAssessment } from "~/modules/commissioning/components/PlanSections";
import { EQUALITY_GROUPS, EQUALITY_IMPACT_LABELS } from "~/modules/commissioning/labels";
import { EQUALITY_IMPACTS } from "../../db/tables/commissioning";

export const handle = { title: "Equality impact assessment" };

export const loader = managedReviewLoader;

export const action = (args: ActionFunctionArgs) => reviewFormAction(args, () => ({ run: addEqualityImpact, done: "The group has been added to the assessment" }));

export default function EqualityPage() {
  const { review } = useLoaderData<typeof loader>();
  const form = useFormState();
  return (
    <>
      <ReviewPageHeading form={form} review={review} heading="Equality impact assessment" />
      <p className="govuk-body">Record each group the plan affects, how, what will reduce a negative impact, and the evidence. A plan that decommissions or changes a service cannot go for approval without it.</p>
      <EqualityAssessment plan={review.plan} />
      <h2 className="govuk-heading-m">Add a group affected</h2>
      <Form method="post" noValidate>
        <Select form={form} name="groupAffected" label="Group affected" options={[{ value: "", label: "Choose a group" }, ...EQUALITY_GROUPS.map((g) => ({ value: g, label: g }))]} />
        <Radios form={form} name="impact" label="Impact on this group" inline options={EQUALITY_IMPACTS.map((i) => ({ value: i, label: EQUALITY_IMPACT_LABELS[i] }))} />
        <Textarea form={form} name="details" label="How the group is affected" rows={3} />
        <Textarea form={form} name="mitigation" label="Mitigation" hint="Required when the impact is negative." rows={3} />
        <Textarea form={form} name="evidence" label="Evidence" rows={3} />
        <Button>Add to the assessment</Button>
      </Form>
    </>
  );
}
