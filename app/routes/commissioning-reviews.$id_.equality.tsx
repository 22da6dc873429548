import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { equalityHistory } from "~/modules/commissioning/plan-edits.server";
import { TableHead } from "~/components/govuk/table-head";
import { longDate } from "~/modules/evidence/dates";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, Radios, Select, Textarea, useFormState } from "~/components/govuk/form";
import { addEqualityImpact } from "~/modules/commissioning/plans.server";
import { managedReviewLoader, reviewFormAction } from "~/modules/commissioning/route.server";
import { ReviewPageHeading } from "~/modules/commissioning/components/ReviewPageHeading";
import { EqualityAssessment } from "~/modules/commissioning/components/PlanSections";
import { EQUALITY_GROUPS, EQUALITY_IMPACT_LABELS } from "~/modules/commissioning/labels";
import { EQUALITY_IMPACTS } from "../../db/tables/commissioning";

export const handle = { title: "Equality impact assessment" };

export async function loader(args: LoaderFunctionArgs) {
  const { review } = await managedReviewLoader(args);
  return { review, history: await equalityHistory(args.context.db, review.id) };
}

export const action = (args: ActionFunctionArgs) => reviewFormAction(args, () => ({ run: addEqualityImpact, done: "The group has been added to the assessment" }));

export default function EqualityPage() {
  const { review, history } = useLoaderData<typeof loader>();
  const form = useFormState();
  return (
    <>
      <ReviewPageHeading form={form} review={review} heading="Equality impact assessment" />
      <p className="govuk-body">Record each group the plan affects, how, what will reduce a negative impact, and the evidence. A plan that decommissions or changes a service cannot go for approval without it.</p>
      <EqualityAssessment plan={review.plan} changeHref={review.stage === "plan" ? (id) => `/commissioning-reviews/${review.id}/equality/${id}` : undefined} />
      {history.length > 0 && (
        <table className="govuk-table" data-testid="equality-history">
          <TableHead caption="History of the assessment" captionSize="s" columns={["Date", "Group", "Change", "Why", "By"]} />
          <tbody className="govuk-table__body">
            {history.map((h, i) => (
              <tr className="govuk-table__row" key={i}>
                <td className="govuk-table__cell">{longDate(h.at)}</td>
                <td className="govuk-table__cell">{h.groupAffected}</td>
                <td className="govuk-table__cell">{h.action === "removed" ? "Removed" : "Changed"}</td>
                <td className="govuk-table__cell">{h.reason}</td>
                <td className="govuk-table__cell">{h.by ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
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
