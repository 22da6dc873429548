import { ComingSoon } from "~/components/ComingSoon";

export const handle = { title: "Consultations" };

export default function Consultations() {
  return (
    <ComingSoon title="Consultations" intro="Have your say on proposals for your area while they can still change.">
      <ul className="govuk-list govuk-list--bullet">
        <li>Open, upcoming and closed consultations for each locality, searchable.</li>
        <li>Respond page by page, save and come back later, and check your answers before you submit.</li>
        <li>Results published as “we asked, you said, we did”.</li>
      </ul>
    </ComingSoon>
  );
}
