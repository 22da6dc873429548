import { TableHead } from "~/components/govuk/table-head";

export const handle = { title: "Cookies" };

export default function Cookies() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Cookies</h1>
        <p className="govuk-body">This service uses one essential cookie. We do not use analytics or advertising cookies, so we do not ask for your consent.</p>
        <table className="govuk-table">
          <TableHead caption="Essential cookies" captionSize="m" columns={["Name", "Purpose", "Expires"]} />
          <tbody className="govuk-table__body">
            <tr className="govuk-table__row">
              <td className="govuk-table__cell">moot_session</td>
              <td className="govuk-table__cell">Keeps you signed in. It cannot be read by scripts and is only sent to this service.</td>
              <td className="govuk-table__cell">30 days after you last used the service, or when you sign out</td>
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}
