/** An officer sees one question as a resident will: on its page, with its hint and options. Nothing is saved. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { InsetText } from "~/components/govuk/content";
import { EMPTY_FORM } from "~/components/govuk/form";
import { notFound, rowIdParam } from "~/lib/http.server";
import { QuestionField } from "~/modules/consultations/components/QuestionField";
import { loadQuestionnaire } from "~/modules/consultations/consultations.server";
import { loadManaged } from "~/modules/consultations/routes.server";

export const handle = { title: "Preview a question" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const c = await loadManaged(context, request, params.id);
  const questionId = rowIdParam(params.questionId);
  const sections = await loadQuestionnaire(context.db, c.id);
  const index = sections.findIndex((s) => s.questions.some((q) => q.id === questionId));
  const section = sections[index];
  const question = section?.questions.find((q) => q.id === questionId);
  if (!section || !question) notFound("There is no such question in this consultation.");
  return { consultation: { id: c.id, title: c.title }, section: { title: section!.title, intro: section!.intro }, page: index + 1, pages: sections.length, question: question! };
}

export default function PreviewQuestion() {
  const { consultation, section, page, pages, question } = useLoaderData<typeof loader>();
  const back = `/officer/consultations/${consultation.id}/questions/${question.id}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={back}>Back to the question</Link>
        <span className="govuk-caption-l">Preview</span>
        <h1 className="govuk-heading-l">How residents will see this question</h1>
        <InsetText>This is how the question looks on page {page} of the response form. Answers given here are not saved.</InsetText>
        <section className="moot-preview" aria-labelledby="preview-heading">
          <span className="govuk-caption-m">
            {consultation.title} · page {page} of {pages}
          </span>
          <h2 className="govuk-heading-l" id="preview-heading">{section.title}</h2>
          {section.intro && <p className="govuk-body">{section.intro}</p>}
          <QuestionField q={question} form={EMPTY_FORM} />
        </section>
        <p className="govuk-body">
          <Link className="govuk-link" to={back}>Change the question</Link>
        </p>
      </div>
    </div>
  );
}
