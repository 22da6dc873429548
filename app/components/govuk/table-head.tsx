/**
 * A GOV.UK table's caption and header row. The caption is visually hidden unless given a size;
 * numeric columns are right-aligned; `action` adds a last column, named only for screen readers,
 * for a button in each row.
 */
import type { ReactNode } from "react";

export type Column = string | { text: string; numeric?: boolean };

export function TableHead({ caption, captionSize, columns, action = false }: { caption: ReactNode; captionSize?: "s" | "m"; columns: Column[]; action?: boolean }) {
  return (
    <>
      <caption className={`govuk-table__caption ${captionSize ? `govuk-table__caption--${captionSize}` : "govuk-visually-hidden"}`}>{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {columns.map((column) => {
            const { text, numeric } = typeof column === "string" ? { text: column, numeric: false } : column;
            return (
              <th key={text} scope="col" className={`govuk-table__header${numeric ? " govuk-table__header--numeric" : ""}`}>
                {text}
              </th>
            );
          })}
          {action && (
            <th scope="col" className="govuk-table__header">
              <span className="govuk-visually-hidden">Action</span>
            </th>
          )}
        </tr>
      </thead>
    </>
  );
}
