import { ARRANGEMENT_KIND_LABELS } from "../schema";

/** The first cell of a contracts table: the arrangement's title as a link, its kind (and `after` it) below. */
export function ArrangementCell({ arrangement: a, after }: { arrangement: { id: number; title: string; kind: string }; after?: string }) {
  return (
    <td className="govuk-table__cell">
      <a className="govuk-link" href={`/contracts/${a.id}`}>{a.title}</a>
      <br />
      <span className="govuk-body-s">{ARRANGEMENT_KIND_LABELS[a.kind as keyof typeof ARRANGEMENT_KIND_LABELS]}{after ? ` · ${after}` : ""}</span>
    </td>
  );
}
