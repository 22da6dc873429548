import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Tag } from "~/components/govuk/content";
import { Button, ErrorSummary, Select, TextInput, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { longDate } from "~/modules/evidence/dates";
import { commissionerChoices, createReview, listReviews } from "~/modules/evidence/reviews.server";
import { listStrategies } from "~/modules/commissioning/strategies.server";
import { DELIVERY_OPTION_LABELS } from "~/modules/evidence/review-schema";
import { STAGE_LABELS } from "~/modules/evidence/schema";
import { listLocalities } from "~/modules/localities/localities.server";
import { ANYWHERE, can } from "~/modules/permissions/permissions";
import { TableHead } from "~/components/govuk/table-head";
import { TableScroll } from "~/components/govuk/table-scroll";

export const handle = { title: "Commissioning reviews" };

export async function loader({ context }: LoaderFunctionArgs) {
  const canManage = can(context.actor, "commissioning.manage", ANYWHERE);
  const [reviews, localities, commissioners, strategies] = await Promise.all([
    listReviews(context.db, context.actor),
    listLocalities(context.db),
    canManage ? commissionerChoices(context.db) : [],
    canManage ? listStrategies(context.db, context.actor) : [],
  ]);
  return { reviews, localities, commissioners, strategies, canManage };
}

export async function action({ context, request }: ActionFunctionArgs) {
  requirePermission(context, request, "commissioning.manage", ANYWHERE);
  const formData = await request.formData();
  const result = await createReview(context.db, context.actor, formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/commissioning-reviews/${result.value.reviewId}`);
}

export default function Reviews() {
  const { reviews, localities, commissioners, strategies, canManage } = useLoaderData<typeof loader>();
  const form = useFormState();
  return (
    <>
      <ErrorSummary form={form} />
      <h1 className="govuk-heading-l">Commissioning reviews</h1>
      <p className="govuk-body-l">
        Each service area is reviewed through the commissioning cycle: Analyse the need, Plan how to meet it, Do (deliver it), and Review how it is performing. Every stage cites the evidence it relied on. Reviews are grouped by <a className="govuk-link" href="/commissioning-strategies">commissioning strategy</a>; a plan is published here once a board has approved it.
      </p>
      <TableScroll label={"Commissioning reviews"}>
      <table className="govuk-table">
        <TableHead caption="Commissioning reviews" columns={["Service area", "Strategy", "Area", "Stage", "Chosen option", "Review date"]} />
        <tbody className="govuk-table__body">
          {reviews.map((r) => (
            <tr className="govuk-table__row" key={r.id}>
              <td className="govuk-table__cell">
                <a className="govuk-link" href={`/commissioning-reviews/${r.id}`}>
                  {r.service_area}
                  {r.cycle > 1 ? ` (cycle ${r.cycle})` : ""}
                </a>
              </td>
              <td className="govuk-table__cell">{r.strategy_title ?? "None"}</td>
              <td className="govuk-table__cell">{r.locality_name ?? "Council-wide"}</td>
              <td className="govuk-table__cell">
                <Tag colour="blue">{STAGE_LABELS[r.stage]}</Tag>
              </td>
              <td className="govuk-table__cell">{r.chosen_option ? DELIVERY_OPTION_LABELS[r.chosen_option] : "Not chosen yet"}</td>
              <td className="govuk-table__cell">{r.review_date ? longDate(r.review_date) : "Not set"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </TableScroll>
      {canManage && (
        <>
          <h2 className="govuk-heading-m">Start a review</h2>
          <Form method="post" noValidate>
            <TextInput form={form} name="serviceArea" label="Service area" />
            <Select form={form} name="localityId" label="Area" options={[{ value: "", label: "Council-wide" }, ...localities.map((l) => ({ value: String(l.id), label: l.name }))]} />
            <Select form={form} name="strategyId" label="Strategy" options={[{ value: "", label: "No strategy" }, ...strategies.map((s) => ({ value: String(s.id), label: s.title }))]} />
            <Select form={form} name="accountableCommissionerId" label="Accountable commissioner" options={[{ value: "", label: "Choose a commissioner" }, ...commissioners.map((c) => ({ value: String(c.id), label: c.display_name }))]} />
            <Button>Start review</Button>
          </Form>
        </>
      )}
    </>
  );
}
