/** Change a delivery-plan milestone: its title, due date, whether it is done, and why it is late. */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, Radios, Textarea, TextInput, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, requireUser, rowIdParam } from "~/lib/http.server";
import { changeMilestone } from "~/modules/commissioning/plan-edits.server";
import { managedReview } from "~/modules/commissioning/route.server";
import { ReviewPageHeading } from "~/modules/commissioning/components/ReviewPageHeading";
import { longDate } from "~/modules/evidence/dates";

export const handle = { title: "Change a milestone" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const review = await managedReview(context, request, params.id);
  const milestone = review.plan.milestones.find((m) => m.id === rowIdParam(params.milestoneId));
  if (!milestone) notFound("There is no such milestone in this delivery plan.");
  return { review: { id: review.id, serviceArea: review.serviceArea }, milestone, plan: { startsOn: review.plan.planStartsOn, endsOn: review.plan.planEndsOn } };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  const result = await changeMilestone(context.db, context.actor, { ...formInput(formData), reviewId: params.id, milestoneId: params.milestoneId });
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/commissioning-reviews/${params.id}#milestones`);
}

export default function MilestonePage() {
  const { review, milestone, plan } = useLoaderData<typeof loader>();
  const form = useFormState({ title: milestone.title, dueOn: milestone.dueOn, state: milestone.doneOn ? "done" : "due", doneOn: milestone.doneOn ?? "", lateReason: milestone.lateReason });
  return (
    <>
      <ReviewPageHeading form={form} review={review} heading={`Change the milestone: ${milestone.title}`} />
      <Form method="post" noValidate>
        <TextInput form={form} name="title" label="Milestone" />
        <TextInput form={form} name="dueOn" label="Due date" width="10" hint={`For example, 2027-03-31. It must fall within the plan period${plan.endsOn ? `, which ${plan.startsOn ? `runs from ${longDate(plan.startsOn)} to` : "ends"} ${longDate(plan.endsOn)}` : ""}.`} />
        <Radios form={form} name="state" label="Status" inline options={[{ value: "due", label: "Not done yet" }, { value: "done", label: "Done" }]} />
        <TextInput form={form} name="doneOn" label="Day it was done" width="10" hint="When it is done. For example, 2027-03-14." />
        <Textarea form={form} name="lateReason" label="Why it is late" hint="Needed when it was done after its due date, or is past its due date and not done. The public sees it with the approved plan." rows={3} />
        <Button>Save the milestone</Button>
      </Form>
    </>
  );
}
