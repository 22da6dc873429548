import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { InsetText } from "~/components/govuk/content";
import { DoneBanner } from "~/components/govuk/done-banner";
import { Button, EMPTY_FORM, ErrorSummary, Radios, Select, Textarea, TextInput, type FormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, rowIdParam } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import type { FormFailure } from "~/lib/result";
import { londonDay } from "~/modules/calendar/days";
import { longDate } from "~/modules/evidence/dates";
import { changePage } from "~/modules/providers/change-pages.server";
import { addExtensionOption, editTerms, extendArrangement, reopenPeriod, terminateArrangement } from "~/modules/providers/changes.server";
import { ChangeHistory } from "~/modules/providers/components/ChangeHistory";
import { formatPounds } from "~/modules/providers/money";
import { monthLabel } from "~/modules/providers/periods";
import { RATING_LABELS } from "~/modules/providers/schema";

export const handle = { title: (d: unknown) => `Change: ${(d as { page?: { arrangement: { title: string } } })?.page?.arrangement.title ?? "contract or grant"}` };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requirePermission(context, request, "contracts.manage", { kind: "anywhere" });
  const page = await changePage(context.db, context.actor, rowIdParam(params.id));
  if (!page) notFound("There is no contract or grant you manage at this address.");
  return { page, today: londonDay(new Date()) };
}

const DONE = {
  terms: "The terms have been changed",
  option: "The extension option has been recorded",
  extend: "The arrangement has been extended",
  end: "The arrangement has been ended early",
  reopen: "The period has been reopened: the provider can correct its return",
} as const;
type Intent = keyof typeof DONE;
const RUN = { terms: editTerms, option: addExtensionOption, extend: extendArrangement, end: terminateArrangement, reopen: reopenPeriod };

export async function action({ context, request, params }: ActionFunctionArgs) {
  requirePermission(context, request, "contracts.manage", { kind: "anywhere" });
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "") as Intent;
  const run = RUN[intent];
  if (!run) return formFailure({ errors: { _form: "Choose what to do" } }, formData);
  // Each form's fields are named <intent>.<field>, so the five forms never share an id.
  const fields = formInput(formData)[intent];
  const result = await run(context.db, context.actor, { ...(fields && typeof fields === "object" ? fields : {}), arrangementId: params.id });
  if (!result.ok) {
    const errors = Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [k === "_form" ? k : `${intent}.${k}`, v]));
    return formFailure({ errors, status: result.status }, formData);
  }
  return data({ ok: true as const, done: DONE[intent] });
}

export default function ChangeArrangement() {
  const { page, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormFailure | { ok: true; done: string } | undefined;
  const failed = result && !result.ok ? result : null;
  const formFor = (intent: Intent, defaults: FormState["values"] = {}): FormState =>
    failed && failed.values.intent === intent ? { errors: failed.errors, values: failed.values } : { ...EMPTY_FORM, values: defaults };
  const a = page.arrangement;
  const unused = page.options.filter((o) => !o.usedOn);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={failed ? { errors: failed.errors, values: failed.values } : EMPTY_FORM} />
        <DoneBanner />
        <a className="govuk-back-link" href={`/contracts/${a.id}`}>{a.title}</a>
        <h1 className="govuk-heading-l">Change: {a.title}</h1>
        <p className="govuk-body">
          Runs from {longDate(a.startsOn)} to {longDate(a.endsOn)}. Every change is recorded in the history at the foot of this page and on the arrangement’s page.
        </p>
        {a.terminatedOn && <InsetText>Ended early on {longDate(a.terminatedOn)}: {a.terminationReason}</InsetText>}

        <h2 className="govuk-heading-m">Terms</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="terms" />
          <TextInput
            form={formFor("terms", { "terms.value": (a.valuePence / 100).toFixed(2) })}
            name="terms.value"
            label="Total value, in pounds"
            hint={`It cannot be less than what is already paid: ${formatPounds(a.paidPence)}`}
            width="10"
            inputMode="decimal"
          />
          <Textarea form={formFor("terms", { "terms.paymentTerms": a.paymentTerms })} name="terms.paymentTerms" label="Payment terms" rows={3} />
          <Textarea form={formFor("terms", { "terms.keyTerms": a.keyTerms })} name="terms.keyTerms" label="Key terms summary for members" rows={4} />
          <Textarea form={formFor("terms")} name="terms.reason" label="Why the terms are changing" rows={2} />
          <Button>Save terms</Button>
        </Form>

        {!a.terminatedOn && (
          <>
            <h2 className="govuk-heading-m">Extension options</h2>
            {page.options.length ? (
              <ul className="govuk-list govuk-list--bullet">
                {page.options.map((o) => (
                  <li key={o.id}>
                    Up to {o.months} months{o.note && o.note !== `${o.months} months` ? ` (${o.note})` : ""}
                    {o.usedOn && o.extendedTo ? `: used on ${longDate(o.usedOn)}, to ${longDate(o.extendedTo)}` : ": not used"}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="govuk-body">No extension options are recorded.</p>
            )}
            {unused.length > 0 && (
              <>
                <h3 className="govuk-heading-s">Extend using an option</h3>
                <Form method="post" noValidate>
                  <input type="hidden" name="intent" value="extend" />
                  <Radios form={formFor("extend", unused.length === 1 ? { "extend.optionId": String(unused[0]!.id) } : {})} name="extend.optionId" label="Option to use" options={unused.map((o) => ({ value: String(o.id), label: `Up to ${o.months} months` }))} />
                  <TextInput form={formFor("extend")} name="extend.endsOn" label="New end date" hint={`After ${longDate(a.endsOn)}, like 2028-03-31`} width="10" />
                  <Textarea form={formFor("extend")} name="extend.reason" label="Why it is being extended (optional)" rows={2} />
                  <Button>Extend</Button>
                </Form>
              </>
            )}
            <h3 className="govuk-heading-s">Record an extension option</h3>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="option" />
              <TextInput form={formFor("option")} name="option.months" label="Extends by up to, in months" width="4" inputMode="numeric" />
              <TextInput form={formFor("option")} name="option.note" label="Note (optional)" />
              <Button secondary>Record option</Button>
            </Form>

            <h2 className="govuk-heading-m">End early</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="end" />
              <TextInput form={formFor("end", { "end.terminatedOn": today })} name="end.terminatedOn" label="Date it ends" hint={`Before ${longDate(a.endsOn)}, like 2027-03-31`} width="10" />
              <Textarea form={formFor("end")} name="end.reason" label="Why it is ending early" rows={3} />
              <Button warning>End early</Button>
            </Form>
          </>
        )}

        <h2 className="govuk-heading-m">Reopen a rated period</h2>
        {page.ratedPeriods.length ? (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="reopen" />
            <Select
              form={formFor("reopen")}
              name="reopen.period"
              label="Period"
              hint="Reopening clears the rating (and any deduction with it) so the provider can correct its return; the rating stays in the history."
              placeholder="Choose a rated month"
              options={page.ratedPeriods.map((r) => ({ value: r.period.slice(0, 7), label: `${monthLabel(r.period)} (${RATING_LABELS[r.rating]})` }))}
            />
            <Textarea form={formFor("reopen")} name="reopen.reason" label="Why it is being reopened" rows={2} />
            <Button secondary>Reopen period</Button>
          </Form>
        ) : (
          <p className="govuk-body">No period has been rated yet.</p>
        )}

        <ChangeHistory entries={page.history} />
      </div>
    </div>
  );
}
