/** How a grant was (or is to be) approved, in one line for the grant's page. */
import { longDate } from "~/modules/evidence/dates";
import type { GrantApprovalView } from "../grants.server";
import { SEAT_LABELS } from "../market-schema";

export function GrantApprovalSummary({ grant, arrangementId }: { grant: GrantApprovalView; arrangementId: number }) {
  const a = grant.approval;
  return (
    <>
      {grant.route === "grant_panel" ? "The grant panel" : "A board decision"}
      {a ? (
        <>
          {": approved on "}
          {longDate(a.approvedOn)}
          {a.decision ? (
            <>
              {" by "}
              <a className="govuk-link" href={`/decisions/${a.decision.id}`}>{a.decision.board ? `the ${a.decision.board}’s decision` : "the board’s decision"}</a>
            </>
          ) : (
            <> by {a.seats.map((s) => `${s.name} (${SEAT_LABELS[s.seat].toLowerCase()})`).join(", ")}</>
          )}
        </>
      ) : (
        <>: not approved yet. Payments are held until it is.</>
      )}
      <br />
      <a className="govuk-link" href={`/contracts/${arrangementId}/approval`}>Grant approval and declarations of interest</a>
    </>
  );
}
