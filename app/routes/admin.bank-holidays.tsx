import { DateInput } from "~/components/govuk/date-input";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { DoneBanner } from "~/components/govuk/done-banner";
import { Button, ErrorSummary, TextInput, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { addBankHoliday, listBankHolidays, removeBankHoliday } from "~/modules/calendar/bank-holidays.server";
import { formatDate } from "~/modules/meetings/format";
import { InlineAction } from "~/components/govuk/inline-action";
import { TableHead } from "~/components/govuk/table-head";

export const handle = { title: "Bank holidays" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "bank_holidays.manage");
  return { holidays: await listBankHolidays(context.db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requirePermission(context, request, "bank_holidays.manage");
  const formData = await request.formData();
  const remove = formData.get("intent") === "remove";
  const result = remove ? await removeBankHoliday(context.db, context.actor, formInput(formData)) : await addBankHoliday(context.db, context.actor, formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, done: remove ? "The bank holiday has been removed" : "The bank holiday has been added" });
}

export default function BankHolidays() {
  const { holidays } = useLoaderData<typeof loader>();
  const form = useFormState();
  return (
    <>
      <ErrorSummary form={form} />
      <DoneBanner />
      <h1 className="govuk-heading-l">Bank holidays</h1>
      <p className="govuk-body">England and Wales bank holidays, one list for the whole council. They do not count towards the five clear working days’ notice of a board meeting or the working days to acknowledge a Right to Challenge expression of interest. Add next year’s when they are announced.</p>
      <h2 className="govuk-heading-m">Add a bank holiday</h2>
      <Form method="post" noValidate>
        <DateInput form={form} name="day" label="Date" hint="For example, 1 1 2029" />
        <TextInput form={form} name="title" label="Name" />
        <Button>Add bank holiday</Button>
      </Form>
      <table className="govuk-table">
        <TableHead caption="Bank holidays" captionSize="m" columns={["Date", "Name"]} action />
        <tbody className="govuk-table__body">
          {holidays.map((h) => (
            <tr className="govuk-table__row" key={h.day}>
              <td className="govuk-table__cell">{formatDate(h.day)}</td>
              <td className="govuk-table__cell">{h.title}</td>
              <td className="govuk-table__cell">
                <InlineAction intent="remove" fields={{ day: h.day }}>
                  Remove<span className="govuk-visually-hidden"> {h.title} {formatDate(h.day)}</span>
                </InlineAction>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
