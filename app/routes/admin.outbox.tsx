import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TableHead } from "~/components/govuk/table-head";
import { requirePermission } from "~/modules/permissions/route.server";
import { listOutbox } from "~/modules/notifications/admin.server";
import { TableScroll } from "~/components/govuk/table-scroll";

export const handle = { title: "E-mail outbox" };

const STATUS_LABELS: Record<string, string> = { queued: "Waiting", digest: "In the next daily digest", sent: "Sent", failed: "Failed" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "admin.view");
  const status = new URL(request.url).searchParams.get("status");
  const result = await listOutbox(context.db, context.actor, { status });
  if (!result.ok) throw data({ message: "You do not have permission to see the outbox" }, { status: 403 });
  const rows = result.value.rows.map((r) => ({ ...r, written: when(r.createdAt) }));
  return { counts: result.value.counts, rows, status, configured: Boolean(process.env.NOTIFY_API_KEY || process.env.SMTP_URL) };
}

const when = (iso: string) => new Date(iso).toLocaleString("en-GB", { timeZone: "Europe/London", dateStyle: "medium", timeStyle: "short" });

export default function Outbox() {
  const { rows, counts, configured } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">E-mail outbox</h1>
      {!configured ? (
        <div className="govuk-inset-text">
          No e-mail service is set up, so messages wait here and are not sent. Set <code>NOTIFY_API_KEY</code> and <code>NOTIFY_TEMPLATE_ID</code> (GOV.UK Notify) or <code>SMTP_URL</code> to send them.
        </div>
      ) : null}
      <ul className="govuk-list">
        {["queued", "digest", "sent", "failed"].map((s) => (
          <li key={s}>
            <a className="govuk-link" href={`/admin/outbox?status=${s}`}>
              {STATUS_LABELS[s]}: {counts[s] ?? 0}
            </a>
          </li>
        ))}
        <li>
          <a className="govuk-link" href="/admin/outbox">
            All
          </a>
        </li>
      </ul>
      {rows.length === 0 ? (
        <p className="govuk-body">There are no messages.</p>
      ) : (
        <TableScroll label={"Messages, newest first"}>
        <table className="govuk-table">
          <TableHead caption="Messages, newest first" columns={["To", "Subject", "Status", { text: "Attempts", numeric: true }, "Written", "Reason"]} />
          <tbody className="govuk-table__body">
            {rows.map((r) => (
              <tr key={r.id} className="govuk-table__row">
                <td className="govuk-table__cell">{r.recipient}</td>
                <td className="govuk-table__cell">{r.subject}</td>
                <td className="govuk-table__cell">{STATUS_LABELS[r.status] ?? r.status}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{r.attempts}</td>
                <td className="govuk-table__cell">{r.written}</td>
                <td className="govuk-table__cell">{r.lastError ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableScroll>
      )}
    </>
  );
}
