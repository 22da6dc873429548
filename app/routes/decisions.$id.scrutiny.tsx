import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DateInput } from "~/components/govuk/date-input";
import { Button, EMPTY_FORM, ErrorSummary, Radios, Textarea, useFormState } from "~/components/govuk/form";
import { formatDay } from "~/lib/dates";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, requireUser, rowIdParam } from "~/lib/http.server";
import { publicDecision } from "~/modules/boards/decisions.server";
import { CALL_IN_STATUS_LABELS } from "~/modules/governance/rules";
import { concludeCallIn, decisionGovernance, recordScrutinyOutcome, respondToRecommendation } from "~/modules/governance/scrutiny.server";

export const handle = { title: "Scrutiny of a decision" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  const shown = await publicDecision(context.db, context.actor, rowIdParam(params.id));
  if (!shown) notFound("There is no public decision at this address.");
  const g = await decisionGovernance(context.db, context.actor, shown.decision.id);
  if (!g.may.recordOutcome && !g.may.conclude && !g.may.respond) throw data({ message: "You do not have permission to do this" }, { status: 403 });
  return { decision: { id: shown.decision.id, title: shown.decision.item_title, text: shown.decision.text }, g };
}

const ACTIONS = { outcome: recordScrutinyOutcome, conclude: concludeCallIn, respond: respondToRecommendation };

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const decisionId = rowIdParam(params.id);
  const formData = await request.formData();
  const intent = String(formData.get("intent")) as keyof typeof ACTIONS;
  if (!(intent in ACTIONS)) throw data({ message: "Unknown action" }, { status: 400 });
  const result = await ACTIONS[intent](context.db, context.actor, { ...formInput(formData), decisionId: String(decisionId) });
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/decisions/${decisionId}`);
}

export default function DecisionScrutiny() {
  const { decision, g } = useLoaderData<typeof loader>();
  const form = useFormState();
  const failed = form.values.intent;
  const only = (intent: string) => (failed === intent ? form : EMPTY_FORM);
  const unanswered = g.recommendations.filter((r) => r.response === null);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} />
        <Link to={`/decisions/${decision.id}`} className="govuk-back-link">Back to the decision</Link>
        <h1 className="govuk-heading-l">Scrutiny: {decision.title}</h1>
        <p className="govuk-body">“{decision.text}”</p>
        {g.callIn && <p className="govuk-body">{CALL_IN_STATUS_LABELS[g.callIn.status]}.</p>}
        {g.may.recordOutcome && (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="outcome" />
            <Radios
              form={only("outcome")}
              name="outcome"
              label="The scrutiny board's outcome"
              options={[
                { value: "no_further_action", label: "No further action: the decision may be implemented" },
                { value: "referred_back", label: "Refer back to the decision-maker with recommendations" },
                { value: "referred_to_council", label: "Refer to full council" },
              ]}
            />
            <Textarea form={only("outcome")} name="notes" label="Notes of the board's discussion (optional)" rows={3} />
            <Textarea form={only("outcome")} name="recommendation" label="Recommendations" hint="Needed when referring back." rows={4} />
            <DateInput form={only("outcome")} name="responseDueOn" label="Response due by" hint="Needed with recommendations. For example, 14 4 2027." />
            <Button>Record the outcome</Button>
          </Form>
        )}
        {g.may.conclude && (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="conclude" />
            <Textarea form={only("conclude")} name="finalDecision" label="The decision-maker's final decision after reconsidering" rows={4} />
            <Button>Record the final decision</Button>
          </Form>
        )}
        {g.may.respond && unanswered.slice(0, 1).map((r) => (
          <Form method="post" noValidate key={r.id}>
            <input type="hidden" name="intent" value="respond" />
            <input type="hidden" name="recommendationId" value={r.id} />
            <h2 className="govuk-heading-m">Recommendation, response due by {formatDay(r.response_due_on)}</h2>
            <p className="govuk-body">{r.recommendation}</p>
            <Textarea form={failed === "respond" && form.values.recommendationId === String(r.id) ? form : EMPTY_FORM} name="response" label="Response" rows={4} />
            <Button>Record the response</Button>
          </Form>
        ))}
      </div>
    </div>
  );
}
