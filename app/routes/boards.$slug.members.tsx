import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DoneBanner } from "~/components/govuk/done-banner";
import { Button, ErrorSummary, Radios, Select, TextInput, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { MembershipFields } from "~/modules/boards/components/MembershipFields";
import { formFailure, notFound } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { addMember, boardBySlug, boardTarget, registerInterest } from "~/modules/boards/boards.server";
import { formatDate, ROLE_LABELS } from "~/modules/meetings/format";
import { INTEREST_LABELS } from "~/modules/meetings/schema";
import { INTEREST_KINDS } from "../../db/tables/boards";

export const handle = { title: "Board members and interests" };

async function load(context: LoaderFunctionArgs["context"], request: Request, slug: string | undefined) {
  const found = await boardBySlug(context.db, slug ?? "");
  if (!found) notFound("There is no board at this address.");
  requirePermission(context, request, "board.manage", boardTarget(found.board.id, found.board.locality_id));
  return found;
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  return load(context, request, params.slug);
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const found = await load(context, request, params.slug);
  const formData = await request.formData();
  const input = { ...formInput(formData), boardId: found.board.id };
  const interest = formData.get("intent") === "interest";
  const result = interest ? await registerInterest(context.db, context.actor, input) : await addMember(context.db, context.actor, input);
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, done: interest ? "The interest has been registered" : "The member has been added" });
}

export default function BoardMembers() {
  const { board, members } = useLoaderData<typeof loader>();
  const form = useFormState();
  return (
    <>
      <ErrorSummary form={form} />
      <DoneBanner />
      <span className="govuk-caption-l">{board.name}</span>
      <h1 className="govuk-heading-l">Board members and interests</h1>
      <h2 className="govuk-heading-m">Members</h2>
      <ul className="govuk-list">
        {members.map((m) => (
          <li key={m.id}>
            <Link className="govuk-link" to={`/boards/${board.slug}/members/${m.id}`}>{m.name}<span className="govuk-visually-hidden">: change or end the membership</span></Link>, {ROLE_LABELS[m.role]}{m.term_end ? `, term ends ${formatDate(m.term_end)}` : ""}
          </li>
        ))}
      </ul>
      <h2 className="govuk-heading-m">Add a member</h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="member" />
        <TextInput form={form} name="name" label="Name" />
        <TextInput form={form} name="email" label="Email address of their account (optional)" type="email" hint="Linking their account lets them vote for themselves in meetings." spellCheck={false} />
        <MembershipFields form={form} />
        <Button>Add the member</Button>
      </Form>
      <h2 className="govuk-heading-m">Register an interest</h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="interest" />
        <Select form={form} name="memberId" label="Member" placeholder="Choose a member" options={members.map((m) => ({ value: String(m.id), label: m.name }))} />
        <Radios form={form} name="interestKind" label="Kind of interest" options={INTEREST_KINDS.map((k) => ({ value: k, label: INTEREST_LABELS[k] }))} />
        <TextInput form={form} name="interest" label="The interest" />
        <Button>Register the interest</Button>
      </Form>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/boards/${board.slug}`}>Back to the {board.name}</Link>
      </p>
    </>
  );
}
