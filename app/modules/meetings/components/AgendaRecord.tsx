/** The agenda with what happened on each item: public page and console share it. */
import type { VoteChoice } from "../../../../db/tables/boards";
import { Tag } from "../../../components/govuk/content";
import { CHOICE_LABELS } from "../format";
import { AGENDA_ITEM_LABELS, SCHEDULE_12A } from "../schema";
import type { AgendaItemKind, InterestKind, MotionStatus } from "../../../../db/tables/boards";
import { TableHead } from "~/components/govuk/table-head";
import { describeFile } from "~/lib/file-label";

export interface RecordItem {
  id: number;
  position: number;
  kind: AgendaItemKind;
  title: string;
  summary: string;
  recommendation: string;
  exemptParagraph: number | null;
  publicInterestReason: string | null;
  declarations: { name: string; kind: InterestKind; description: string; leaves: boolean }[];
  motions: { id: number; text: string; proposer: string; seconder: string; status: MotionStatus; amends_motion_id: number | null; votes_for: number | null; votes_against: number | null; abstentions: number | null; casting_vote: VoteChoice | null; votes: { name: string; choice: VoteChoice }[] }[];
  decisions: { id: number; text: string; reasons: string; outcomes: { id: number; title: string }[] }[];
}

const STATUS_COLOUR: Record<MotionStatus, "green" | "red" | "blue" | "grey" | "yellow"> = { proposed: "blue", voting: "yellow", carried: "green", lost: "red", withdrawn: "grey" };

export interface ShownQuestion {
  id: number;
  question: string;
  answer: string | null;
  display_name: string;
}

/** Evidence cited by items and decisions, keyed "item:ID" and "decision:ID". */
export type CitedEvidence = Record<string, { id: number; title: string }[]>;

function EvidenceLinks({ evidence }: { evidence?: { id: number; title: string }[] }) {
  if (!evidence?.length) return null;
  return (
    <p className="govuk-body-s govuk-!-margin-bottom-1" data-testid="cited-evidence">
      Evidence:{" "}
      {evidence.map((e, i) => (
        <span key={e.id}>
          {i > 0 && "; "}
          <a className="govuk-link" href={`/evidence/${e.id}`}>{e.title}</a>
        </span>
      ))}
    </p>
  );
}

export function AgendaRecord({ items, currentItemId, papers = [], questions = [], cited = {}, decisionLinks = true, withdrawn = [] }: { items: RecordItem[]; currentItemId?: number | null; papers?: { id: number; title: string; agenda_item_id: number; media_type?: string; size_bytes?: number }[]; questions?: ShownQuestion[]; cited?: CitedEvidence; decisionLinks?: boolean; withdrawn?: { itemId: number; supplement: number | null }[] }) {
  return (
    <ol className="govuk-list">
      {items.map((item) => (
        <li key={item.id} className="govuk-!-margin-bottom-6" aria-current={item.id === currentItemId ? "step" : undefined}>
          <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
            {item.position}. {item.title} {item.id === currentItemId && <Tag colour="yellow">Now</Tag>}
            {withdrawn.some((w) => w.itemId === item.id) && <> <Tag colour="grey">Withdrawn</Tag></>}
          </h3>
          {withdrawn.filter((w) => w.itemId === item.id).map((w) => (
            <p className="govuk-body-s govuk-!-margin-bottom-1" key={w.itemId}>This item was withdrawn{w.supplement ? ` by agenda supplement ${w.supplement}` : ""} and will not be considered.</p>
          ))}
          <p className="govuk-body-s govuk-!-margin-bottom-2">{AGENDA_ITEM_LABELS[item.kind]}</p>
          {item.kind === "exempt" ? (
            <div className="govuk-inset-text">
              Not open to the public: exempt under paragraph {item.exemptParagraph} of Schedule 12A to the Local Government Act 1972 ({SCHEDULE_12A[item.exemptParagraph ?? 0]}).
              {item.publicInterestReason && <> Public interest test: {item.publicInterestReason}</>}
            </div>
          ) : null}
          {item.summary && <p className="govuk-body">{item.summary}</p>}
          {item.recommendation && (
            <p className="govuk-body">
              <strong>Recommendation:</strong> {item.recommendation}
            </p>
          )}
          <EvidenceLinks evidence={cited[`item:${item.id}`]} />
          {papers.filter((p) => p.agenda_item_id === item.id).map((p) => (
            <p className="govuk-body" key={p.id}>
              <a className="govuk-link" href={`/papers/${p.id}`}>{p.title}</a>
              {p.media_type && p.size_bytes !== undefined && <span className="govuk-body-s"> ({describeFile(p.media_type, p.size_bytes)})</span>}
            </p>
          ))}
          {item.kind === "public_questions" &&
            questions.map((q) => (
              <div key={q.id} className="govuk-!-margin-bottom-3" data-testid="public-question">
                <p className="govuk-body govuk-!-margin-bottom-1"><strong>Question from {q.display_name}:</strong> {q.question}</p>
                {q.answer && <p className="govuk-body-s">Answer: {q.answer}</p>}
              </div>
            ))}
          {item.declarations.map((d, i) => (
            <p className="govuk-body-s" key={i}>
              Declaration: {d.name}, {d.kind.replace(/_/g, " ")} interest: {d.description}.{d.leaves ? ` ${d.name} left the meeting for this item and did not vote.` : ""}
            </p>
          ))}
          {item.motions.map((m) => (
            <div key={m.id} className="govuk-!-margin-bottom-4" data-testid={`motion-${m.id}`}>
              <p className="govuk-body govuk-!-margin-bottom-1">
                <strong>{m.amends_motion_id ? "Amendment" : "Motion"}:</strong> “{m.text}” <Tag colour={STATUS_COLOUR[m.status]}>{m.status}</Tag>
              </p>
              <p className="govuk-body-s govuk-!-margin-bottom-1">Proposed by {m.proposer}, seconded by {m.seconder}.</p>
              {m.votes.length > 0 && (
                <table className="govuk-table govuk-!-margin-bottom-2">
                  <TableHead caption={<>Named vote{m.votes_for !== null ? `: ${m.votes_for} for, ${m.votes_against} against, ${m.abstentions} abstained` : ""}{m.casting_vote ? `; chair’s casting vote ${m.casting_vote}` : ""}</>} captionSize="s" columns={["Member", "Vote"]} />
                  <tbody className="govuk-table__body">
                    {m.votes.map((v) => (
                      <tr className="govuk-table__row" key={v.name}>
                        <td className="govuk-table__cell">{v.name}</td>
                        <td className="govuk-table__cell">{CHOICE_LABELS[v.choice]}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          ))}
          {item.decisions.map((d) => (
            <div key={d.id} className="govuk-inset-text govuk-!-margin-top-2">
              <p className="govuk-body govuk-!-margin-bottom-1"><strong>Decision:</strong> {d.text}</p>
              <p className="govuk-body-s govuk-!-margin-bottom-1">Reasons: {d.reasons}</p>
              {d.outcomes.length > 0 && <p className="govuk-body-s govuk-!-margin-bottom-1">Outcomes: {d.outcomes.map((o) => o.title).join(", ")}</p>}
              <EvidenceLinks evidence={cited[`decision:${d.id}`]} />
              {decisionLinks && item.kind !== "exempt" && <p className="govuk-body-s govuk-!-margin-bottom-0"><a className="govuk-link" href={`/decisions/${d.id}`}>The decision in full<span className="govuk-visually-hidden">: {item.title}</span></a></p>}
            </div>
          ))}
        </li>
      ))}
    </ol>
  );
}
