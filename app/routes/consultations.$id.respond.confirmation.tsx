import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatLondon } from "~/lib/london-time";
import { loadMyResponse, requireStarted } from "~/modules/consultations/routes.server";

export const handle = { title: "Response sent" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const view = await loadMyResponse(context, request, params.id);
  const response = requireStarted(view);
  if (response.status !== "submitted") throw redirect(`/consultations/${params.id}/respond/check`);
  return { consultation: { id: view.consultation.id, title: view.consultation.title, closesAt: view.consultation.closes_at }, reference: response.reference };
}

export default function Confirmation() {
  const { consultation, reference } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">Response sent</h1>
          <div className="govuk-panel__body">
            Your reference number
            <br />
            <strong>{reference}</strong>
          </div>
        </div>
        <h2 className="govuk-heading-m">What happens next</h2>
        <p className="govuk-body">
          We will read every response to “{consultation.title}”. You can change or withdraw your response until {formatLondon(consultation.closesAt)}.
        </p>
        <p className="govuk-body">We will publish what we heard and what we decided on the consultation page.</p>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/consultations/${consultation.id}/respond/check`}>View or change your response</Link>
        </p>
      </div>
    </div>
  );
}
