import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ErrorSummary, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, notFound } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { boardForEditing, saveBoard } from "~/modules/boards/admin.server";
import { boardTarget } from "~/modules/boards/boards.server";
import { BoardForm } from "~/modules/boards/components/BoardForm";
import { listLocalities } from "~/modules/localities/localities.server";

export const handle = { title: "Change the board’s details" };

async function load(context: LoaderFunctionArgs["context"], request: Request, slug: string | undefined) {
  const found = await boardForEditing(context.db, slug ?? "");
  if (!found) notFound("There is no board at this address.");
  requirePermission(context, request, "board.manage", boardTarget(found.board.id, found.board.locality_id));
  return found;
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const found = await load(context, request, params.slug);
  return { name: found.board.name, slug: found.board.slug, values: found.values, localities: await listLocalities(context.db) };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const found = await load(context, request, params.slug);
  const formData = await request.formData();
  const result = await saveBoard(context.db, context.actor, { ...formInput(formData), boardId: String(found.board.id) });
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/boards/${result.value.slug}`);
}

export default function EditBoard() {
  const { name, slug, values, localities } = useLoaderData<typeof loader>();
  const form = useFormState(values);
  return (
    <>
      <Link to={`/boards/${slug}`} className="govuk-back-link">Back to the {name}</Link>
      <ErrorSummary form={form} />
      <span className="govuk-caption-l">{name}</span>
      <h1 className="govuk-heading-l">Change the board’s details</h1>
      <BoardForm form={form} localities={localities} submit="Save the board’s details" />
    </>
  );
}
