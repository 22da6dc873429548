import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, rowIdParam } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { DecisionReportForm } from "~/modules/governance/components/DecisionReportForm";
import { forwardPlanEntry, governanceSettings, reportFormChoices, saveDecisionReport } from "~/modules/governance/governance.server";
import { formatPounds } from "~/modules/governance/rules";
import { ANYWHERE } from "~/modules/permissions/permissions";

export const handle = { title: "Change a decision report" };

const pounds = (pence: number) => (pence ? (pence / 100).toFixed(2) : "");

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requirePermission(context, request, "board.manage", ANYWHERE);
  const entry = await forwardPlanEntry(context.db, context.actor, rowIdParam(params.id));
  if (!entry || !entry.canManage || entry.report.decisionId) notFound("There is no decision report to change at this address.");
  const [choices, settings] = await Promise.all([reportFormChoices(context.db, context.actor), governanceSettings(context.db)]);
  return { ...choices, report: entry.report, thresholdText: formatPounds(settings.keyDecisionThresholdPence) };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requirePermission(context, request, "board.manage", ANYWHERE);
  const reportId = rowIdParam(params.id);
  const formData = await request.formData();
  const result = await saveDecisionReport(context.db, context.actor, formInput(formData), { reportId });
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/forward-plan/${reportId}`);
}

export default function EditDecisionReport() {
  const { boards, localities, thresholdText, report: r } = useLoaderData<typeof loader>();
  const form = useFormState({
    boardId: r.boardId, title: r.title, summary: r.summary, decisionDueOn: r.decisionDueOn, spend: pounds(r.spendPence), saving: pounds(r.savingPence),
    exceptionRoute: r.exceptionRoute, exceptionReason: r.exceptionReason, scrutinyChairNotifiedOn: r.scrutinyChairNotifiedOn, scrutinyChairName: r.scrutinyChairName, scrutinyChairAgreedOn: r.scrutinyChairAgreedOn,
    financialImplications: r.implications.financial, legalImplications: r.implications.legal, equalityImplications: r.implications.equality, carbonImplications: r.implications.carbon,
    communitySafetyImplications: r.implications.communitySafety, staffingImplications: r.implications.staffing, alternativesConsidered: r.alternativesConsidered,
  });
  if (!form.values.localityIds && !Object.keys(form.errors).length) form.values.localityIds = r.localityIds.map(String);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link to={`/forward-plan/${r.id}`} className="govuk-back-link">Back to the report</Link>
        <h1 className="govuk-heading-l">Change the report: {r.title}</h1>
        <DecisionReportForm form={form} boards={boards} localities={localities} thresholdText={thresholdText} submit="Save changes" />
      </div>
    </div>
  );
}
