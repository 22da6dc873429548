/** How an expression of interest reads on a page: status tags, the answers, history and notice. */
import type { ReactNode } from "react";
import { SummaryList, Tag } from "~/components/govuk/content";
import type { EvidenceSummary } from "~/modules/evidence/evidence.server";
import { EvidenceList } from "~/modules/evidence/components/EvidenceList";
import { PARTNER_ROLE_LABELS, SECTION_TITLES, type EoiSection } from "../schema";
import { REJECTION_GROUNDS, STATUS_LABELS, type EoiStatus, type RejectionGround } from "../transitions";
import { londonDay } from "../deadlines";

const COLOURS: Partial<Record<EoiStatus, "grey" | "green" | "blue" | "red" | "yellow" | "purple" | "orange">> = {
  draft: "grey",
  submitted: "blue",
  accepted: "green",
  accepted_with_modification: "green",
  rejected: "red",
  withdrawn: "grey",
  closed: "grey",
  modification_proposed: "yellow",
};

export function StatusTag({ status }: { status: EoiStatus }) {
  return <Tag colour={COLOURS[status] ?? "purple"}>{STATUS_LABELS[status]}</Tag>;
}

const CONFIDENTIAL = <p className="govuk-body govuk-!-margin-bottom-0"><strong>Commercially confidential</strong> – not published</p>;

function Para({ text }: { text: string | null }) {
  if (text === null) return CONFIDENTIAL;
  if (!text) return <span className="govuk-hint govuk-!-margin-bottom-0">Not answered yet</span>;
  return <>{text.split(/\n+/).map((p, i) => <p className="govuk-body govuk-!-margin-bottom-1" key={i}>{p}</p>)}</>;
}

/** Answers shaped like the full or the public view; `null` text means withheld as confidential. */
export interface AnswersView {
  serviceName: string | null;
  title: string;
  areaDescription: string;
  localities: { name: string }[];
  finances: string | null;
  financesConfidential: boolean;
  partners: { partnerId: number; name: string; role: "consortium_member" | "subcontractor"; finances: string | null; confidential: boolean }[];
  capability: string | null;
  capabilityConfidential: boolean;
  outcomes: string | null;
  wellbeing: string | null;
  usersNeeds: string | null;
  outcomeNodes: { title: string }[];
  outcomesConfidential: boolean;
  employeeEngagement: string | null;
  employeeEngagementConfidential: boolean;
}

const mark = (confidential: boolean, node: ReactNode) => (
  <>
    {node}
    {confidential && <p className="govuk-body-s govuk-!-margin-bottom-0">Marked commercially confidential: not published.</p>}
  </>
);

/** The answers, one summary card per page of the form; `changeHref` adds Change links (check your answers). */
export function EoiAnswers({ eoi, sections, changeHref }: { eoi: AnswersView; sections: EoiSection[]; changeHref?: (s: EoiSection) => string }) {
  const change = (s: EoiSection, what: string) =>
    changeHref ? <a className="govuk-link" href={changeHref(s)}>Change<span className="govuk-visually-hidden"> {what}</span></a> : undefined;
  const rows: Record<EoiSection, { key: ReactNode; value: ReactNode; action?: ReactNode }[]> = {
    service: [
      { key: "Service", value: eoi.serviceName ?? <span className="govuk-hint">Not answered yet</span>, action: change("service", "service") },
      { key: "Title", value: eoi.title || <span className="govuk-hint">Not answered yet</span>, action: change("service", "title") },
      { key: "Geographical area", value: <Para text={eoi.areaDescription} />, action: change("service", "geographical area") },
      { key: "Localities", value: eoi.localities.map((l) => l.name).join(", ") || <span className="govuk-hint">None selected</span>, action: change("service", "localities") },
    ],
    finances: [
      { key: "The group's financial resources", value: mark(eoi.financesConfidential, <Para text={eoi.finances} />), action: change("finances", "the group's financial resources") },
      ...eoi.partners.map((p) => ({
        key: `${p.name} (${PARTNER_ROLE_LABELS[p.role].toLowerCase()})`,
        value: mark(p.confidential, <Para text={p.finances} />),
        action: change("finances", `financial resources of ${p.name}`),
      })),
    ],
    capability: [{ key: "Evidence of capability", value: mark(eoi.capabilityConfidential, <Para text={eoi.capability} />), action: change("capability", "evidence of capability") }],
    outcomes: [
      { key: "Outcomes", value: mark(eoi.outcomesConfidential, <Para text={eoi.outcomes} />), action: change("outcomes", "outcomes") },
      { key: "Social, economic and environmental well-being", value: <Para text={eoi.wellbeing} />, action: change("outcomes", "well-being") },
      { key: "Service users' needs", value: <Para text={eoi.usersNeeds} />, action: change("outcomes", "service users' needs") },
      { key: "Outcomes served", value: eoi.outcomeNodes.map((o) => o.title).join(", ") || <span className="govuk-hint">None selected</span>, action: change("outcomes", "outcomes served") },
    ],
    engagement: [{ key: "Engaging other affected employees", value: mark(eoi.employeeEngagementConfidential, <Para text={eoi.employeeEngagement} />), action: change("engagement", "employee engagement") }],
  };
  return (
    <>
      {sections.map((s) => (
        <section key={s} id={s}>
          <h2 className="govuk-heading-m">{SECTION_TITLES[s]}</h2>
          <SummaryList rows={rows[s]} />
        </section>
      ))}
    </>
  );
}

