import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ANYWHERE, can } from "~/modules/permissions/permissions";
import { evidenceLinks } from "~/modules/evidence/links";
import { listLocalities } from "~/modules/localities/localities.server";
import { listFrameworkTrees, type OutcomeTreeNode } from "~/modules/outcomes/outcomes.server";

export const handle = { title: "Outcomes and evidence" };
export const links = evidenceLinks;

export async function loader({ context }: LoaderFunctionArgs) {
  const [frameworks, localities] = await Promise.all([listFrameworkTrees(context.db), listLocalities(context.db)]);
  return {
    frameworks,
    localities,
    canManageEvidence: can(context.actor, "evidence.manage", ANYWHERE),
    canImportIndicators: can(context.actor, "evidence.manage"),
    canManageOutcomes: can(context.actor, "outcomes.manage"),
  };
}

const KIND_LABEL = { outcome: "Outcome", priority: "Priority", measure: "Measure" } as const;

function Tree({ nodes }: { nodes: OutcomeTreeNode[] }) {
  return (
    <ul className="moot-tree govuk-list">
      {nodes.map((n) => (
        <li key={n.id}>
          <span className="govuk-visually-hidden">{KIND_LABEL[n.kind]}: </span>
          <a className="govuk-link" href={`/outcomes/${n.id}`}>
            {n.kind === "outcome" ? <strong>{n.title}</strong> : n.title}
          </a>
          {n.kind === "measure" && <span className="govuk-body-s"> (measure)</span>}
          {n.description && <p className="govuk-body-s govuk-!-margin-bottom-1">{n.description}</p>}
          {n.children.length > 0 && <Tree nodes={n.children} />}
        </li>
      ))}
    </ul>
  );
}

export default function Outcomes() {
  const { frameworks, localities, canManageEvidence, canImportIndicators, canManageOutcomes } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Outcomes and evidence</h1>
      <p className="govuk-body-l">
        The outcomes the council works towards, the measures that show progress, what the evidence says, and the decisions taken for them.
      </p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">Your area at a glance</h2>
          <ul className="govuk-list">
            {localities.map((l) => (
              <li key={l.id}>
                <a className="govuk-link" href={`/outcomes/localities/${l.slug}`}>
                  Outcomes in {l.name}
                </a>
              </li>
            ))}
          </ul>
        </div>
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">Evidence</h2>
          <ul className="govuk-list">
            <li>
              <a className="govuk-link" href="/evidence">Search the evidence library</a>
            </li>
            <li>
              <a className="govuk-link" href="/commissioning-reviews">Commissioning reviews</a>
            </li>
            <li>
              <a className="govuk-link" href="/open-data">Open data: evidence and indicator values</a>
            </li>
            {canManageEvidence && (
              <>
                <li>
                  <a className="govuk-link" href="/evidence/new">Add evidence</a>
                </li>
                {canImportIndicators && (
                  <li>
                    <a className="govuk-link" href="/evidence/import">Import indicator values</a>
                  </li>
                )}
              </>
            )}
            {canManageOutcomes && (
              <li>
                <a className="govuk-link" href="/admin/outcomes">Edit outcome frameworks</a>
              </li>
            )}
          </ul>
        </div>
      </div>
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
