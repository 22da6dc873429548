/** A meeting's cancellation and the supplements to its agenda, as the public page and the clerk see them. */
import type { AgendaChange } from "../../../../db/tables/meeting-notices";
import { formatDate } from "../format";

export interface ShownSupplement {
  number: number;
  reason: string;
  publishedAt: string;
  changes: { change: AgendaChange; position: number; title: string }[];
}

const CHANGE_TEXT: Record<AgendaChange, string> = { added: "added", changed: "changed", withdrawn: "withdrawn" };

/** "Agenda supplement 1, published 3 December 2026: item 5 added: Winter warm spaces. Reason: …" */
export function Supplements({ supplements }: { supplements: ShownSupplement[] }) {
  return (
    <ol className="govuk-list" data-testid="supplements">
      {supplements.map((s) => (
        <li key={s.number} className="govuk-!-margin-bottom-4">
          <h3 className="govuk-heading-s govuk-!-margin-bottom-1">Agenda supplement {s.number}, published {formatDate(s.publishedAt)}</h3>
          {s.changes.map((c, i) => (
            <p className="govuk-body govuk-!-margin-bottom-1" key={i}>
              Item {c.position} {CHANGE_TEXT[c.change]}: {c.title}
            </p>
          ))}
          <p className="govuk-body-s">Reason: {s.reason}</p>
        </li>
      ))}
    </ol>
  );
}

export function CancellationNotice({ cancellation }: { cancellation: { reason: string; at: string } }) {
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="cancelled-title" data-module="govuk-notification-banner" data-testid="cancelled">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="cancelled-title">Cancelled</h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">This meeting has been cancelled.</p>
        <p className="govuk-body">Reason: {cancellation.reason}</p>
        <p className="govuk-body">Cancelled on {formatDate(cancellation.at)}.</p>
      </div>
    </div>
  );
}
