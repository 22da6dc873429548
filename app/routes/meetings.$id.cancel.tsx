/** The clerk cancels a published meeting, with the reason the public sees (GOV.UK "are you sure" page). */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { InsetText } from "~/components/govuk/content";
import { Button, ErrorSummary, Textarea, useFormState } from "~/components/govuk/form";
import { settle } from "~/lib/effects.server";
import { formInput } from "~/lib/forms";
import { formFailure, requireUser, rowIdParam } from "~/lib/http.server";
import { formatDateTime } from "~/modules/meetings/format";
import { cancelMeeting, noticesDesk } from "~/modules/meetings/notices.server";

export const handle = { title: "Cancel the meeting" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  const desk = await noticesDesk(context.db, context.actor, rowIdParam(params.id));
  if (!desk.ok) throw data({ message: Object.values(desk.errors)[0] }, { status: desk.status ?? 403 });
  const { meeting, open, notices } = desk.value;
  return { meeting, open, cancelled: notices.cancellation !== null, when: formatDateTime(meeting.startsAt) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  const result = await settle(context.bus, await cancelMeeting(context.db, context.actor, { ...formInput(formData), meetingId: params.id }));
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/meetings/${params.id}/console?done=cancelled`);
}

export default function CancelMeeting() {
  const { meeting, open, cancelled, when } = useLoaderData<typeof loader>();
  const form = useFormState();
  const back = `/meetings/${meeting.id}/console`;
  return (
    <>
      <Link to={back} className="govuk-back-link">Back to the meeting console</Link>
      <ErrorSummary form={form} />
      <span className="govuk-caption-l">{meeting.boardName}</span>
      <h1 className="govuk-heading-l">Are you sure you want to cancel {meeting.title}, {when}?</h1>
      {!open ? (
        <InsetText>{cancelled ? "This meeting is already cancelled." : `Only a meeting whose agenda is published and which has not started can be cancelled. This meeting is “${meeting.statusLabel}”.`}</InsetText>
      ) : (
        <Form method="post" noValidate>
          <p className="govuk-body">The meeting page will say it is cancelled and why, calendars that subscribe to the board will show it as cancelled, and people who follow the board are told by e-mail. This cannot be undone: to meet later, arrange a new meeting.</p>
          <Textarea form={form} name="reason" label="Why is the meeting cancelled?" hint="For example, “Not enough members can attend to make the meeting quorate.”" rows={3} />
          <div className="govuk-button-group">
            <Button warning>Yes, cancel the meeting</Button>
            <Link className="govuk-link" to={back}>No, keep the meeting</Link>
          </div>
        </Form>
      )}
    </>
  );
}
