import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { DoneBanner } from "~/components/govuk/done-banner";
import { Button, ErrorSummary, TextInput, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { governanceSettings, updateGovernanceSettings } from "~/modules/governance/governance.server";

export const handle = { title: "Key decisions and call-in" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "governance.configure");
  return governanceSettings(context.db);
}

export async function action({ context, request }: ActionFunctionArgs) {
  requirePermission(context, request, "governance.configure");
  const formData = await request.formData();
  const result = await updateGovernanceSettings(context.db, context.actor, formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, done: "The settings have been saved" });
}

export default function GovernanceSettings() {
  const s = useLoaderData<typeof loader>();
  const form = useFormState({ keyDecisionThreshold: (s.keyDecisionThresholdPence / 100).toFixed(2), callInMembersRequired: s.callInMembersRequired });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} />
        <DoneBanner />
        <h1 className="govuk-heading-l">Key decisions and call-in</h1>
        <Form method="post" noValidate>
          <TextInput form={form} name="keyDecisionThreshold" label="Key decision threshold (pounds)" hint="A decision that spends or saves more than this is a key decision and must be on the forward plan 28 clear days before it is taken." width="10" inputMode="decimal" />
          <TextInput form={form} name="callInMembersRequired" label="Scrutiny members needed to call in a decision" hint="From 1 to 50. Each member asks separately, with reasons, within 5 working days of the decision." width="3" inputMode="numeric" />
          <Button>Save settings</Button>
        </Form>
      </div>
    </div>
  );
}
