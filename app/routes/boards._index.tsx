import { ComingSoon } from "~/components/ComingSoon";

export const handle = { title: "Boards and meetings" };

export default function Boards() {
  return (
    <ComingSoon title="Boards and meetings" intro="Local governance boards meet in public. Follow their agendas, papers, meetings and decisions.">
      <ul className="govuk-list govuk-list--bullet">
        <li>Each board’s members, their register of interests, meetings and decisions.</li>
        <li>Agendas and papers published five clear working days before each meeting.</li>
        <li>A live view of meetings: attendance, motions, named votes and results as they happen.</li>
        <li>Minutes and a register of decisions across boards.</li>
      </ul>
    </ComingSoon>
  );
}
