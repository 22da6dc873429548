import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { NotificationBanner } from "~/components/govuk/content";
import { DateInput } from "~/components/govuk/date-input";
import { Button, ErrorSummary, TextInput, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, requirePermission } from "~/lib/http.server";
import { addBankHoliday, listBankHolidays, loadClock, updateClockSettings } from "~/modules/challenges/challenges.server";
import { DataTable } from "~/modules/challenges/components/EoiParts";

export const handle = { title: "Right to Challenge clock settings" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "challenge.configure");
  const [clock, holidays] = await Promise.all([loadClock(context.db), listBankHolidays(context.db)]);
  return { settings: clock.settings, holidays };
}

export async function action({ context, request }: ActionFunctionArgs) {
  requirePermission(context, request, "challenge.configure");
  const formData = await request.formData();
  const holiday = formData.get("intent") === "holiday";
  const result = holiday ? await addBankHoliday(context.db, context.actor, formInput(formData)) : await updateClockSettings(context.db, context.actor, formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, done: holiday ? "The bank holiday has been added" : "The settings have been saved" });
}

export default function ClockSettings() {
  const { settings, holidays } = useLoaderData<typeof loader>();
  const form = useFormState({ acknowledgeWorkingDays: settings.acknowledgeWorkingDays, warnDaysBeforeLapse: settings.warnDaysBeforeLapse });
  const done = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} />
        {done && "done" in done && (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">{done.done}</p>
          </NotificationBanner>
        )}
        <h1 className="govuk-heading-l">Right to Challenge clock settings</h1>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="settings" />
          <TextInput form={form} name="acknowledgeWorkingDays" label="Working days to acknowledge an expression of interest" width="3" inputMode="numeric" />
          <TextInput form={form} name="warnDaysBeforeLapse" label="Days before a procurement window lapses to warn officers" width="3" inputMode="numeric" />
          <p className="govuk-body">The group is always told the decision date within 30 days of receipt (the regulations' limit).</p>
          <Button>Save settings</Button>
        </Form>
        <h2 className="govuk-heading-m">Add a bank holiday</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="holiday" />
          <DateInput form={form} name="day" label="Date" hint="For example, 1 1 2029." />
          <TextInput form={form} name="title" label="Name" />
          <Button secondary>Add bank holiday</Button>
        </Form>
        <DataTable caption="England and Wales bank holidays used for working days" headings={["Date", "Holiday"]} rows={holidays.map((h) => ({ key: h.day, cells: [h.day, h.title] }))} />
      </div>
    </div>
  );
}
