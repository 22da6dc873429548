import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listFrameworkTrees, type OutcomeTreeNode } from "~/modules/outcomes/outcomes.server";

export const handle = { title: "Outcomes and evidence" };

export async function loader({ context }: LoaderFunctionArgs) {
  return { frameworks: await listFrameworkTrees(context.db) };
}

const KIND_LABEL = { outcome: "Outcome", priority: "Priority", measure: "Measure" } as const;

function Tree({ nodes }: { nodes: OutcomeTreeNode[] }) {
  return (
    <ul className="moot-tree govuk-list">
      {nodes.map((n) => (
        <li key={n.id}>
          <span className="govuk-visually-hidden">{KIND_LABEL[n.kind]}: </span>
          {n.kind === "outcome" ? <strong>{n.title}</strong> : n.title}
          {n.kind === "measure" && <span className="govuk-body-s"> (measure)</span>}
          {n.description && <p className="govuk-body-s govuk-!-margin-bottom-1">{n.description}</p>}
          {n.children.length > 0 && <Tree nodes={n.children} />}
        </li>
      ))}
    </ul>
  );
}

export default function Outcomes() {
  const { frameworks } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Outcomes and evidence</h1>
      <p className="govuk-body-l">
        The outcomes the council works towards, the priorities under each, and the measures that show progress. Evidence, consultations and decisions will be linked to them here.
      </p>
      {frameworks.map((f) => (
        <section key={f.id} className="govuk-!-margin-bottom-8" aria-labelledby={`framework-${f.slug}`}>
          <h2 className="govuk-heading-m" id={`framework-${f.slug}`}>
            {f.name}
          </h2>
          <p className="govuk-body">{f.description}</p>
          <Tree nodes={f.outcomes} />
          <p className="govuk-body-s">{f.source}</p>
        </section>
      ))}
    </>
  );
}
