import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { NotificationBanner } from "~/components/govuk/content";
import { Button, ErrorSummary, Textarea, useFormState } from "~/components/govuk/form";
import { formatDay } from "~/lib/dates";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, rowIdParam } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { publicDecision } from "~/modules/boards/decisions.server";
import { decisionGovernance, requestCallIn } from "~/modules/governance/scrutiny.server";
import { ANYWHERE } from "~/modules/permissions/permissions";

export const handle = { title: "Call in a decision" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requirePermission(context, request, "scrutiny.call_in", ANYWHERE);
  const shown = await publicDecision(context.db, context.actor, rowIdParam(params.id));
  if (!shown) notFound("There is no public decision at this address.");
  const g = await decisionGovernance(context.db, context.actor, shown.decision.id);
  return { decision: { id: shown.decision.id, title: shown.decision.item_title, text: shown.decision.text, board: shown.decision.board_name }, lastDay: g.callInLastDay, open: g.callInOpen, requests: g.requests.length, required: g.required };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requirePermission(context, request, "scrutiny.call_in", ANYWHERE);
  const decisionId = rowIdParam(params.id);
  const formData = await request.formData();
  const result = await requestCallIn(context.db, context.actor, { ...formInput(formData), decisionId: String(decisionId) });
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, ...result.value });
}

export default function CallIn() {
  const { decision, lastDay, open, requests, required } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const form = useFormState();
  const done = answer && answer.ok ? answer : null;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} />
        {done && (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">{done.calledIn ? "The decision has been called in: its implementation is suspended" : `Your request has been recorded (${done.requests} of the ${done.required} members needed)`}</p>
          </NotificationBanner>
        )}
        <Link to={`/decisions/${decision.id}`} className="govuk-back-link">Back to the decision</Link>
        <span className="govuk-caption-l">{decision.board}</span>
        <h1 className="govuk-heading-l">Call in: {decision.title}</h1>
        <p className="govuk-body">“{decision.text}”</p>
        {lastDay && <p className="govuk-body">{open ? `You may call in this decision until the end of ${formatDay(lastDay)}.` : `The call-in period ended on ${formatDay(lastDay)}.`} {required ? `${requests} of the ${required} scrutiny members needed have asked so far.` : ""}</p>}
        {!done && (
          <Form method="post" noValidate>
            <Textarea form={form} name="reasons" label="Your reasons for calling in the decision" hint="For example, what the decision-maker did not consider, or how the decision departs from the council's policy or budget." rows={6} />
            <Button>Ask for the decision to be called in</Button>
          </Form>
        )}
      </div>
    </div>
  );
}
