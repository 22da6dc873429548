import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/govuk/breadcrumbs";
import { SummaryList, Tag } from "~/components/govuk/content";
import { notFound } from "~/lib/http.server";
import { ThreadSections } from "~/modules/evidence/components/EvidenceList";
import { periodText } from "~/modules/evidence/dates";
import { getEvidence } from "~/modules/evidence/evidence.server";
import { evidenceLinks } from "~/modules/evidence/links";
import { CONFIDENCE_LABELS, EVIDENCE_TYPE_LABELS, STAGE_LABELS } from "~/modules/evidence/schema";
import { citingThread } from "~/modules/evidence/thread.server";

export const handle = { title: (data: unknown) => (data as { item?: { title: string } })?.item?.title ?? "Evidence" };
export const links = evidenceLinks;

export async function loader({ context, params }: LoaderFunctionArgs) {
  // Internal evidence asked for by someone who may not see it is "not found": its existence is not confirmed.
  const item = await getEvidence(context.db, context.actor, Number(params.id));
  if (!item) notFound("There is no evidence at this address, or it is not published.");
  const citing = await citingThread(context.db, item.id, context.actor);
  return { item, citing };
}

export default function EvidenceItem() {
  const { item, citing } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs items={[{ href: "/outcomes", text: "Outcomes and evidence" }, { href: "/evidence", text: "Evidence library" }]} />
      <span className="govuk-caption-l">{EVIDENCE_TYPE_LABELS[item.type]}</span>
      <h1 className="govuk-heading-l">{item.title}</h1>
      {item.visibility === "internal" && (
        <p className="govuk-body">
          <Tag colour="orange">Internal</Tag> Only council staff and board members can see this.
        </p>
      )}
      {item.summary && <p className="govuk-body-l">{item.summary}</p>}
      <SummaryList
        rows={[
          {
            key: "Source",
            value: (
              <>
                {item.sourceOrganisation}
                <br />
                <a className="govuk-link" href={item.sourceUrl} rel="noreferrer noopener">
                  {item.sourceUrl}
                </a>
              </>
            ),
          },
          { key: "Period", value: periodText(item.periodStart, item.periodEnd) },
          { key: "Area", value: item.localityName ?? "Council-wide" },
          { key: "Commissioning stage", value: STAGE_LABELS[item.stage] },
          { key: "Confidence", value: CONFIDENCE_LABELS[item.confidence] },
          {
            key: "Outcomes",
            value: item.outcomes.length ? (
              <ul className="govuk-list">
                {item.outcomes.map((o) => (
                  <li key={o.id}>
                    <a className="govuk-link" href={`/outcomes/${o.id}`}>
                      {o.title}
                    </a>
                  </li>
                ))}
              </ul>
            ) : (
              "Not tagged to an outcome"
            ),
          },
        ]}
      />
      <h2 className="govuk-heading-m">Where this evidence was used</h2>
      {citing.length ? (
        <ThreadSections sections={citing} emptyText={() => ""} />
      ) : (
        <p className="govuk-body">No consultation, decision, challenge or review cites this evidence yet.</p>
      )}
    </>
  );
}
