import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/permissions/route.server";

export const handle = { title: "Administration" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "admin.view");
  return null;
}

export default function AdminHome() {
  return (
    <>
      <h1 className="govuk-heading-l">Administration</h1>
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href="/admin/roles">People and roles</a> – give people roles across the council, in a locality or on a board, and take them away.
        </li>
        <li>
          <a className="govuk-link" href="/admin/council">Council and localities</a> – the council’s name as shown on every page, its contact address, and its localities.
        </li>
        <li>
          <a className="govuk-link" href="/admin/outcomes">Outcome frameworks</a> – add, rename, reorder and retire the outcomes, priorities and measures the council works towards.
        </li>
        <li>
          <a className="govuk-link" href="/admin/outbox">E-mail outbox</a> – every message Moot has written: waiting, sent or failed (with the reason).
        </li>
        <li>
          <a className="govuk-link" href="/admin/bank-holidays">Bank holidays</a> – the days that do not count as working days: five clear working days’ notice of a meeting, and the Right to Challenge acknowledgement clock.
        </li>
        <li>
          <a className="govuk-link" href="/admin/governance">Key decisions and call-in</a> – the spending or saving that makes a decision key (so it must be on the forward plan), and how many scrutiny members it takes to call a decision in.
        </li>
      </ul>
    </>
  );
}
