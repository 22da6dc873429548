import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Tag } from "~/components/govuk/content";
import { Button, EMPTY_FORM, ErrorSummary, Select, TextInput, type FormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import type { FormFailure } from "~/lib/result";
import { addNode, moveNode } from "~/modules/outcomes/framework.server";
import { listFrameworkTrees, type OutcomeTreeNode } from "~/modules/outcomes/outcomes.server";
import { DoneBanner } from "~/components/govuk/done-banner";

export const handle = { title: "Edit outcome frameworks" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "outcomes.manage");
  return { frameworks: await listFrameworkTrees(context.db, { includeRetired: true }) };
}

export async function action({ context, request }: ActionFunctionArgs) {
  requirePermission(context, request, "outcomes.manage");
  const formData = await request.formData();
  const input = formInput(formData);
  const result = formData.get("intent") === "move" ? await moveNode(context.db, context.actor, input) : await addNode(context.db, context.actor, input);
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, done: formData.get("intent") === "move" ? "The order has been changed" : "The outcome has been added" });
}

function MoveButton({ node, direction }: { node: OutcomeTreeNode; direction: "up" | "down" }) {
  return (
    <Form method="post" className="moot-inline-form">
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="nodeId" value={node.id} />
      <input type="hidden" name="direction" value={direction} />
      <button type="submit" className="moot-link-button govuk-!-font-size-16">
        Move {direction}
        <span className="govuk-visually-hidden">: {node.title}</span>
      </button>
    </Form>
  );
}

function Tree({ nodes }: { nodes: OutcomeTreeNode[] }) {
  return (
    <ul className="moot-tree govuk-list">
      {nodes.map((n, i) => (
        <li key={n.id}>
          <a className="govuk-link" href={`/admin/outcomes/${n.id}`}>
            {n.title}
            <span className="govuk-visually-hidden"> (edit)</span>
          </a>{" "}
          <span className="govuk-body-s">{n.kind}</span> {n.retired && <Tag colour="grey">Retired</Tag>}{" "}
          {i > 0 && <MoveButton node={n} direction="up" />} {i < nodes.length - 1 && <MoveButton node={n} direction="down" />}
          {n.children.length > 0 && <Tree nodes={n.children} />}
        </li>
      ))}
    </ul>
  );
}

export default function EditFrameworks() {
  const { frameworks } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormFailure | { ok: true; done: string } | undefined;
  const form: FormState = result && !result.ok ? { errors: result.errors, values: result.values } : EMPTY_FORM;
  return (
    <>
      <ErrorSummary form={form} />
      <DoneBanner />
      <h1 className="govuk-heading-l">Edit outcome frameworks</h1>
      <p className="govuk-body">
        Choose an outcome, priority or measure to rename it, set a measure’s unit, polarity, baseline and target, add something under it, or retire it. Anything tagged by evidence or linked to a decision is retired rather than deleted, so the record stays complete.
      </p>
      {frameworks.map((f) => (
        <section key={f.id} aria-labelledby={`framework-${f.id}`} className="govuk-!-margin-bottom-8">
          <h2 className="govuk-heading-m" id={`framework-${f.id}`}>
            {f.name}
          </h2>
          <Tree nodes={f.outcomes} />
        </section>
      ))}
      <h2 className="govuk-heading-m">Add an outcome</h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="add" />
        <Select form={form} name="frameworkId" label="Framework" options={frameworks.map((f) => ({ value: String(f.id), label: f.name }))} />
        <TextInput form={form} name="title" label="Title of the new outcome" />
        <Button secondary>Add outcome</Button>
      </Form>
    </>
  );
}
