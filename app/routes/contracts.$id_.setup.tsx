import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { DoneBanner } from "~/components/govuk/done-banner";
import { Button, EMPTY_FORM, ErrorSummary, Radios, Select, Textarea, TextInput, type FormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, rowIdParam } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import type { FormFailure } from "~/lib/result";
import { saveContingencyPlan, saveExitPlan } from "~/modules/providers/management.server";
import { setupChoices } from "~/modules/providers/page.server";
import { addKpi, addSocialValue } from "~/modules/providers/providers.server";
import { FREQUENCY_LABELS, THEME_LABELS } from "~/modules/providers/schema";

export const handle = { title: (d: unknown) => `Set up: ${(d as { setup?: { arrangement: { title: string } } })?.setup?.arrangement.title ?? "contract or grant"}` };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requirePermission(context, request, "contracts.manage", { kind: "anywhere" });
  const setup = await setupChoices(context.db, context.actor, rowIdParam(params.id));
  if (!setup) notFound("There is no contract or grant you manage at this address.");
  return { setup };
}

const DONE = { kpi: "The KPI has been added", social: "The social value commitment has been added", exit: "The exit plan has been saved", contingency: "The contingency plan has been saved" } as const;
type Intent = keyof typeof DONE;

export async function action({ context, request, params }: ActionFunctionArgs) {
  requirePermission(context, request, "contracts.manage", { kind: "anywhere" });
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "") as Intent;
  const input = formInput(formData);
  const arrangementId = params.id;
  // The social value form's fields are named sv.* so they do not share ids with the KPI form's.
  const sv = (input.sv && typeof input.sv === "object" ? input.sv : {}) as Record<string, unknown>;
  const result =
    intent === "kpi" ? await addKpi(context.db, context.actor, { ...input, arrangementId })
    : intent === "social" ? await addSocialValue(context.db, context.actor, { ...sv, arrangementId })
    : intent === "exit" ? await saveExitPlan(context.db, context.actor, { ...input, arrangementId })
    : intent === "contingency" ? await saveContingencyPlan(context.db, context.actor, { ...input, arrangementId })
    : null;
  if (!result) return formFailure({ errors: { _form: "Choose what to do" } }, formData);
  if (!result.ok) {
    const errors = intent === "social" ? Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [k === "_form" ? k : `sv.${k}`, v])) : result.errors;
    return formFailure({ errors, status: result.status }, formData);
  }
  return data({ ok: true as const, done: DONE[intent] });
}

export default function Setup() {
  const { setup } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormFailure | { ok: true; done: string } | undefined;
  const failed = result && !result.ok ? result : null;
  const formFor = (intent: Intent, defaults: FormState["values"] = {}): FormState =>
    failed && failed.values.intent === intent ? { errors: failed.errors, values: failed.values } : { ...EMPTY_FORM, values: defaults };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={failed ? { errors: failed.errors, values: failed.values } : EMPTY_FORM} />
        <DoneBanner />
        <a className="govuk-back-link" href={`/contracts/${setup.arrangement.id}`}>{setup.arrangement.title}</a>
        <h1 className="govuk-heading-l">Set up: {setup.arrangement.title}</h1>

        <h2 className="govuk-heading-m">Add a KPI</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="kpi" />
          <TextInput form={formFor("kpi")} name="title" label="KPI" />
          <Select form={formFor("kpi")} name="measureNodeId" label="Outcome measure it counts towards (optional)" placeholder="None: defined below" options={setup.measures.map((m) => ({ value: String(m.id), label: m.label }))} />
          <Textarea form={formFor("kpi")} name="definition" label="Definition" hint="Needed when the KPI is not an outcome measure" rows={2} />
          <TextInput form={formFor("kpi")} name="unit" label="Unit" hint="Like %, people or hours" width="10" />
          <Radios form={formFor("kpi", { polarity: "higher_is_better" })} name="polarity" label="Which way is better" inline options={[{ value: "higher_is_better", label: "Higher" }, { value: "lower_is_better", label: "Lower" }]} />
          <TextInput form={formFor("kpi")} name="target" label="Target" width="10" inputMode="decimal" />
          <TextInput form={formFor("kpi", { minValue: "0" })} name="minValue" label="Lowest possible value" hint="Values outside the range are refused in returns" width="10" inputMode="decimal" />
          <TextInput form={formFor("kpi", { maxValue: "100" })} name="maxValue" label="Highest possible value" width="10" inputMode="decimal" />
          <Radios form={formFor("kpi", { frequency: "monthly" })} name="frequency" label="How often it is reported" inline options={Object.entries(FREQUENCY_LABELS).map(([value, label]) => ({ value, label }))} />
          <TextInput form={formFor("kpi")} name="deductionRule" label="Deduction rule (optional)" />
          <Button>Add KPI</Button>
        </Form>

        <h2 className="govuk-heading-m">Add a social value commitment</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="social" />
          <Radios form={formFor("social")} name="sv.theme" label="Theme" options={Object.entries(THEME_LABELS).map(([value, label]) => ({ value, label }))} />
          <TextInput form={formFor("social")} name="sv.outcome" label="Outcome" />
          <TextInput form={formFor("social")} name="sv.measure" label="Measure" />
          <TextInput form={formFor("social")} name="sv.unit" label="Unit" width="10" />
          <TextInput form={formFor("social")} name="sv.target" label="Target over the term" width="10" inputMode="decimal" />
          <Button secondary>Add commitment</Button>
        </Form>

        <h2 className="govuk-heading-m">Exit plan (decommissioning)</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="exit" />
          <Textarea form={formFor("exit")} name="peopleAffected" label="People affected" rows={2} />
          <Textarea form={formFor("exit")} name="transition" label="Transition" rows={2} />
          <Textarea form={formFor("exit")} name="communication" label="How people will be told" rows={2} />
          <TextInput form={formFor("exit")} name="exitOn" label="Exit date" hint="Like 2027-10-31" width="10" />
          <Select form={formFor("exit")} name="equalityAssessmentId" label="Equality impact assessment" placeholder="Choose from the evidence library" options={setup.eias.map((e) => ({ value: String(e.id), label: e.title }))} />
          <TextInput form={formFor("exit")} name="evaluationDueOn" label="Post-exit impact evaluation due" hint="Like 2028-04-30" width="10" />
          <Button secondary>Save exit plan</Button>
        </Form>

        <h2 className="govuk-heading-m">Contingency plan for provider failure</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="contingency" />
          <Textarea form={formFor("contingency")} name="failureSigns" label="Signs of provider failure" rows={2} />
          <Textarea form={formFor("contingency")} name="immediateActions" label="Immediate actions" rows={2} />
          <Textarea form={formFor("contingency")} name="fallback" label="Fallback arrangement" rows={2} />
          <Button secondary>Save contingency plan</Button>
        </Form>
      </div>
    </div>
  );
}
