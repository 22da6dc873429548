import { DateInput } from "~/components/govuk/date-input";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { InsetText } from "~/components/govuk/content";
import { Button, ErrorSummary, Select, Textarea, TextInput, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, notFound } from "~/lib/http.server";
import { findingForm, recordConsultationFinding } from "~/modules/consultations/findings.server";
import { listLocalities } from "~/modules/localities/localities.server";
import { listNodeOptions } from "~/modules/outcomes/outcomes.server";
import { ANALYSIS_ACTIONS, equalityAggregate, getAnalysis } from "~/modules/consultations/analysis.server";
import { SUPPRESS_BELOW } from "~/modules/consultations/schema";
import { QuestionSummaryView } from "~/modules/consultations/components/QuestionSummary";
import { loadManaged } from "~/modules/consultations/routes.server";
import { can } from "~/modules/permissions/permissions";
import { OutcomesField, VisibilityField } from "~/modules/evidence/components/EvidenceFields";
import { TableHead } from "~/components/govuk/table-head";
import { targetOf } from "~/modules/consultations/consultations.server";
import { TableScroll } from "~/components/govuk/table-scroll";

export const handle = { title: "Analysis of responses" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const c = await loadManaged(context, request, params.id, ANALYSIS_ACTIONS);
  const analysis = await getAnalysis(context.db, context.actor, c.id);
  if (!analysis.ok) notFound();
  const equality = can(context.actor, "consultation.analyse", targetOf(c)) ? await equalityAggregate(context.db, context.actor, c.id) : null;
  const { consultation, ...rest } = analysis.value;
  const mayManage = can(context.actor, "consultation.manage", targetOf(c));
  return { ...rest, consultation: { id: consultation.id, title: consultation.title }, equality: equality?.ok ? equality.value : null, mayManage, finding: mayManage ? await evidenceForm(context, request, c.id) : null };
}

/** The "Add to the evidence library" form (closed consultations only), or the finding already recorded. */
async function evidenceForm(context: LoaderFunctionArgs["context"], request: Request, id: number) {
  const form = await findingForm(context.db, context.actor, id, `${new URL(request.url).origin}/consultations/${id}/results`);
  if (!form.ok) return null;
  if (form.value.recorded) return { recorded: form.value.recorded, values: {}, localities: [], outcomes: [] };
  const [localities, outcomes] = await Promise.all([listLocalities(context.db), listNodeOptions(context.db)]);
  return { recorded: null, values: form.value.values, localities, outcomes };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const c = await loadManaged(context, request, params.id);
  const formData = await request.formData();
  const result = await recordConsultationFinding(context.db, context.actor, c.id, formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/officer/consultations/${c.id}/analysis#evidence-library`);
}

type FindingFormData = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["finding"]>;

function AddToEvidence({ finding }: { finding: FindingFormData }) {
  const form = useFormState(finding.values);
  if (finding.recorded) {
    return (
      <InsetText>
        These results are recorded in the evidence library: <Link className="govuk-link" to={`/evidence/${finding.recorded.id}`}>{finding.recorded.title}</Link>.
      </InsetText>
    );
  }
  return (
    <Form method="post" noValidate>
      <p className="govuk-body">Add what residents told us to the evidence library as a consultation finding, tagged to its outcomes, so it shows on the outcome and locality pages. You can do this once. Check the summary first.</p>
      <TextInput form={form} name="title" label="Title" />
      <Textarea form={form} name="summary" label="Summary" hint="The number of responses and the key themes, with their counts." rows={8} />
      <TextInput form={form} name="sourceUrl" label="Link to the results" type="url" spellCheck={false} hint="The published results page." />
      <DateInput form={form} name="periodStart" label="When the consultation opened" hint="For example, 5 1 2026" />
      <DateInput form={form} name="periodEnd" label="When it closed" hint="For example, 15 2 2026" />
      <Select form={form} name="localityId" label="Area" options={[{ value: "", label: "Council-wide" }, ...finding.localities.map((l) => ({ value: String(l.id), label: l.name }))]} />
      <VisibilityField form={form} />
      <OutcomesField form={form} outcomes={finding.outcomes} hint="The consultation’s own outcomes are already selected." />
      <Button>Add to the evidence library</Button>
    </Form>
  );
}

export default function AnalysisPage() {
  const { consultation, total, localities, summaries, themes, equality, mayManage, finding } = useLoaderData<typeof loader>();
  const base = `/officer/consultations/${consultation.id}`;
  const form = useFormState();
  return (
    <>
      <ErrorSummary form={form} />
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
          <p className="govuk-body">
            Totals only. Where fewer than {SUPPRESS_BELOW} people gave an answer the number is hidden, and so is at least one other number
            in the same table, so that a hidden number cannot be worked out from the others. If fewer than {SUPPRESS_BELOW} people
            answered at all, every number is hidden.
          </p>
          {equality.breakdowns.map((b) => (
            <TableScroll label={b.label}>
            <table className="govuk-table" key={b.field}>
              <TableHead caption={b.label} captionSize="s" columns={["Answer", { text: "People", numeric: true }]} />
              <tbody className="govuk-table__body">
                {b.rows.map((r) => (
                  <tr className="govuk-table__row" key={r.answer}>
                    <th scope="row" className="govuk-table__header">{r.answer}</th>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{r.count === null ? "Hidden" : r.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            </TableScroll>
          ))}
        </>
      )}
      {finding && (
        <section aria-labelledby="evidence-library">
          <h2 className="govuk-heading-m" id="evidence-library">
            {finding.recorded ? "In the evidence library" : "Add to the evidence library"}
          </h2>
          <AddToEvidence finding={finding} />
        </section>
      )}
      {mayManage && (
        <p className="govuk-body">
          <Link className="govuk-link" to={base}>Back to the consultation</Link>
        </p>
      )}
    </>
  );
}
