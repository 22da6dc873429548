import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { DoneBanner } from "~/components/govuk/done-banner";
import { Button, ErrorSummary, TextInput, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { loadClock, updateClockSettings } from "~/modules/challenges/challenges.server";

export const handle = { title: "Right to Challenge clock settings" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "challenge.configure");
  const clock = await loadClock(context.db);
  return { settings: clock.settings, holidayCount: clock.holidays.size };
}

export async function action({ context, request }: ActionFunctionArgs) {
  requirePermission(context, request, "challenge.configure");
  const formData = await request.formData();
  const result = await updateClockSettings(context.db, context.actor, formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, done: "The settings have been saved" });
}

export default function ClockSettings() {
  const { settings, holidayCount } = useLoaderData<typeof loader>();
  const form = useFormState({ acknowledgeWorkingDays: settings.acknowledgeWorkingDays, warnDaysBeforeLapse: settings.warnDaysBeforeLapse });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} />
        <DoneBanner />
        <h1 className="govuk-heading-l">Right to Challenge clock settings</h1>
        <Form method="post" noValidate>
          <TextInput form={form} name="acknowledgeWorkingDays" label="Working days to acknowledge an expression of interest" width="3" inputMode="numeric" />
          <TextInput form={form} name="warnDaysBeforeLapse" label="Days before a procurement window lapses to warn officers" width="3" inputMode="numeric" />
          <p className="govuk-body">The group is always told the decision date within 30 days of receipt (the regulations' limit).</p>
          <Button>Save settings</Button>
        </Form>
        <h2 className="govuk-heading-m">Bank holidays</h2>
        <p className="govuk-body">
          Working days skip weekends and the council's bank holidays ({holidayCount} recorded). The same list is used for the five clear working days' notice of a
          board meeting. <a className="govuk-link" href="/admin/bank-holidays">Add or remove bank holidays</a>.
        </p>
      </div>
    </div>
  );
}
