/** Evidence items as a list (library, outcome pages, reviews) and the golden-thread sections. */
import { Tag } from "~/components/govuk/content";
import { periodText } from "../dates";
import { CONFIDENCE_LABELS, EVIDENCE_TYPE_LABELS, STAGE_LABELS } from "../schema";
import type { EvidenceSummary } from "../evidence.server";
import type { ThreadSection } from "../thread.server";

export function EvidenceList({ items, empty = "No evidence yet.", headingLevel = 3 }: { items: EvidenceSummary[]; empty?: string; headingLevel?: 2 | 3 | 4 }) {
  if (!items.length) return <p className="govuk-body">{empty}</p>;
  const Heading = `h${headingLevel}` as "h2" | "h3" | "h4";
  return (
    <ul className="govuk-list moot-evidence-list">
      {items.map((e) => (
        <li key={e.id}>
          <Heading className="govuk-heading-s govuk-!-margin-bottom-1">
            <a className="govuk-link" href={`/evidence/${e.id}`}>
              {e.title}
            </a>
          </Heading>
          <p className="govuk-body-s govuk-!-margin-bottom-1">
            {EVIDENCE_TYPE_LABELS[e.type]} · {e.sourceOrganisation} · {periodText(e.periodStart, e.periodEnd)} · {e.localityName ?? "Council-wide"} · {STAGE_LABELS[e.stage]} · {CONFIDENCE_LABELS[e.confidence]} confidence
            {e.visibility === "internal" && (
              <>
                {" "}
                <Tag colour="orange">Internal</Tag>
              </>
            )}
          </p>
          {e.summary && <p className="govuk-body govuk-!-margin-bottom-0">{e.summary}</p>}
        </li>
      ))}
    </ul>
  );
}

export function ThreadSections({ sections, headingLevel = 3, emptyText }: { sections: ThreadSection[]; headingLevel?: 2 | 3; emptyText: (label: string) => string }) {
  const Heading = `h${headingLevel}` as "h2" | "h3";
  return (
    <>
      {sections.map((s) => (
        <section key={s.kind} aria-label={s.label}>
          <Heading className="govuk-heading-s">{s.label}</Heading>
          {s.items.length ? (
            <ul className="govuk-list">
              {s.items.map((i) => (
                <li key={i.href}>
                  <a className="govuk-link" href={i.href}>
                    {i.title}
                  </a>
                  <br />
                  <span className="govuk-body-s">{i.detail}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">{emptyText(s.label.toLowerCase())}</p>
          )}
        </section>
      ))}
    </>
  );
}
