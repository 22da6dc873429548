import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { DecisionReportForm } from "~/modules/governance/components/DecisionReportForm";
import { governanceSettings, reportFormChoices, saveDecisionReport } from "~/modules/governance/governance.server";
import { formatPounds } from "~/modules/governance/rules";
import { ANYWHERE } from "~/modules/permissions/permissions";

export const handle = { title: "Add a decision report" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "board.manage", ANYWHERE);
  const [choices, settings] = await Promise.all([reportFormChoices(context.db, context.actor), governanceSettings(context.db)]);
  return { ...choices, thresholdText: formatPounds(settings.keyDecisionThresholdPence) };
}

export async function action({ context, request }: ActionFunctionArgs) {
  requirePermission(context, request, "board.manage", ANYWHERE);
  const formData = await request.formData();
  const result = await saveDecisionReport(context.db, context.actor, formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/forward-plan/${result.value.reportId}`);
}

export default function NewDecisionReport() {
  const { boards, localities, thresholdText } = useLoaderData<typeof loader>();
  const form = useFormState({ exceptionRoute: "none" });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link to="/forward-plan" className="govuk-back-link">Forward plan</Link>
        <h1 className="govuk-heading-l">Add a decision report</h1>
        <p className="govuk-body">If the decision is key it goes on the public forward plan today.</p>
        <DecisionReportForm form={form} boards={boards} localities={localities} thresholdText={thresholdText} submit="Save the report" />
      </div>
    </div>
  );
}
