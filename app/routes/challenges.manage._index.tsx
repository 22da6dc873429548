import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Tag } from "~/components/govuk/content";
import { requirePermission } from "~/modules/permissions/route.server";
import { can } from "~/modules/permissions/permissions";
import { officerDashboard } from "~/modules/challenges/challenges.server";
import { DataTable, StatusTag } from "~/modules/challenges/components/EoiParts";
import { orThrow } from "~/modules/challenges/routes.server";
import type { ClockItem } from "~/modules/challenges/deadlines";

export const handle = { title: "Handle expressions of interest" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "challenge.handle");
  return { rows: orThrow(await officerDashboard(context.db, context.actor)), admin: can(context.actor, "challenge.configure") };
}

const WHAT: Record<ClockItem["what"], string> = {
  acknowledge: "Acknowledge",
  notify_decision_date: "Tell the group the decision date",
  decide: "Decide",
  start_procurement: "Start procurement",
};

function DueTag({ due }: { due: ClockItem }) {
  switch (due.state) {
    case "overdue":
      return <Tag colour="red">Overdue by {-due.daysLeft} day{due.daysLeft === -1 ? "" : "s"}</Tag>;
    case "lapsed":
      return <Tag colour="red">Procurement window lapsed</Tag>;
    case "lapsing":
      return <Tag colour="orange">Procurement window lapses in {due.daysLeft} days</Tag>;
    default:
      return <Tag colour="blue">Due in {due.daysLeft} day{due.daysLeft === 1 ? "" : "s"}</Tag>;
  }
}

export default function ManageChallenges() {
  const { rows, admin } = useLoaderData<typeof loader>();
  const urgent = rows.filter((r) => r.due && r.due.state !== "due").length;
  return (
    <>
      <h1 className="govuk-heading-l">Handle expressions of interest</h1>
      <p className="govuk-body">
        <a className="govuk-link" href="/challenges/manage/services">Add a service to the register</a>
        {admin && (
          <>
            {" · "}
            <a className="govuk-link" href="/challenges/manage/settings">Clock settings</a>
            {" · "}
            <a className="govuk-link" href="/admin/bank-holidays">Bank holidays</a>
          </>
        )}
      </p>
      <p className="govuk-body">
        {urgent ? `${urgent} need${urgent === 1 ? "s" : ""} attention now (overdue, or a procurement window about to lapse).` : "Nothing is overdue."}
      </p>
      <DataTable
        caption="Open expressions of interest, most urgent first"
        headings={["Expression of interest", "Status", "Next", "By", "Clock"]}
        rows={rows.map((r) => ({
          key: r.id,
          cells: [
            <>
              <a className="govuk-link" href={`/challenges/manage/${r.id}`}>{r.title}</a>
              <br />
              <span className="govuk-body-s">{r.groupName} · {r.serviceName}</span>
            </>,
            <StatusTag status={r.status} />,
            r.due ? WHAT[r.due.what] : "Waiting for the group",
            r.due?.dueOn ?? "",
            r.due && <DueTag due={r.due} />,
          ],
        }))}
      />
    </>
  );
}
