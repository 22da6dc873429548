import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { NotificationBanner, SummaryList } from "~/components/govuk/content";
import { Button, EMPTY_FORM, ErrorSummary, Select, TextInput, type FormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, requireUser } from "~/lib/http.server";
import type { FormFailure } from "~/lib/result";
import { changePassword, registrationNotices, updateAccountDetails } from "~/modules/auth/accounts.server";
import { formatLondon } from "~/lib/london-time";
import { settle } from "~/lib/effects.server";
import { listLocalities } from "~/modules/localities/localities.server";
import { ROLE_LABELS } from "~/modules/roles/schema";
import { formatLondonDate } from "~/lib/london-time";
import { myResponses } from "~/modules/consultations/responses.server";
import { changeFrequency, mySubscriptions, unfollow } from "~/modules/notifications/subscriptions.server";

export const handle = { title: "Your account" };

const FOLLOW_KIND_LABELS = { consultation: "Consultation", locality: "Locality", board: "Board", thread: "Discussion" } as const;

export async function loader({ context, request }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const localities = await listLocalities(context.db);
  const localityNames = new Map(localities.map((l) => [l.id, l.name]));
  const roles = context.actor.grants.map((g) => ({
    role: ROLE_LABELS[g.role],
    where: g.scope === "council" ? "Across the council" : g.scope === "locality" ? (localityNames.get(g.localityId!) ?? "A locality") : `Board ${g.boardId}`,
  }));
  const registeredAgain = (await registrationNotices(context.db, context.actor)).map((at) => formatLondon(at));
  const responses = await myResponses(context.db, context.actor);
  const following = await mySubscriptions(context.db, context.actor);
  return { user, localities, roles, registeredAgain, responses, following: following.ok ? following.value : [] };
}

type Intent = "details" | "password" | "frequency" | "unfollow";

export async function action({ request, context }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  const intent = formData.get("intent") as Intent;
  if (intent === "frequency" || intent === "unfollow") {
    const changed = intent === "frequency" ? await changeFrequency(context.db, context.actor, formInput(formData)) : await unfollow(context.db, context.actor, formInput(formData));
    if (!changed.ok) return formFailure(changed, formData);
    const said = intent === "unfollow" ? `You no longer follow ${changed.value.name}` : `${changed.value.name}: ${"frequency" in changed.value && changed.value.frequency === "daily" ? "one e-mail a day" : "an e-mail as it happens"}`;
    return data({ ok: true as const, saved: intent, said });
  }
  // a new password ends the person's other sessions: its result carries the refresh of their open sockets
  const result = await settle(
    context.bus,
    intent === "password"
      ? changePassword(context.db, context.actor, formInput(formData), { sessionId: context.sessionId })
      : updateAccountDetails(context.db, context.actor, formInput(formData)),
  );
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, saved: intent });
}

