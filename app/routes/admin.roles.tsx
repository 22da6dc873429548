import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { DoneBanner } from "~/components/govuk/done-banner";
import { Button, ErrorSummary, Radios, Select, TextInput, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { listLocalities } from "~/modules/localities/localities.server";
import { settle } from "~/lib/effects.server";
import { grantRole, listGrants, revokeRole } from "~/modules/roles/roles.server";
import { ROLE_LABELS } from "~/modules/roles/schema";
import { ROLE_NAMES } from "../../db/schema";
import { InlineAction } from "~/components/govuk/inline-action";
import { TableHead } from "~/components/govuk/table-head";
import { TableScroll } from "~/components/govuk/table-scroll";

export const handle = { title: "People and roles" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "roles.manage");
  const [grants, localities] = await Promise.all([listGrants(context.db, context.actor), listLocalities(context.db)]);
  if (!grants.ok) throw data({ message: "You do not have permission to manage roles" }, { status: 403 });
  return { grants: grants.value, localities };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requirePermission(context, request, "roles.manage");
  const formData = await request.formData();
  const intent = formData.get("intent");
  const result = await settle(context.bus, intent === "revoke" ? revokeRole(context.db, context.actor, formInput(formData)) : grantRole(context.db, context.actor, formInput(formData)));
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, done: intent === "revoke" ? "The role has been removed" : "The role has been given" });
}

export default function AdminRoles() {
  const { grants, localities } = useLoaderData<typeof loader>();
  const form = useFormState({ scope: "council" });
  return (
    <>
      <ErrorSummary form={form} />
      <DoneBanner />
      <h1 className="govuk-heading-l">People and roles</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Give someone a role</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="grant" />
            <TextInput form={form} name="email" label="Their email address" type="email" spellCheck={false} hint="They must have created an account already." />
            <Select form={form} name="role" label="Role" placeholder="Choose a role" options={ROLE_NAMES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
            <Radios
              form={form}
              name="scope"
              label="Where the role applies"
              options={[
                { value: "council", label: "Across the council" },
                { value: "locality", label: "In one locality" },
                { value: "board", label: "On one board" },
              ]}
            />
            <Select form={form} name="localityId" label="Locality (if the role is for one locality)" placeholder="Not for one locality" options={localities.map((l) => ({ value: String(l.id), label: l.name }))} />
            <TextInput form={form} name="boardId" label="Board number (if the role is for one board)" width="5" inputMode="numeric" />
            <Button>Give role</Button>
          </Form>
        </div>
      </div>

      <h2 className="govuk-heading-m">Roles given</h2>
      <TableScroll label={"Everyone with a role"}>
      <table className="govuk-table">
        <TableHead caption="Everyone with a role" columns={["Person", "Role", "Where"]} action />
        <tbody className="govuk-table__body">
          {grants.map((g) => (
            <tr className="govuk-table__row" key={g.id}>
              <td className="govuk-table__cell">
                {g.display_name}
                <br />
                <span className="govuk-body-s">{g.email}</span>
              </td>
              <td className="govuk-table__cell">{ROLE_LABELS[g.role]}</td>
              <td className="govuk-table__cell">{g.scope === "council" ? "Across the council" : g.scope === "locality" ? g.locality_name : `Board ${g.board_id}`}</td>
              <td className="govuk-table__cell">
                <InlineAction intent="revoke" fields={{ grantId: g.id }}>
                  Remove<span className="govuk-visually-hidden"> {ROLE_LABELS[g.role]} role from {g.display_name}</span>
                </InlineAction>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </TableScroll>
    </>
  );
}
