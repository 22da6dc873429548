import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound } from "~/lib/http.server";
import { ANALYSIS_ACTIONS, equalityAggregate, getAnalysis } from "~/modules/consultations/analysis.server";
import { SUPPRESS_BELOW } from "~/modules/consultations/schema";
import { QuestionSummaryView } from "~/modules/consultations/components/QuestionSummary";
import { loadManaged } from "~/modules/consultations/routes.server";
import { can } from "~/modules/permissions/permissions";

export const handle = { title: "Analysis of responses" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const c = await loadManaged(context, request, params.id, ANALYSIS_ACTIONS);
  const analysis = await getAnalysis(context.db, context.actor, c.id);
  if (!analysis.ok) notFound();
  const equality = can(context.actor, "consultation.analyse", c.whole_council ? undefined : { kind: "localities", localityIds: c.localityIds }) ? await equalityAggregate(context.db, context.actor, c.id) : null;
  const { consultation, ...rest } = analysis.value;
  const mayManage = can(context.actor, "consultation.manage", c.whole_council ? undefined : { kind: "localities", localityIds: c.localityIds });
  return { ...rest, consultation: { id: consultation.id, title: consultation.title }, equality: equality?.ok ? equality.value : null, mayManage };
}

export default function AnalysisPage() {
  const { consultation, total, localities, summaries, themes, equality, mayManage } = useLoaderData<typeof loader>();
  const base = `/officer/consultations/${consultation.id}`;
  return (
    <>
      <span className="govuk-caption-l">{consultation.title}</span>
      <h1 className="govuk-heading-l">Analysis of responses</h1>
      <p className="govuk-body">
        {total} {total === 1 ? "response has" : "responses have"} been sent. Figures count sent responses only; columns show the respondent’s locality.
      </p>
      {mayManage && <p className="govuk-body">
        Download all responses: <a className="govuk-link" href={`${base}/export/csv`} download>CSV</a> or <a className="govuk-link" href={`${base}/export/xlsx`} download>Excel (XLSX)</a>. Downloads contain reference numbers, not names.
      </p>}
      <h2 className="govuk-heading-m">Themes</h2>
      {themes.length === 0 ? (
        <p className="govuk-body">No themes yet.</p>
      ) : (
        <ul className="govuk-list">
          {themes.map((t) => (
            <li key={t.id}>
              {t.name}: {t.responses} {t.responses === 1 ? "response" : "responses"}
            </li>
          ))}
        </ul>
      )}
      {mayManage && (
        <p className="govuk-body">
          <Link className="govuk-link" to={`${base}/themes`}>Tag free-text answers with themes</Link>
        </p>
      )}
      <h2 className="govuk-heading-m">Answers to each question</h2>
      {summaries.map((s) => (
        <QuestionSummaryView key={s.question.id} summary={s} localities={localities} />
      ))}
      {equality && (
        <>
          <h2 className="govuk-heading-m">Equality monitoring</h2>
          <p className="govuk-body">Totals only. Where fewer than {SUPPRESS_BELOW} people gave an answer the number is hidden.</p>
          {equality.breakdowns.map((b) => (
            <table className="govuk-table" key={b.field}>
              <caption className="govuk-table__caption govuk-table__caption--s">{b.label}</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Answer</th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">People</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {b.rows.map((r) => (
                  <tr className="govuk-table__row" key={r.answer}>
                    <th scope="row" className="govuk-table__header">{r.answer}</th>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{r.count === null ? `Fewer than ${SUPPRESS_BELOW}` : r.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </>
      )}
      {mayManage && (
        <p className="govuk-body">
          <Link className="govuk-link" to={base}>Back to the consultation</Link>
        </p>
      )}
    </>
  );
}