export default function Account() {
  const { user, localities, roles, registeredAgain, responses, following } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as (FormFailure & { values: { intent?: string } }) | { ok: true; saved: Intent; said?: string } | undefined;
  const failedIntent = actionData && !actionData.ok ? actionData.values.intent : undefined;
  const formFor = (intent: Intent, defaults: FormState["values"]): FormState =>
    actionData && !actionData.ok && failedIntent === intent ? { errors: actionData.errors, values: actionData.values } : { ...EMPTY_FORM, values: defaults };
  const details = formFor("details", { displayName: user.displayName, homeLocalityId: String(user.homeLocalityId ?? "") });
  const password = formFor("password", {});
  const shownErrors = failedIntent === "password" ? password : failedIntent === "frequency" || failedIntent === "unfollow" ? formFor(failedIntent, {}) : details;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={shownErrors} />
        {actionData?.ok && (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">
              {actionData.said ?? (actionData.saved === "password" ? "Your password has been changed. Other devices have been signed out." : "Your details have been saved")}
            </p>
          </NotificationBanner>
        )}
        {registeredAgain.length > 0 && !actionData && (
          <NotificationBanner title="Someone tried to create an account with your email address">
            <p className="govuk-body">
              Someone tried to create a new account with your email address on {registeredAgain.join("; ")}. We did not create one,
              and nothing about your account changed.
            </p>
            <p className="govuk-body">If it was you, this is the account you already have. If it was not you, you do not need to do anything.</p>
          </NotificationBanner>
        )}
        <h1 className="govuk-heading-l">Your account</h1>
        <SummaryList
          rows={[
            { key: "Email address", value: user.email },
            { key: "Roles", value: roles.length ? (
              <ul className="govuk-list">
                {roles.map((r, i) => (
                  <li key={i}>{r.role} – {r.where}</li>
                ))}
              </ul>
            ) : "Resident" },
          ]}
        />

        <h2 className="govuk-heading-m">Your consultation responses</h2>
        {responses.length === 0 ? (
          <p className="govuk-body">
            You have not responded to any consultations. <a className="govuk-link" href="/consultations">See what is open</a>.
          </p>
        ) : (
          <SummaryList
            rows={responses.map((r) => ({
              key: r.consultationTitle,
              value:
                r.status === "submitted" ? (
                  <>
                    Sent on {formatLondonDate(r.submittedAt)}
                    <br />
                    Reference {r.reference}
                  </>
                ) : (
                  "Started, not sent yet"
                ),
              action: (
                <a className="govuk-link" href={`/consultations/${r.consultationId}/respond${r.status === "submitted" ? "/check" : ""}`}>
                  {r.status === "submitted" ? "View" : "Continue"}
                  <span className="govuk-visually-hidden"> your response to {r.consultationTitle}</span>
                </a>
              ),
            }))}
          />
        )}

        <h2 className="govuk-heading-m" id="following">What you follow by e-mail</h2>
        {following.length === 0 ? (
          <p className="govuk-body">
            You do not follow anything. Look for “Get e-mail updates” on a consultation, a locality, a board or a discussion.
          </p>
        ) : (
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">What you follow, how often you hear, and how to stop</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">You follow</th>
                <th scope="col" className="govuk-table__header">How often</th>
                <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Stop</span></th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {following.map((f) => (
                <tr className="govuk-table__row" key={f.id}>
                  <td className="govuk-table__cell">
                    <span className="govuk-caption-m">{FOLLOW_KIND_LABELS[f.kind]}</span>
                    <a className="govuk-link" href={f.href}>{f.name}</a>
                  </td>
                  <td className="govuk-table__cell">
                    <Form method="post" className="moot-inline-form">
                      <input type="hidden" name="intent" value="frequency" />
                      <input type="hidden" name="subscriptionId" value={String(f.id)} />
                      <div className="govuk-form-group govuk-!-margin-bottom-2">
                        <label className="govuk-label govuk-visually-hidden" htmlFor={`frequency-${f.id}`}>How often for {f.name}</label>
                        <select className="govuk-select" id={`frequency-${f.id}`} name="frequency" defaultValue={f.frequency}>
                          <option value="immediate">As it happens</option>
                          <option value="daily">Once a day</option>
                        </select>
                      </div>
                      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                        Save<span className="govuk-visually-hidden"> how often for {f.name}</span>
                      </button>
                    </Form>
                  </td>
                  <td className="govuk-table__cell">
                    <Form method="post">
                      <input type="hidden" name="intent" value="unfollow" />
                      <input type="hidden" name="subscriptionId" value={String(f.id)} />
                      <button type="submit" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0" data-module="govuk-button">
                        Unfollow<span className="govuk-visually-hidden"> {f.name}</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        <h2 className="govuk-heading-m">Your details</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="details" />
          <TextInput form={details} name="displayName" label="Your name" autoComplete="name" />
          <Select form={details} name="homeLocalityId" label="The area you live in" options={localities.map((l) => ({ value: String(l.id), label: l.name }))} />
          <Button>Save details</Button>
        </Form>

        <h2 className="govuk-heading-m">Change your password</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="password" />
          <TextInput form={password} name="currentPassword" label="Current password" type="password" autoComplete="current-password" />
          <TextInput form={password} name="newPassword" label="New password" type="password" autoComplete="new-password" hint="Use 12 characters or more. We refuse passwords that many people use." />
          <Button secondary>Change password</Button>
        </Form>
      </div>
    </div>
  );
}
