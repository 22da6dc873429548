import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ErrorSummary, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { ANYWHERE } from "~/modules/permissions/permissions";
import { saveBoard } from "~/modules/boards/admin.server";
import { BoardForm } from "~/modules/boards/components/BoardForm";
import { listLocalities } from "~/modules/localities/localities.server";

export const handle = { title: "Set up a board" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "board.manage", ANYWHERE);
  return { localities: await listLocalities(context.db) };
}

export async function action({ context, request }: ActionFunctionArgs) {
  requirePermission(context, request, "board.manage", ANYWHERE);
  const formData = await request.formData();
  const result = await saveBoard(context.db, context.actor, { ...formInput(formData), boardId: "" });
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/boards/${result.value.slug}/members`);
}

export default function NewBoard() {
  const { localities } = useLoaderData<typeof loader>();
  const form = useFormState({ boardKind: "decision_making", quorumKind: "number", quorumMinimum: "2", questionDeadlineDays: "3" });
  return (
    <>
      <Link to="/boards" className="govuk-back-link">Boards and meetings</Link>
      <ErrorSummary form={form} />
      <h1 className="govuk-heading-l">Set up a board</h1>
      <p className="govuk-body">Add the board’s details here; you add its members next.</p>
      <BoardForm form={form} localities={localities} submit="Set up the board" />
    </>
  );
}
