import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, Radios, Textarea, TextInput, useFormState } from "~/components/govuk/form";
import { TableHead } from "~/components/govuk/table-head";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, requireUser, rowIdParam } from "~/lib/http.server";
import { changeRisk } from "~/modules/commissioning/plans.server";
import { managedReview } from "~/modules/commissioning/route.server";
import { LEVEL_LABELS, RISK_CATEGORY_LABELS, RISK_CHANGE_LABELS } from "~/modules/commissioning/labels";
import { longDate } from "~/modules/evidence/dates";
import { RISK_CATEGORIES, RISK_LEVELS } from "../../db/tables/evidence";

export const handle = { title: "Change a risk" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const review = await managedReview(context, request, params.id);
  const risk = review.plan.risks?.find((r) => r.id === rowIdParam(params.riskId));
  if (!risk) notFound("There is no such risk in this register.");
  return { review: { id: review.id, serviceArea: review.serviceArea }, risk };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  const result = await changeRisk(context.db, context.actor, { ...formInput(formData), reviewId: params.id, riskId: params.riskId });
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/commissioning-reviews/${params.id}/risks`);
}

export default function RiskPage() {
  const { review, risk } = useLoaderData<typeof loader>();
  const form = useFormState({ change: risk.closedAt ? "reopened" : "rescored", risk: risk.risk, category: risk.category, likelihood: risk.likelihood, impact: risk.impact, mitigation: risk.mitigation, owner: risk.owner });
  const changes = risk.closedAt
    ? [{ value: "reopened", label: "Reopen it" }]
    : [
        { value: "rescored", label: "Re-score it (likelihood and impact)" },
        { value: "edited", label: "Edit it" },
        { value: "closed", label: "Close it" },
      ];
  return (
    <>
      <ErrorSummary form={form} />
      <a className="govuk-back-link" href={`/commissioning-reviews/${review.id}/risks`}>Back to the risk register</a>
      <span className="govuk-caption-l">{review.serviceArea}: risk register</span>
      <h1 className="govuk-heading-l">{risk.risk}</h1>
      <table className="govuk-table">
        <TableHead caption="History of this risk" captionSize="s" columns={["Date", "Change", "Likelihood", "Impact", "Note", "By"]} />
        <tbody className="govuk-table__body">
          {risk.history.map((h, i) => (
            <tr className="govuk-table__row" key={i}>
              <td className="govuk-table__cell">{longDate(h.on)}</td>
              <td className="govuk-table__cell">{RISK_CHANGE_LABELS[h.change]}</td>
              <td className="govuk-table__cell">{LEVEL_LABELS[h.likelihood]}</td>
              <td className="govuk-table__cell">{LEVEL_LABELS[h.impact]}</td>
              <td className="govuk-table__cell">{h.note}</td>
              <td className="govuk-table__cell">{h.by ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Form method="post" noValidate>
        <Radios form={form} name="change" label="What do you want to do?" options={changes} />
        {!risk.closedAt && (
          <>
            <TextInput form={form} name="risk" label="Risk (when editing)" />
            <Radios form={form} name="category" label="Category" inline options={RISK_CATEGORIES.map((c) => ({ value: c, label: RISK_CATEGORY_LABELS[c] }))} />
            <Radios form={form} name="likelihood" label="Likelihood" inline options={RISK_LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))} />
            <Radios form={form} name="impact" label="Impact" inline options={RISK_LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))} />
            <TextInput form={form} name="mitigation" label="Mitigation" />
            <TextInput form={form} name="owner" label="Owner" />
          </>
        )}
        <Textarea form={form} name="note" label="Note for the history" hint="Required to re-score, close or reopen: say why." rows={3} />
        <Button>Save the change</Button>
      </Form>
    </>
  );
}
