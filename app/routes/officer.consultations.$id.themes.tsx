import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, TextInput, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, notFound } from "~/lib/http.server";
import { createTheme, freeTextAnswers, themeCounts, toggleTag } from "~/modules/consultations/analysis.server";
import { loadManaged } from "~/modules/consultations/routes.server";

export const handle = { title: "Themes and free-text answers" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const c = await loadManaged(context, request, params.id);
  const q = new URL(request.url).searchParams.get("q")?.trim().slice(0, 200) || null;
  const [answers, themes] = await Promise.all([freeTextAnswers(context.db, context.actor, c.id, { q }), themeCounts(context.db, c.id)]);
  if (!answers.ok) notFound();
  return { consultation: { id: c.id, title: c.title }, answers: answers.value.answers, themes, q: q ?? "" };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const c = await loadManaged(context, request, params.id);
  const formData = await request.formData();
  const result = formData.get("intent") === "tag" ? await toggleTag(context.db, context.actor, c.id, formInput(formData)) : await createTheme(context.db, context.actor, c.id, formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const });
}

export default function ThemesPage() {
  const { consultation, answers, themes, q } = useLoaderData<typeof loader>();
  const form = useFormState();
  return (
    <>
      <ErrorSummary form={form} />
      <span className="govuk-caption-l">{consultation.title}</span>
      <h1 className="govuk-heading-l">Themes and free-text answers</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <h2 className="govuk-heading-m">Themes</h2>
          <ul className="govuk-list">
            {themes.map((t) => (
              <li key={t.id}>
                {t.name} ({t.responses})
              </li>
            ))}
          </ul>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="theme" />
            <TextInput form={form} name="name" label="New theme" />
            <Button secondary>Add theme</Button>
          </Form>
        </div>
        <div className="govuk-grid-column-two-thirds">
          <form method="get" role="search" aria-label="Search answers">
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="q">
                Search answers
              </label>
              <input className="govuk-input govuk-!-width-two-thirds" id="q" name="q" type="search" defaultValue={q} />{" "}
              <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                Search
              </button>
            </div>
          </form>
          <h2 className="govuk-heading-m">
            {answers.length} {answers.length === 1 ? "answer" : "answers"}
          </h2>
          {answers.map((a) => (
            <div className="govuk-summary-card" key={`${a.response_id}-${a.question_id}`}>
              <div className="govuk-summary-card__title-wrapper">
                <h3 className="govuk-summary-card__title">
                  {a.reference}: {a.prompt}
                </h3>
              </div>
              <div className="govuk-summary-card__content">
                <p className="govuk-body">{a.text_value}</p>
                {themes.map((t) => {
                  const tagged = a.theme_ids.includes(t.id);
                  return (
                    <Form method="post" className="moot-inline-form" key={t.id}>
                      <input type="hidden" name="intent" value="tag" />
                      <input type="hidden" name="responseId" value={a.response_id} />
                      <input type="hidden" name="questionId" value={a.question_id} />
                      <input type="hidden" name="themeId" value={t.id} />
                      <button type="submit" className={`govuk-button govuk-button--${tagged ? "primary" : "secondary"} govuk-!-margin-right-2 govuk-!-margin-bottom-2`} aria-pressed={tagged}>
                        {tagged ? "Tagged: " : "Tag: "}
                        {t.name}
                        <span className="govuk-visually-hidden"> for answer {a.reference}</span>
                      </button>
                    </Form>
                  );
                })}
              </div>
            </div>
          ))}
        </div>
      </div>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/officer/consultations/${consultation.id}`}>Back to the consultation</Link>
      </p>
    </>
  );
}
