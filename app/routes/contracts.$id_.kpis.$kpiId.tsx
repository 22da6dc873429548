import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { DoneBanner } from "~/components/govuk/done-banner";
import { Button, EMPTY_FORM, ErrorSummary, Radios, Textarea, TextInput, type FormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, rowIdParam } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import type { FormFailure } from "~/lib/result";
import { formatValue } from "~/modules/evidence/chart";
import { kpiEditPage } from "~/modules/providers/change-pages.server";
import { editKpi } from "~/modules/providers/changes.server";
import { ChangeHistory } from "~/modules/providers/components/ChangeHistory";
import { FREQUENCY_LABELS } from "~/modules/providers/schema";

export const handle = { title: (d: unknown) => `Change KPI: ${(d as { page?: { kpi: { title: string } } })?.page?.kpi.title ?? "KPI"}` };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requirePermission(context, request, "contracts.manage", { kind: "anywhere" });
  const page = await kpiEditPage(context.db, context.actor, rowIdParam(params.id), rowIdParam(params.kpiId));
  if (!page) notFound("There is no KPI you manage at this address.");
  return { page };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requirePermission(context, request, "contracts.manage", { kind: "anywhere" });
  const formData = await request.formData();
  const result = await editKpi(context.db, context.actor, { ...formInput(formData), arrangementId: params.id, kpiId: params.kpiId });
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, done: "The KPI has been changed" });
}

export default function ChangeKpi() {
  const { page } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormFailure | { ok: true; done: string } | undefined;
  const failed = result && !result.ok ? result : null;
  const k = page.kpi;
  const form: FormState = failed ? { errors: failed.errors, values: failed.values } : { ...EMPTY_FORM, values: { target: String(k.target), frequency: k.frequency, deductionRule: k.deductionRule } };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={failed ? form : EMPTY_FORM} />
        <DoneBanner />
        <a className="govuk-back-link" href={`/contracts/${page.arrangement.id}`}>{page.arrangement.title}</a>
        <span className="govuk-caption-l">{page.arrangement.title}</span>
        <h1 className="govuk-heading-l">Change KPI {k.id}: {k.title}</h1>
        <p className="govuk-body">
          Measured in {k.unit}, between {formatValue(k.minValue)} and {formatValue(k.maxValue)}. Returns already sent keep the target that applied when they were sent: a new target counts from the next return.
        </p>
        <Form method="post" noValidate>
          <TextInput form={form} name="target" label={`Target (${k.unit})`} width="10" inputMode="decimal" />
          <Radios form={form} name="frequency" label="How often it is reported" inline options={Object.entries(FREQUENCY_LABELS).map(([value, label]) => ({ value, label }))} />
          <TextInput form={form} name="deductionRule" label="Deduction rule (optional)" />
          <Textarea form={form} name="reason" label="Why the KPI is changing" rows={2} />
          <Button>Save KPI</Button>
        </Form>
        <ChangeHistory entries={page.history} caption="Changes to this KPI" />
      </div>
    </div>
  );
}
