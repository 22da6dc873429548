import { DateInput } from "~/components/govuk/date-input";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, TextInput, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { MembershipFields } from "~/modules/boards/components/MembershipFields";
import { formFailure, notFound, requireUser, rowIdParam } from "~/lib/http.server";
import { changeMember, endMembership, memberForEditing } from "~/modules/boards/admin.server";
import { boardBySlug } from "~/modules/boards/boards.server";

export const handle = { title: "Change a membership" };

async function load(context: LoaderFunctionArgs["context"], request: Request, params: LoaderFunctionArgs["params"]) {
  requireUser(context, request);
  const found = await boardBySlug(context.db, params.slug ?? "");
  if (!found) notFound("There is no board at this address.");
  const member = await memberForEditing(context.db, context.actor, found.board.id, rowIdParam(params.memberId));
  if (!member.ok) throw new Response(Object.values(member.errors)[0], { status: member.status ?? 403 });
  return { board: { id: found.board.id, slug: found.board.slug, name: found.board.name }, member: member.value };
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  return load(context, request, params);
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const { board, member } = await load(context, request, params);
  const formData = await request.formData();
  const input = { ...formInput(formData), boardId: String(board.id), memberId: String(member.id) };
  const end = formData.get("intent") === "end";
  const result = end ? await endMembership(context.db, context.actor, input) : await changeMember(context.db, context.actor, input);
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/boards/${board.slug}/members`);
}

export default function ChangeMember() {
  const { board, member } = useLoaderData<typeof loader>();
  // Two forms on the page: a failed post comes back with its intent, and only that form shows it.
  const answer = useFormState();
  const failed = answer.values.intent;
  const changeForm = failed === "change" ? answer : { errors: {}, values: { role: member.role, kind: member.kind, organisation: member.organisation, termStart: member.term_start, termEnd: member.term_end ?? "" } };
  const endForm = failed === "end" ? answer : { errors: {}, values: {} };
  return (
    <>
      <Link to={`/boards/${board.slug}/members`} className="govuk-back-link">Board members and interests</Link>
      <ErrorSummary form={answer} />
      <span className="govuk-caption-l">{board.name}</span>
      <h1 className="govuk-heading-l">{member.name}</h1>
      <h2 className="govuk-heading-m">Change the membership</h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="change" />
        <MembershipFields form={changeForm} />
        <Button>Save the membership</Button>
      </Form>
      <h2 className="govuk-heading-m">End the membership</h2>
      <p className="govuk-body">The member stays in the record of past meetings. From the day after, they no longer count towards the quorum and cannot act in meetings.</p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="end" />
        <DateInput form={endForm} name="endOn" label="Last day of the membership" hint="For example, 31 12 2026" />
        <Button warning>End the membership</Button>
      </Form>
    </>
  );
}
