import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, rowIdParam } from "~/lib/http.server";
import { pageParam } from "~/lib/ids";
import { getResults } from "~/modules/consultations/analysis.server";
import { findingOf } from "~/modules/consultations/findings.server";
import { QuestionSummaryView } from "~/modules/consultations/components/QuestionSummary";
import { formatLondonDate } from "~/lib/london-time";
import { TableHead } from "~/components/govuk/table-head";
import { DoneNotice } from "~/components/govuk/confirm";

export const handle = { title: (data: unknown) => `Results: ${(data as { consultation?: { title: string } })?.consultation?.title ?? "consultation"}` };

export async function loader({ context, params, request }: LoaderFunctionArgs) {
  const page = pageParam(new URL(request.url).searchParams.get("page"));
  const result = await getResults(context.db, rowIdParam(params.id), { page });
  if (!result.ok) notFound(result.errors._form);
  const { consultation: c, ...rest } = result.value;
  return {
    ...rest,
    finding: await findingOf(context.db, context.actor, c.id),
    consultation: { id: c.id, title: c.title, summary: c.summary, closesAt: c.closes_at, resultsSummary: c.results_summary, decision: c.decision, decidedBy: c.decided_by },
  };
}

export default function ResultsPage() {
  const { consultation: c, total, summaries, themes, published, publishedCount, page, pages, finding } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <DoneNotice messages={{ published: { done: "The results are published", next: "This page is now public, and people who follow the consultation are told. Link the findings to evidence from the officer pages." } }} />
        <span className="govuk-caption-l">Consultation results</span>
        <h1 className="govuk-heading-l">{c.title}</h1>
        <p className="govuk-body">
          Closed on {formatLondonDate(c.closesAt)}. {total} {total === 1 ? "person" : "people"} responded.
        </p>
        <h2 className="govuk-heading-l">We asked</h2>
        <p className="govuk-body">{c.summary}</p>
        <h2 className="govuk-heading-l">You said</h2>
        <p className="govuk-body">{c.resultsSummary}</p>
        {themes.length > 0 && (
          <table className="govuk-table">
            <TableHead caption="Key themes" captionSize="m" columns={["Theme", { text: "Responses", numeric: true }]} />
            <tbody className="govuk-table__body">
              {[...themes].sort((a, b) => b.responses - a.responses).map((t) => (
                <tr className="govuk-table__row" key={t.id}>
                  <th scope="row" className="govuk-table__header">{t.name}</th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{t.responses}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {summaries.filter((s) => s.question.kind !== "free_text").map((s) => (
          <QuestionSummaryView key={s.question.id} summary={s} />
        ))}
        <h2 className="govuk-heading-l">We did</h2>
        <p className="govuk-body">{c.decision}</p>
        <p className="govuk-body">
          <strong>Decided by:</strong> {c.decidedBy}
        </p>
        {finding && (
          <p className="govuk-body">
            This is recorded in the evidence library: <Link className="govuk-link" to={`/evidence/${finding.id}`}>{finding.title}</Link>.
          </p>
        )}
        <h2 className="govuk-heading-l">Published responses</h2>
        <p className="govuk-body">
          {publishedCount} {publishedCount === 1 ? "person" : "people"} agreed that we could publish their response. We publish only those.
        </p>
        {published.map((p, i) => (
          <div key={i} className="govuk-summary-card">
            <div className="govuk-summary-card__title-wrapper">
              <h3 className="govuk-summary-card__title">{p.name}</h3>
            </div>
            <div className="govuk-summary-card__content">
              {p.answers.length === 0 ? (
                <p className="govuk-body">No written comments.</p>
              ) : (
                p.answers.map((a, j) => (
                  <div key={j}>
                    <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{a.prompt}</p>
                    <p className="govuk-body">{a.text}</p>
                  </div>
                ))
              )}
            </div>
          </div>
        ))}
        {pages > 1 && (
          <nav className="govuk-pagination" aria-label="Published responses pages">
            {page > 1 && (
              <div className="govuk-pagination__prev">
                <Link className="govuk-link govuk-pagination__link" to={`?page=${page - 1}`} rel="prev">
                  <span className="govuk-pagination__link-title">Previous</span>
                </Link>
              </div>
            )}
            <p className="govuk-body govuk-!-margin-bottom-0">
              Page {page} of {pages}
            </p>
            {page < pages && (
              <div className="govuk-pagination__next">
                <Link className="govuk-link govuk-pagination__link" to={`?page=${page + 1}`} rel="next">
                  <span className="govuk-pagination__link-title">Next</span>
                </Link>
              </div>
            )}
          </nav>
        )}
        <p className="govuk-body">
          <Link className="govuk-link" to={`/consultations/${c.id}`}>About this consultation</Link>
        </p>
      </div>
    </div>
  );
}
