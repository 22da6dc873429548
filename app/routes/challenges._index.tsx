import { ComingSoon } from "~/components/ComingSoon";

export const handle = { title: "Community Right to Challenge" };

export default function Challenges() {
  return (
    <ComingSoon title="Community Right to Challenge" intro="Community groups, parish councils and council employees can express an interest in running a council service (Localism Act 2011).">
      <ul className="govuk-list govuk-list--bullet">
        <li>The register of services open to challenge, with the periods for expressions of interest.</li>
        <li>Draft and submit an expression of interest, and follow it to a decision.</li>
        <li>A public register of expressions of interest and decision notices.</li>
      </ul>
    </ComingSoon>
  );
}
