import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { InsetText, Tag } from "~/components/govuk/content";
import { Button, EMPTY_FORM, ErrorSummary, Radios, Textarea, TextInput, type FormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, rowIdParam } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import type { FormFailure } from "~/lib/result";
import { addNode, deleteNode, editNode, nodeForEditing, retireNode, setMeasure } from "~/modules/outcomes/framework.server";
import { POLARITY_LABELS } from "~/modules/outcomes/schema";
import { DoneBanner } from "~/components/govuk/done-banner";

export const handle = { title: (d: unknown) => `Edit ${(d as { node?: { title: string } })?.node?.title ?? "outcome"}` };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requirePermission(context, request, "outcomes.manage");
  const node = await nodeForEditing(context.db, rowIdParam(params.nodeId));
  if (!node) notFound("There is no outcome, priority or measure at this address.");
  return { node };
}

type Intent = "rename" | "measure" | "add" | "retire" | "reinstate" | "delete";
const DONE: Record<Intent, string> = {
  rename: "The title and description have been saved",
  measure: "The measure has been saved",
  add: "It has been added",
  retire: "It has been retired, with everything under it",
  reinstate: "It has been reinstated",
  delete: "",
};

export async function action({ context, request, params }: ActionFunctionArgs) {
  requirePermission(context, request, "outcomes.manage");
  const formData = await request.formData();
  const intent = formData.get("intent") as Intent;
  const input: Record<string, unknown> = { ...formInput(formData), nodeId: params.nodeId };
  const { db, actor } = context;
  if (intent === "add") {
    const result = await addNode(db, actor, { frameworkId: input.frameworkId, parentId: params.nodeId, title: input.childTitle });
    if (!result.ok) return formFailure({ ...result, errors: Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [k === "title" ? "childTitle" : k, v])) }, formData);
    return redirect(`/admin/outcomes/${result.value.nodeId}`);
  }
  const result =
    intent === "rename" ? await editNode(db, actor, input)
    : intent === "measure" ? await setMeasure(db, actor, input)
    : intent === "retire" ? await retireNode(db, actor, input)
    : intent === "reinstate" ? await retireNode(db, actor, input, { reinstate: true })
    : await deleteNode(db, actor, input);
  if (!result.ok) return formFailure(result, formData);
  if (intent === "delete") return redirect("/admin/outcomes");
  return data({ ok: true as const, done: DONE[intent] });
}

export default function EditNode() {
  const { node } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormFailure | { ok: true; done: string } | undefined;
  const failed = result && !result.ok ? result : null;
  const formFor = (intent: Intent, defaults: FormState["values"]): FormState =>
    failed && failed.values.intent === intent ? { errors: failed.errors, values: failed.values } : { ...EMPTY_FORM, values: defaults };
  const rename = formFor("rename", { title: node.title, description: node.description });
  const measure = formFor("measure", { unit: node.unit ?? "", polarity: node.polarity ?? "", baseline: node.baseline?.toString() ?? "", target: node.target?.toString() ?? "" });
  const add = formFor("add", {});
  const summary: FormState = failed ? { errors: failed.errors, values: failed.values } : EMPTY_FORM;
  const childKind = node.kind === "outcome" ? "priority" : "measure";
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={summary} />
        <DoneBanner />
        <a className="govuk-back-link" href="/admin/outcomes">Back to outcome frameworks</a>
        <span className="govuk-caption-l">
          {node.framework_name} · {node.kind}
        </span>
        <h1 className="govuk-heading-l">
          {node.title} {node.retired && <Tag colour="grey">Retired</Tag>}
        </h1>
        <p className="govuk-body">
          <a className="govuk-link" href={`/outcomes/${node.id}`}>See its public page</a>
        </p>

        <h2 className="govuk-heading-m">Title and description</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="rename" />
          <TextInput form={rename} name="title" label="Title" />
          <Textarea form={rename} name="description" label="Description (optional)" rows={3} />
          <Button>Save title and description</Button>
        </Form>

        {node.kind === "measure" && (
          <>
            <h2 className="govuk-heading-m">Measure</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="measure" />
              <TextInput form={measure} name="unit" label="Unit" hint="For example %, £, years or people." width="10" />
              <Radios form={measure} name="polarity" label="Which direction is better?" inline options={Object.entries(POLARITY_LABELS).map(([value, label]) => ({ value, label }))} />
              <TextInput form={measure} name="baseline" label="Baseline (optional)" width="10" inputMode="decimal" />
              <TextInput form={measure} name="target" label="Target (optional)" width="10" inputMode="decimal" />
              <Button>Save measure</Button>
            </Form>
          </>
        )}

        {node.kind !== "measure" && !node.retired && (
          <>
            <h2 className="govuk-heading-m">Add a {childKind} under it</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="add" />
              <input type="hidden" name="frameworkId" value={node.framework_id} />
              <TextInput form={add} name="childTitle" label={`Title of the new ${childKind}`} />
              <Button secondary>Add {childKind}</Button>
            </Form>
          </>
        )}

        <h2 className="govuk-heading-m">Retire or delete</h2>
        {node.uses.length > 0 ? (
          <InsetText>In use: {node.uses.join(", ")}. It can be retired but not deleted.</InsetText>
        ) : (
          <p className="govuk-body">Nothing uses it yet, so it can be deleted if it has nothing under it.</p>
        )}
        <Form method="post" className="govuk-button-group">
          {node.retired ? (
            <Button secondary name="intent" value="reinstate">
              Reinstate
            </Button>
          ) : (
            <Button secondary name="intent" value="retire">
              Retire
            </Button>
          )}
          <Button warning name="intent" value="delete">
            Delete
          </Button>
        </Form>
      </div>
    </div>
  );
}
