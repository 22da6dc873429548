import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Tag } from "~/components/govuk/content";
import { requirePermission } from "~/modules/permissions/route.server";
import { ANYWHERE } from "~/modules/permissions/permissions";
import { listForOfficer } from "~/modules/consultations/consultations.server";
import { formatLondon } from "~/lib/london-time";
import { STATUS_COLOURS, STATUS_LABELS } from "~/modules/consultations/transitions";
import { TableHead } from "~/components/govuk/table-head";
import { TableScroll } from "~/components/govuk/table-scroll";

export const handle = { title: "Manage consultations" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "consultation.manage", ANYWHERE);
  const result = await listForOfficer(context.db, context.actor);
  if (!result.ok) throw data({ message: result.errors._form }, { status: 403 });
  return { consultations: result.value };
}

export default function OfficerConsultations() {
  const { consultations } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Manage consultations</h1>
      <Link className="govuk-button" to="/officer/consultations/new">
        Create a consultation
      </Link>
      <TableScroll label={"Consultations you manage"}>
      <table className="govuk-table">
        <TableHead caption="Consultations you manage" captionSize="m" columns={["Title", "Status", "Closes", { text: "Responses", numeric: true }]} />
        <tbody className="govuk-table__body">
          {consultations.map((c) => (
            <tr className="govuk-table__row" key={c.id}>
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/officer/consultations/${c.id}`}>
                  {c.title}
                </Link>
              </td>
              <td className="govuk-table__cell">
                <Tag colour={STATUS_COLOURS[c.status]}>{STATUS_LABELS[c.status]}</Tag>
              </td>
              <td className="govuk-table__cell">{formatLondon(c.closes_at)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{c.responses}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </TableScroll>
    </>
  );
}
