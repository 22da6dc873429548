import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, Select, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, rowIdParam } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { Implications, NoticeAndMoney } from "~/modules/governance/components/ReportDetails";
import { forwardPlanEntry, recordDecisionTaken } from "~/modules/governance/governance.server";
import { ANYWHERE } from "~/modules/permissions/permissions";

export const handle = { title: (d: unknown) => (d as { report?: { title: string } } | undefined)?.report?.title ?? "Forward plan entry" };

export async function loader({ context, params }: LoaderFunctionArgs) {
  const entry = await forwardPlanEntry(context.db, context.actor, rowIdParam(params.id));
  if (!entry) notFound("There is no key decision at this address.");
  return entry;
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requirePermission(context, request, "board.manage", ANYWHERE);
  const reportId = rowIdParam(params.id);
  const formData = await request.formData();
  const result = await recordDecisionTaken(context.db, context.actor, reportId, formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/forward-plan/${reportId}`);
}

export default function ForwardPlanEntry() {
  const { report, canManage, decisions } = useLoaderData<typeof loader>();
  const form = useFormState();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} />
        <Link to="/forward-plan" className="govuk-back-link">Forward plan</Link>
        <span className="govuk-caption-l">{report.isKey ? "Key decision" : "Decision report (not key: not on the forward plan)"}</span>
        <h1 className="govuk-heading-l">{report.title}</h1>
        {report.summary && <p className="govuk-body-l">{report.summary}</p>}
        {report.decisionId ? (
          <p className="govuk-body"><Link className="govuk-link" to={`/decisions/${report.decisionId}`}>Read the decision the {report.boardName} took</Link></p>
        ) : (
          <p className="govuk-body">The {report.boardName} has not taken this decision yet.</p>
        )}
        <NoticeAndMoney report={report} />
        <Implications report={report} />
        {canManage && !report.decisionId && (
          <>
            <p className="govuk-body"><Link className="govuk-link" to={`/forward-plan/${report.id}/edit`}>Change this report</Link></p>
            <h2 className="govuk-heading-m">Record the decision taken</h2>
            {decisions.length === 0 ? (
              <p className="govuk-body">The {report.boardName} has no decision without a report yet. Record the decision at its meeting first.</p>
            ) : (
              <Form method="post" noValidate>
                <Select form={form} name="decisionId" label="Decision the board took" hint="The notice is checked against the day it was taken." options={decisions.map((d) => ({ value: String(d.id), label: d.label }))} placeholder="Choose a decision" />
                <Button>Link the decision</Button>
              </Form>
            )}
          </>
        )}
      </div>
    </div>
  );
}
