import { Link } from "@remix-run/react";

/** The back link of the respond journey: to the previous question page, or to its start. */
export function RespondBackLink({ consultationId, back }: { consultationId: number; back?: string | null }) {
  return (
    <Link className="govuk-back-link" to={`/consultations/${consultationId}/respond${back ? `/${back}` : ""}`}>
      Back
    </Link>
  );
}
