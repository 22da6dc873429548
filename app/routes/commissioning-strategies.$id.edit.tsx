import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Checkboxes, EMPTY_FORM, ErrorSummary, Select, Textarea, TextInput, type FormState } from "~/components/govuk/form";
import { DoneBanner } from "~/components/govuk/done-banner";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, rowIdParam } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import type { FormFailure } from "~/lib/result";
import { penceAsInput } from "~/modules/commissioning/money";
import { addContribution, getStrategy, saveStrategy, strategyChoices } from "~/modules/commissioning/strategies.server";
import { listLocalities } from "~/modules/localities/localities.server";
import { ANYWHERE } from "~/modules/permissions/permissions";

export const handle = { title: "Change a commissioning strategy" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requirePermission(context, request, "commissioning.manage", ANYWHERE);
  const found = await getStrategy(context.db, context.actor, rowIdParam(params.id));
  if (!found) notFound("There is no commissioning strategy at this address.");
  const [choices, localities] = await Promise.all([strategyChoices(context.db), listLocalities(context.db)]);
  return { ...found, choices, localities };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requirePermission(context, request, "commissioning.manage", ANYWHERE);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const input = { ...formInput(formData), strategyId: params.id };
  const result = intent === "contribution" ? await addContribution(context.db, context.actor, input) : await saveStrategy(context.db, context.actor, input);
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, done: intent === "contribution" ? "The contribution has been added" : "The strategy has been saved" });
}

export default function EditStrategy() {
  const { strategy: s, consultations, evidence, outcomes, contributions, choices, localities } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormFailure | { ok: true; done: string } | undefined;
  const failed = result && !result.ok ? result : null;
  const formFor = (intent: string, defaults: FormState["values"]): FormState => (failed && (failed.values.intent ?? "strategy") === intent ? { errors: failed.errors, values: failed.values } : { ...EMPTY_FORM, values: defaults });
  const form = formFor("strategy", {
    title: s.title,
    area: s.area,
    localityId: s.locality_id ? String(s.locality_id) : "",
    scopeIn: s.scope_in,
    scopeOut: s.scope_out,
    scopeWhy: s.scope_why,
    stakeholders: s.stakeholders,
    startingPosition: s.starting_position,
    interdependencies: s.interdependencies,
    assumptions: s.assumptions,
    budget: penceAsInput(s.budget_pence),
    currentSpend: penceAsInput(s.current_spend_pence),
    consultationIds: consultations.map((c) => String(c.id)),
    evidenceItemIds: evidence.map((e) => String(e.id)),
    outcomeNodeIds: outcomes.map((o) => String(o.id)),
    published: s.published ? ["yes"] : [],
  });
  const contribution = formFor("contribution", {});
  const summary: FormState = failed ? { errors: failed.errors, values: failed.values } : EMPTY_FORM;
  return (
    <>
      <ErrorSummary form={summary} />
      <DoneBanner />
      <a className="govuk-back-link" href={`/commissioning-strategies/${s.id}`}>Back to the strategy</a>
      <h1 className="govuk-heading-l">Change: {s.title}</h1>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="strategy" />
        <TextInput form={form} name="title" label="Title" />
        <TextInput form={form} name="area" label="Function or outcome area" />
        <Select form={form} name="localityId" label="Locality" options={[{ value: "", label: "Council-wide" }, ...localities.map((l) => ({ value: String(l.id), label: l.name }))]} />
        <Textarea form={form} name="scopeIn" label="In scope" rows={3} />
        <Textarea form={form} name="scopeOut" label="Out of scope" rows={3} />
        <Textarea form={form} name="scopeWhy" label="Why this scope" rows={3} />
        <Textarea form={form} name="stakeholders" label="Key stakeholders and how they were engaged" rows={4} />
        <Checkboxes form={form} name="consultationIds" label="Consultations that engaged them" options={choices.consultations.map((c) => ({ value: String(c.id), label: c.title }))} />
        <Checkboxes form={form} name="outcomeNodeIds" label="Outcomes, and the measures chosen to track them" options={choices.nodes.map((n) => ({ value: String(n.id), label: n.kind === "measure" ? `${n.title} (measure)` : n.title }))} />
        <Checkboxes form={form} name="evidenceItemIds" label="Influential documents (evidence)" options={choices.evidence.map((e) => ({ value: String(e.id), label: e.title }))} />
        <Textarea form={form} name="startingPosition" label="Starting position: existing services, contracts and partnerships, their cost, use and satisfaction" rows={5} />
        <Textarea form={form} name="interdependencies" label="Interdependencies with other strategies" rows={3} />
        <Textarea form={form} name="assumptions" label="Assumptions" rows={3} />
        <TextInput form={form} name="budget" label="Budget requirement, in pounds" width="10" inputMode="decimal" />
        <TextInput form={form} name="currentSpend" label="Current spend, in pounds" width="10" inputMode="decimal" />
        <Checkboxes form={form} name="published" label="Publication" options={[{ value: "yes", label: "Publish the strategy (the public can read it)" }]} />
        <Button>Save the strategy</Button>
      </Form>
      <h2 className="govuk-heading-m">What each service area contributes</h2>
      {contributions.length > 0 && <ul className="govuk-list">{contributions.map((c) => <li key={c.id}><strong>{c.service_area}</strong>: {c.contribution}</li>)}</ul>}
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="contribution" />
        <TextInput form={contribution} name="serviceArea" label="Service area" />
        <Textarea form={contribution} name="contribution" label="What it contributes" rows={3} />
        <Button secondary>Add the contribution</Button>
      </Form>
    </>
  );
}
