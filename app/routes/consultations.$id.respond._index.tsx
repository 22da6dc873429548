import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { InsetText } from "~/components/govuk/content";
import { DoneNotice } from "~/components/govuk/confirm";
import { ErrorSummary, useFormState } from "~/components/govuk/form";
import { formFailure, rowIdParam } from "~/lib/http.server";
import { startResponse } from "~/modules/consultations/responses.server";
import { loadMyResponse } from "~/modules/consultations/routes.server";

export const handle = { title: "Respond to a consultation" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const view = await loadMyResponse(context, request, params.id);
  return { consultation: { id: view.consultation.id, title: view.consultation.title }, closedMessage: view.closedMessage, response: view.response, pages: view.sections.length };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  await loadMyResponse(context, request, params.id);
  const formData = await request.formData();
  const result = await startResponse(context.db, context.actor, rowIdParam(params.id));
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/consultations/${params.id}/respond/1`);
}

/** After "Withdraw my response" (`?withdrawn=1`): say it happened and what the person can do now. */
function WithdrawnNotice() {
  const [params] = useSearchParams();
  if (!params.get("withdrawn")) return null;
  return <DoneNotice messages={{ "": { done: "Your response has been withdrawn", next: "It will not be counted or published. You can start a new response while the consultation is open." } }} />;
}

export default function StartResponse() {
  const { consultation, closedMessage, response, pages } = useLoaderData<typeof loader>();
  const form = useFormState();
  const inProgress = response && response.status !== "withdrawn";
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`/consultations/${consultation.id}`}>
          Back
        </Link>
        <ErrorSummary form={form} />
        <WithdrawnNotice />
        <span className="govuk-caption-l">{consultation.title}</span>
        <h1 className="govuk-heading-l">Respond to this consultation</h1>
        {closedMessage ? (
          <>
            <InsetText>{closedMessage}</InsetText>
            {inProgress && (
              <p className="govuk-body">
                <Link className="govuk-link" to={`/consultations/${consultation.id}/respond/check`}>View your response</Link>
              </p>
            )}
          </>
        ) : inProgress ? (
          <>
            <p className="govuk-body">
              {response.status === "submitted"
                ? `You sent your response (reference ${response.reference}). You can change or withdraw it until the consultation closes.`
                : "You have started a response. Your answers have been saved."}
            </p>
            <Link className="govuk-button" to={`/consultations/${consultation.id}/respond/${response.status === "submitted" ? "check" : "1"}`}>
              {response.status === "submitted" ? "View or change your response" : "Continue your response"}
            </Link>
          </>
        ) : (
          <>
            <p className="govuk-body">
              There {pages === 1 ? "is 1 page" : `are ${pages} pages`} of questions. Your answers are saved each time you go to the next page, so you can come back later.
            </p>
            <p className="govuk-body">Before you send your response you can check your answers. You can change or withdraw it until the consultation closes.</p>
            <Form method="post">
              <button type="submit" className="govuk-button" data-module="govuk-button">
                Start your response
              </button>
            </Form>
          </>
        )}
      </div>
    </div>
  );
}
