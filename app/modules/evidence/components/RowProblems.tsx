import { TableHead } from "~/components/govuk/table-head";

/** The rows a refused CSV import listed (see rowProblemsFailure in evidence/limits.ts); nothing when there are none. */
export function RowProblems({ problems, problemCount }: { problems: { line: number; reason: string }[]; problemCount?: number }) {
  if (problems.length === 0) return null;
  return (
    <>
      <h2 className="govuk-heading-m">Problems in the file</h2>
      {(problemCount ?? 0) > problems.length && <p className="govuk-body">The first {problems.length} of {problemCount} problems are shown.</p>}
      <table className="govuk-table">
        <TableHead caption="Rows with problems" columns={["Line", "Problem"]} />
        <tbody className="govuk-table__body">
          {problems.map((p) => (
            <tr className="govuk-table__row" key={p.line}>
              <td className="govuk-table__cell">{p.line}</td>
              <td className="govuk-table__cell">{p.reason[0]!.toUpperCase() + p.reason.slice(1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
