/** Change or remove one group of the equality impact assessment, with the reason (kept in its history). */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, Radios, Select, Textarea, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, requireUser, rowIdParam } from "~/lib/http.server";
import { changeEqualityImpact, removeEqualityImpact } from "~/modules/commissioning/plan-edits.server";
import { managedReview } from "~/modules/commissioning/route.server";
import { ReviewPageHeading } from "~/modules/commissioning/components/ReviewPageHeading";
import { EQUALITY_GROUPS, EQUALITY_IMPACT_LABELS } from "~/modules/commissioning/labels";
import { EQUALITY_IMPACTS } from "../../db/tables/commissioning";

export const handle = { title: "Change the equality impact assessment" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const review = await managedReview(context, request, params.id);
  const impact = review.plan.equality.find((e) => e.id === rowIdParam(params.impactId));
  if (!impact) notFound("There is no such group in this equality impact assessment.");
  return { review: { id: review.id, serviceArea: review.serviceArea, stage: review.stage }, impact };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  const input = { ...formInput(formData), reviewId: params.id, impactId: params.impactId };
  const result = formData.get("intent") === "remove" ? await removeEqualityImpact(context.db, context.actor, input) : await changeEqualityImpact(context.db, context.actor, input);
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/commissioning-reviews/${params.id}/equality`);
}

export default function EqualityImpactPage() {
  const { review, impact } = useLoaderData<typeof loader>();
  const form = useFormState({ intent: "change", groupAffected: impact.groupAffected, impact: impact.impact, details: impact.details, mitigation: impact.mitigation, evidence: impact.evidence });
  const groups = EQUALITY_GROUPS.includes(impact.groupAffected as (typeof EQUALITY_GROUPS)[number]) ? EQUALITY_GROUPS : [impact.groupAffected, ...EQUALITY_GROUPS];
  return (
    <>
      <ReviewPageHeading form={form} review={review} heading={`Equality impact: ${impact.groupAffected}`} />
      <p className="govuk-body">Each change and removal is kept in the assessment’s history with its reason. The assessment can be changed while the plan is being written (the Plan stage); once a board approves the plan, it is the assessment the board approved.</p>
      <Form method="post" noValidate>
        <Radios form={form} name="intent" label="What do you want to do?" options={[{ value: "change", label: "Change this group’s assessment" }, { value: "remove", label: "Remove this group from the assessment" }]} />
        <Select form={form} name="groupAffected" label="Group affected" options={groups.map((g) => ({ value: g, label: g }))} />
        <Radios form={form} name="impact" label="Impact on this group" inline options={EQUALITY_IMPACTS.map((i) => ({ value: i, label: EQUALITY_IMPACT_LABELS[i] }))} />
        <Textarea form={form} name="details" label="How the group is affected" rows={3} />
        <Textarea form={form} name="mitigation" label="Mitigation" hint="Required when the impact is negative." rows={3} />
        <Textarea form={form} name="evidence" label="Evidence" rows={3} />
        <Textarea form={form} name="reason" label="Why it changed, or why it is removed" hint="Kept in the assessment’s history." rows={2} />
        <Button>Save</Button>
      </Form>
    </>
  );
}