export function DecisionNotice({ notice }: { notice: { decision: EoiStatus; reasons: string; grounds: { ground: string; reason: string }[]; modification: string; issued_at: string | Date } }) {
  return (
    <section className="govuk-!-margin-bottom-6" aria-labelledby="decision-notice">
      <h2 className="govuk-heading-m" id="decision-notice">Decision notice</h2>
      <SummaryList
        rows={[
          { key: "Decision", value: STATUS_LABELS[notice.decision] },
          { key: "Issued", value: londonDay(new Date(notice.issued_at)) },
          { key: "Reasons", value: <Para text={notice.reasons} /> },
          ...(notice.grounds.length
            ? [{ key: "Statutory grounds", value: <ul className="govuk-list govuk-list--bullet">{notice.grounds.map((g) => <li key={g.ground}>{REJECTION_GROUNDS[g.ground as RejectionGround] ?? g.reason}</li>)}</ul> }]
            : []),
          ...(notice.modification ? [{ key: "Modification", value: <Para text={notice.modification} /> }] : []),
        ]}
      />
    </section>
  );
}

/** A GOV.UK table: a caption, column headings and rows of cells. */
export function DataTable({ caption, headings, rows }: { caption: ReactNode; headings: ReactNode[]; rows: { key: string | number; cells: ReactNode[] }[] }) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {headings.map((h, i) => <th scope="col" className="govuk-table__header" key={i}>{h}</th>)}
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((r) => (
          <tr className="govuk-table__row" key={r.key}>
            {r.cells.map((c, i) => <td className="govuk-table__cell" key={i}>{c}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function History({ events }: { events: { id: number; from_status: EoiStatus | null; to_status: EoiStatus; at: string | Date; reason?: string; actor_name?: string | null }[] }) {
  const detailed = events.some((e) => e.reason !== undefined);
  return (
    <DataTable
      caption="History"
      headings={detailed ? ["When", "Change", "By", "Reason"] : ["When", "Change"]}
      rows={events.map((e) => {
        const change = e.from_status === e.to_status ? `${STATUS_LABELS[e.to_status]} (status unchanged)` : `${e.from_status ? `${STATUS_LABELS[e.from_status]} → ` : ""}${STATUS_LABELS[e.to_status]}`;
        const cells: ReactNode[] = [londonDay(new Date(e.at)), change];
        if (detailed) cells.push(e.actor_name ?? "", e.reason);
        return { key: e.id, cells };
      })}
    />
  );
}

/** The evidence and outcomes the council recorded as considered (already filtered for the viewer). */
export function EvidenceConsidered({ considered, empty }: { considered: { evidence: EvidenceSummary[]; outcomes: { id: number; title: string }[] }; empty: string }) {
  return (
    <section className="govuk-!-margin-bottom-6" aria-labelledby="evidence-considered">
      <h2 className="govuk-heading-m" id="evidence-considered">Evidence considered</h2>
      <EvidenceList items={considered.evidence} empty={empty} />
      {considered.outcomes.length > 0 && (
        <>
          <h3 className="govuk-heading-s">Outcomes the council linked</h3>
          <ul className="govuk-list govuk-list--bullet">
            {considered.outcomes.map((o) => (
              <li key={o.id}><a className="govuk-link" href={`/outcomes/${o.id}`}>{o.title}</a></li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
