import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { InsetText } from "~/components/govuk/content";
import { Button, useFormState } from "~/components/govuk/form";
import { FormPage } from "~/components/govuk/form-page";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, requireUser, rowIdParam } from "~/lib/http.server";
import { RespondBackLink } from "~/modules/consultations/components/RespondBackLink";
import { answerValues, QuestionField } from "~/modules/consultations/components/QuestionField";
import { saveSection } from "~/modules/consultations/responses.server";
import { loadMyResponse, refuseLikeTheLoader, requireStarted } from "~/modules/consultations/routes.server";

export const handle = { title: (data: unknown) => (data as { section?: { title: string } })?.section?.title ?? "Respond" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const view = await loadMyResponse(context, request, params.id);
  requireStarted(view);
  const position = rowIdParam(params.section);
  const section = view.sections.find((s) => s.position === position);
  if (!section) notFound("That page of the questionnaire does not exist.");
  const index = view.sections.indexOf(section);
  const changing = new URL(request.url).searchParams.get("change") === "1";
  return {
    consultation: { id: view.consultation.id, title: view.consultation.title },
    closedMessage: view.closedMessage,
    section,
    changing,
    // GOV.UK back link: the previous page of questions, or the start (check answers when changing one answer)
    back: changing ? "check" : index > 0 ? String(view.sections[index - 1]!.position) : "",
    page: view.sections.indexOf(section) + 1,
    pages: view.sections.length,
    saved: answerValues(section.questions, view.answers),
    submitted: view.response?.status === "submitted",
  };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  // saveSection checks everything the loader does (who may respond, the consultation, the page):
  // reading the whole response first, as the loader does, cost eight queries it did not use.
  requireUser(context, request);
  const formData = await request.formData();
  const later = formData.get("intent") === "later";
  const result = await saveSection(context.db, context.actor, rowIdParam(params.id), rowIdParam(params.section), formInput(formData), { checkRequired: !later });
  if (!result.ok) {
    refuseLikeTheLoader(result);
    return formFailure(result, formData);
  }
  if (later) return redirect(`/consultations/${params.id}/respond?saved=1`);
  // "Change" on check your answers comes back to the summary (GOV.UK pattern)
  if (formData.get("returnTo") === "check") return redirect(`/consultations/${params.id}/respond/check?changed=1`);
  return redirect(`/consultations/${params.id}/respond/${result.value.nextSection ?? "publishing"}`);
}

export default function SectionPage() {
  const { consultation, closedMessage, section, page, pages, saved, submitted, changing, back } = useLoaderData<typeof loader>();
  const form = useFormState(saved);
  return (
    <FormPage form={form} before={<RespondBackLink consultationId={consultation.id} back={back} />} caption={`${consultation.title} · page ${page} of ${pages}`} title={section.title}>
      {section.intro && <p className="govuk-body">{section.intro}</p>}
      {closedMessage && <InsetText>{closedMessage}</InsetText>}
      <Form method="post" noValidate>
        {changing && <input type="hidden" name="returnTo" value="check" />}
        {section.questions.map((q) => (
          <QuestionField key={q.id} q={q} form={form} />
        ))}
        {!closedMessage && (
          <div className="govuk-button-group">
            <Button name="intent" value="continue">
              {submitted ? "Save and continue" : "Continue"}
            </Button>
            {!submitted && !changing && (
              <Button secondary name="intent" value="later">
                Save and come back later
              </Button>
            )}
          </div>
        )}
      </Form>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/consultations/${consultation.id}`}>Back to the consultation</Link>
      </p>
    </FormPage>
  );
}
