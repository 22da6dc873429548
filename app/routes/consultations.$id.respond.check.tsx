import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { InsetText, NotificationBanner, SummaryList } from "~/components/govuk/content";
import { Button, ErrorSummary, useFormState } from "~/components/govuk/form";
import { formFailure, rowIdParam } from "~/lib/http.server";
import { ConfirmLink, ConfirmStep, useConfirming } from "~/components/govuk/confirm";
import { settle } from "~/lib/effects.server";
import { describeAnswer, submitResponse, withdrawResponse } from "~/modules/consultations/responses.server";
import { loadMyResponse, requireStarted } from "~/modules/consultations/routes.server";
import { CONSENT_LABELS } from "~/modules/consultations/schema";

export const handle = { title: "Check your answers" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const view = await loadMyResponse(context, request, params.id);
  const response = requireStarted(view);
  return {
    consultation: { id: view.consultation.id, title: view.consultation.title },
    closedMessage: view.closedMessage,
    response: { status: response.status, reference: response.reference, consent: response.consent },
    sections: view.sections.map((s) => ({
      position: s.position,
      title: s.title,
      rows: s.questions.map((q) => ({ id: q.id, prompt: q.prompt, answer: describeAnswer(q, view.answers[String(q.id)]) })),
    })),
  };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  await loadMyResponse(context, request, params.id);
  const formData = await request.formData();
  if (formData.get("intent") === "withdraw") {
    // Withdrawing is consequential: the "are you sure" page comes first (works without JavaScript).
    if (formData.get("confirmed") !== "yes") return redirect(`/consultations/${params.id}/respond/check?confirm=withdraw`);
    const result = await withdrawResponse(context.db, context.actor, rowIdParam(params.id));
    if (!result.ok) return formFailure(result, formData);
    return redirect(`/consultations/${params.id}/respond?withdrawn=1`);
  }
  const result = await settle(context.bus, submitResponse(context.db, context.actor, rowIdParam(params.id)));
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/consultations/${params.id}/respond/confirmation`);
}

export default function CheckAnswers() {
  const { consultation, closedMessage, response, sections } = useLoaderData<typeof loader>();
  const form = useFormState();
  const [params] = useSearchParams();
  const base = `/consultations/${consultation.id}/respond`;
  const confirming = useConfirming();
  if (confirming === "withdraw" && !closedMessage) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{consultation.title}</span>
          <ConfirmStep heading="Are you sure you want to withdraw your response?" confirmLabel="Yes, withdraw my response" cancelTo={`${base}/check`} hidden={{ intent: "withdraw" }} warning>
            <p className="govuk-body">Your answers will not be counted or published. You can start a new response while the consultation is open.</p>
          </ConfirmStep>
        </div>
      </div>
    );
  }
  const change = (to: string, what: string) =>
    closedMessage ? undefined : (
      <Link className="govuk-link" to={to}>
        Change<span className="govuk-visually-hidden"> {what}</span>
      </Link>
    );
  // Errors from submit name questions; link them to the page they are on.
  const pageOf = (field: string) => sections.find((s) => s.rows.some((r) => `q${r.id}` === field))?.position;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={response.status === "submitted" ? `/consultations/${consultation.id}` : `${base}/equality`}>
          Back
        </Link>
        {params.get("changed") && Object.keys(form.errors).length === 0 && (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">
              {response.status === "submitted" ? "Your response has been updated" : "Your answer has been saved"}
            </p>
          </NotificationBanner>
        )}
        {Object.keys(form.errors).length > 0 && (
          <div className="govuk-error-summary" data-module="govuk-error-summary" tabIndex={-1}>
            <div role="alert">
              <h2 className="govuk-error-summary__title">There is a problem</h2>
              <div className="govuk-error-summary__body">
                <ul className="govuk-list govuk-error-summary__list">
                  {Object.entries(form.errors).map(([field, message]) => (
                    <li key={field}>
                      {field === "_form" ? message : <a href={field === "consent" ? `${base}/publishing` : `${base}/${pageOf(field)}#${field}`}>{message}</a>}
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          </div>
        )}
        <span className="govuk-caption-l">{consultation.title}</span>
        <h1 className="govuk-heading-l">{response.status === "submitted" ? "Your response" : "Check your answers before sending your response"}</h1>
        {closedMessage && <InsetText>{closedMessage}</InsetText>}
        {response.status === "submitted" && <p className="govuk-body">You sent this response. Your reference number is <strong>{response.reference}</strong>.</p>}
        {sections.map((s) => (
          <div key={s.position}>
            <h2 className="govuk-heading-m">{s.title}</h2>
            <SummaryList rows={s.rows.map((r) => ({ key: r.prompt, value: r.answer, action: change(`${base}/${s.position}?change=1#q${r.id}`, r.prompt) }))} />
          </div>
        ))}
        <h2 className="govuk-heading-m">Publishing your response</h2>
        <SummaryList rows={[{ key: "Can we publish it?", value: response.consent ? CONSENT_LABELS[response.consent] : "Not answered", action: change(`${base}/publishing?change=1`, "whether we can publish your response") }]} />
        <p className="govuk-body">
          Equality monitoring answers are not shown here. {!closedMessage && <Link className="govuk-link" to={`${base}/equality?change=1`}>Change your equality monitoring answers</Link>}
        </p>
        {!closedMessage && (
          <Form method="post">
            {response.status !== "submitted" && (
              <>
                <h2 className="govuk-heading-m">Now send your response</h2>
                <p className="govuk-body">You can change or withdraw your response until the consultation closes.</p>
              </>
            )}
            <div className="govuk-button-group">
              {response.status !== "submitted" && <Button name="intent" value="submit">Send response</Button>}
              <ConfirmLink to="?confirm=withdraw" warning>
                Withdraw my response
              </ConfirmLink>
            </div>
          </Form>
        )}
      </div>
    </div>
  );
}
