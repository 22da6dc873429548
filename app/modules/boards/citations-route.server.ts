/**
 * The clerk's "evidence and outcomes" page, shared by a decision (/decisions/:id/evidence) and
 * an agenda item (/meetings/:id/items/:itemId/evidence): the loader reads the form, the action
 * saves the choice and goes back to where the thing is shown.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { formInput } from "~/lib/forms";
import { formFailure, requireUser } from "~/lib/http.server";
import { citationForm, setCitations } from "./decisions.server";

type Kind = "board_decision" | "agenda_item";
const idOf = (kind: Kind, params: LoaderFunctionArgs["params"]) => Number(kind === "board_decision" ? params.id : params.itemId) || 0;

export function citationLoader(kind: Kind) {
  return async ({ context, request, params }: LoaderFunctionArgs) => {
    requireUser(context, request);
    const form = await citationForm(context.db, context.actor, { kind, id: idOf(kind, params) });
    if (!form.ok) throw data({ message: Object.values(form.errors)[0] }, { status: form.status ?? 403 });
    const v = form.value;
    return { ...v, kind, back: kind === "board_decision" ? `/decisions/${idOf(kind, params)}` : `/meetings/${v.meeting_id}/console` };
  };
}

export function citationAction(kind: Kind) {
  return async ({ context, request, params }: ActionFunctionArgs) => {
    requireUser(context, request);
    const formData = await request.formData();
    const id = idOf(kind, params);
    const result = await setCitations(context.db, context.actor, { kind, id }, formInput(formData));
    if (!result.ok) return formFailure(result, formData);
    return redirect(kind === "board_decision" ? `/decisions/${id}` : `/meetings/${result.value.meetingId}/console#citations-heading`);
  };
}
