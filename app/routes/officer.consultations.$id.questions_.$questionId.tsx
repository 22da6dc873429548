import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { InsetText } from "~/components/govuk/content";
import { Button, ErrorSummary, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, rowIdParam } from "~/lib/http.server";
import { QuestionFields } from "~/modules/consultations/components/QuestionFields";
import { loadQuestionnaire, questionsLocked, questionValues, updateQuestion } from "~/modules/consultations/consultations.server";
import { loadManaged } from "~/modules/consultations/routes.server";
import { QUESTIONS_LOCKED } from "~/modules/consultations/schema";

export const handle = { title: "Change a question" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const c = await loadManaged(context, request, params.id);
  const [sections, locked] = await Promise.all([loadQuestionnaire(context.db, c.id), questionsLocked(context.db, c)]);
  const values = questionValues(sections, rowIdParam(params.questionId));
  if (!values) notFound("There is no such question in this consultation.");
  return { consultation: { id: c.id, title: c.title }, values, questionId: rowIdParam(params.questionId), sections: sections.map((s) => ({ id: s.id, position: s.position, title: s.title })), locked };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const c = await loadManaged(context, request, params.id);
  const formData = await request.formData();
  const result = await updateQuestion(context.db, context.actor, c.id, rowIdParam(params.questionId), formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/officer/consultations/${c.id}/questions`);
}

export default function ChangeQuestion() {
  const { consultation, values, questionId, sections, locked } = useLoaderData<typeof loader>();
  const form = useFormState(values);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} />
        <span className="govuk-caption-l">{consultation.title}</span>
        <h1 className="govuk-heading-l">Change a question</h1>
        {locked ? (
          <InsetText>{QUESTIONS_LOCKED}</InsetText>
        ) : (
          <Form method="post" noValidate>
            <QuestionFields form={form} sections={sections} />
            <Button>Save the question</Button>
          </Form>
        )}
        <ul className="govuk-list">
          <li><Link className="govuk-link" to={`/officer/consultations/${consultation.id}/questions/${questionId}/preview`}>Preview the question as residents will see it</Link></li>
          <li><Link className="govuk-link" to={`/officer/consultations/${consultation.id}/questions`}>Back to the questions</Link></li>
        </ul>
      </div>
    </div>
  );
}
