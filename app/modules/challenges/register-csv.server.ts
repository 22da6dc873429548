/** The public register as CSV (csv-stringify): only what the register page shows. */
import { stringify } from "csv-stringify/sync";
import { STATUS_LABELS } from "./transitions";
import type { RegisterRow } from "./challenges.server";

export function registerCsv(rows: RegisterRow[]): string {
  return stringify(
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
    { header: true, columns: ["Reference", "Title", "Group", "Service", "Status", "Submitted", "Localities", "Outcomes", "Decision", "Reasons", "Grounds"] },
  );
}
