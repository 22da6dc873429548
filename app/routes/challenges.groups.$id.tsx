import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { NotificationBanner, SummaryList } from "~/components/govuk/content";
import { Button, ErrorSummary, Radios, TextInput, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, requireUser, rowIdParam } from "~/lib/http.server";
import { addGroupMember, addGroupPartner, getGroup, startEoi } from "~/modules/challenges/challenges.server";
import { StatusTag } from "~/modules/challenges/components/EoiParts";
import { orThrow } from "~/modules/challenges/routes.server";
import { PARTNER_ROLE_LABELS, RELEVANT_BODY_LABELS } from "~/modules/challenges/schema";
import { PARTNER_ROLES } from "../../db/tables/challenges";
import { londonDay } from "~/modules/challenges/deadlines";
import { DoneBanner } from "~/components/govuk/done-banner";
import { formatDate } from "~/lib/dates";

export const handle = { title: (d: unknown) => (d as { group?: { name: string } })?.group?.name ?? "Group" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  return orThrow(await getGroup(context.db, context.actor, rowIdParam(params.id)));
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const groupId = String(rowIdParam(params.id));
  const formData = await request.formData();
  const input = { ...formInput(formData), groupId };
  switch (formData.get("intent")) {
    case "start": {
      const result = await startEoi(context.db, context.actor, input);
      if (!result.ok) return formFailure(result, formData);
      return redirect(`/challenges/eois/${result.value.eoiId}/service`);
    }
    case "member": {
      const result = await addGroupMember(context.db, context.actor, input);
      if (!result.ok) return formFailure(result, formData);
      return data({ ok: true as const, done: "The person can now act for the group" });
    }
    default: {
      const result = await addGroupPartner(context.db, context.actor, input);
      if (!result.ok) return formFailure(result, formData);
      return data({ ok: true as const, done: "The partner has been recorded" });
    }
  }
}

export default function GroupPage() {
  const { group, members, partners, eois, messages, member } = useLoaderData<typeof loader>();
  const form = useFormState();
  const [params] = useSearchParams();
  return (
    <>
      <ErrorSummary form={form} />
      {params.get("changed") && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">The group's details have been saved</p>
        </NotificationBanner>
      )}
      {params.get("saved") && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">Your answers have been saved</p>
          <p className="govuk-body">Come back to your expression of interest at any time from this page.</p>
        </NotificationBanner>
      )}
      <DoneBanner />
      <span className="govuk-caption-l">{RELEVANT_BODY_LABELS[group.kind]}</span>
      <h1 className="govuk-heading-l">{group.name}</h1>
      <SummaryList
        rows={[
          ...(group.kind_other ? [{ key: "Body", value: group.kind_other }] : []),
          { key: "Charity number", value: group.charity_number || "None" },
          { key: "Company or society number", value: group.company_number || "None" },
          ...(group.other_registration ? [{ key: "Other registration", value: group.other_registration }] : []),
          { key: "Contact", value: `${group.contact_name}, ${group.contact_email}${group.contact_phone ? `, ${group.contact_phone}` : ""}` },
          { key: "People who act for the group", value: members.map((m) => m.display_name).join(", ") },
        ]}
      />
      {member && (
        <p className="govuk-body">
          <a className="govuk-link" href={`/challenges/groups/${group.id}/edit`}>Change the group's details</a>
        </p>
      )}

      <h2 className="govuk-heading-m">Expressions of interest</h2>
      {eois.length ? (
        <ul className="govuk-list">
          {eois.map((e) => (
            <li key={e.id}>
              <a className="govuk-link" href={`/challenges/eois/${e.id}`}>{e.title || `Untitled draft EOI-${e.id}`}</a> <StatusTag status={e.status} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">None yet.</p>
      )}
      {member && (
        <Form method="post">
          <input type="hidden" name="intent" value="start" />
          <Button>Start an expression of interest</Button>
        </Form>
      )}

      <h2 className="govuk-heading-m">Messages from the council</h2>
      {messages.length ? (
        messages.map((m) => (
          <div className="govuk-inset-text" key={m.id}>
            <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{m.subject}</h3>
            <p className="govuk-body-s govuk-!-margin-bottom-1">{formatDate(m.sent_at)}</p>
            {m.body.split(/\n+/).map((p, i) => <p className="govuk-body" key={i}>{p}</p>)}
          </div>
        ))
      ) : (
        <p className="govuk-body">No messages yet.</p>
      )}

      <h2 className="govuk-heading-m">Consortium members and subcontractors</h2>
      {partners.length ? (
        <ul className="govuk-list govuk-list--bullet">
          {partners.map((p) => <li key={p.id}>{p.name} ({PARTNER_ROLE_LABELS[p.role].toLowerCase()}){p.registration ? `, ${p.registration}` : ""}</li>)}
        </ul>
      ) : (
        <p className="govuk-body">None recorded.</p>
      )}
      {member && (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="partner" />
              <Radios form={form} name="role" label="Add a partner: their role" inline options={PARTNER_ROLES.map((r) => ({ value: r, label: PARTNER_ROLE_LABELS[r] }))} />
              <TextInput form={form} name="name" label="Partner's name" />
              <TextInput form={form} name="registration" label="Partner's registration number (optional)" />
              <Button secondary>Add partner</Button>
            </Form>
            <h2 className="govuk-heading-m">Add someone who acts for the group</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="member" />
              <TextInput form={form} name="email" label="Their email address" type="email" spellCheck={false} hint="They must have an account already." />
              <Button secondary>Add person</Button>
            </Form>
          </div>
        </div>
      )}
    </>
  );
}
