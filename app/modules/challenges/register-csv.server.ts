/** The public register as CSV: only what the register page shows; groups' text cannot become a formula. */
import { spreadsheetCsv } from "../../lib/csv.server";
import { STATUS_LABELS } from "./transitions";
import type { RegisterRow } from "./challenges.server";

export function registerCsv(rows: RegisterRow[]): string {
  return spreadsheetCsv(
    ["Reference", "Title", "Group", "Service", "Status", "Submitted", "Localities", "Outcomes", "Decision", "Reasons", "Grounds"],
    rows.map((r) => [
      `EOI-${r.id}`,
      r.title,
      r.groupName,
      r.serviceName ?? "",
      STATUS_LABELS[r.status],
      r.submittedOn ?? "",
      r.localities.join("; "),
      r.outcomes.join("; "),
      r.decision ?? "",
      r.decisionReasons ?? "",
      r.grounds.join("; "),
    ]),
  );
}
