import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { InsetText } from "~/components/govuk/content";
import { Button, ErrorSummary, TextInput, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure } from "~/lib/http.server";
import { addQuestion, addSection, deleteQuestion, moveQuestion, loadQuestionnaire, questionsLocked } from "~/modules/consultations/consultations.server";
import { loadManaged } from "~/modules/consultations/routes.server";
import { QUESTION_KIND_LABELS, QUESTIONS_LOCKED } from "~/modules/consultations/schema";
import { InlineAction } from "~/components/govuk/inline-action";
import { QuestionFields } from "~/modules/consultations/components/QuestionFields";

export const handle = { title: "Questions" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const c = await loadManaged(context, request, params.id);
  const [sections, locked] = await Promise.all([loadQuestionnaire(context.db, c.id), questionsLocked(context.db, c)]);
  return { consultation: { id: c.id, title: c.title }, sections, locked };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const c = await loadManaged(context, request, params.id);
  const formData = await request.formData();
  const input = formInput(formData);
  const intent = formData.get("intent");
  const result =
    intent === "section"
      ? await addSection(context.db, context.actor, c.id, input)
      : intent === "delete"
        ? await deleteQuestion(context.db, context.actor, c.id, input)
        : intent === "move"
          ? await moveQuestion(context.db, context.actor, c.id, input)
          : await addQuestion(context.db, context.actor, c.id, input);
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const });
}

export default function QuestionsPage() {
  const { consultation, sections, locked } = useLoaderData<typeof loader>();
  const form = useFormState({ kind: "single_choice", sectionId: sections.at(-1)?.id });
  const questionCount = sections.reduce((n, s) => n + s.questions.length, 0);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} />
        <span className="govuk-caption-l">{consultation.title}</span>
        <h1 className="govuk-heading-l">Questions</h1>
        {locked && <InsetText>{QUESTIONS_LOCKED}</InsetText>}
        {sections.length === 0 && <p className="govuk-body">Add a section (a page of questions) first.</p>}
        {sections.map((s) => (
          <div key={s.id}>
            <h2 className="govuk-heading-m">
              Page {s.position}: {s.title}
            </h2>
            <ol className="govuk-list govuk-list--number">
              {s.questions.map((q, i) => (
                <li key={q.id}>
                  <span>{q.prompt}</span> <span className="govuk-body-s">({QUESTION_KIND_LABELS[q.kind]}{q.required ? ", required" : ", optional"})</span>
                  {q.options.length > 0 && <span className="govuk-body-s">: {q.options.map((o) => o.label).join(" / ")}</span>}
                  {!locked && (
                    <ul className="moot-actions" aria-label={`Actions for question “${q.prompt}”`}>
                      {(["up", "down"] as const)
                        .filter((direction) => (direction === "up" ? i > 0 : i < s.questions.length - 1))
                        .map((direction) => (
                          <li key={direction}>
                            <InlineAction intent="move" fields={{ questionId: q.id, direction }}>
                              Move {direction}<span className="govuk-visually-hidden"> question “{q.prompt}”</span>
                            </InlineAction>
                          </li>
                        ))}
                      <li>
                        <Link className="govuk-link" to={`/officer/consultations/${consultation.id}/questions/${q.id}`}>
                          Change<span className="govuk-visually-hidden"> question “{q.prompt}”</span>
                        </Link>
                      </li>
                      <li>
                        <InlineAction intent="delete" fields={{ questionId: q.id }}>
                          Remove<span className="govuk-visually-hidden"> question “{q.prompt}”</span>
                        </InlineAction>
                      </li>
                    </ul>
                  )}
                </li>
              ))}
            </ol>
          </div>
        ))}
        {!locked && (
          <>
            <h2 className="govuk-heading-m">Add a section</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="section" />
              <TextInput form={form} name="title" label="Section title" />
              <Button secondary>Add section</Button>
            </Form>
            {sections.length > 0 && (
              <>
                <h2 className="govuk-heading-m">Add a question</h2>
                <Form method="post" noValidate key={`add-question-${questionCount}`}>
                  <input type="hidden" name="intent" value="question" />
                  <QuestionFields form={form} sections={sections} />
                  <Button>Add question</Button>
                </Form>
              </>
            )}
          </>
        )}
        <p className="govuk-body">
          <Link className="govuk-link" to={`/officer/consultations/${consultation.id}`}>Back to the consultation</Link>
        </p>
      </div>
    </div>
  );
}
