import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { SummaryList, Tag } from "~/components/govuk/content";
import { Button, ErrorSummary, useFormState } from "~/components/govuk/form";
import { formFailure } from "~/lib/http.server";
import { changeStatus, getSettings, loadQuestionnaire, periodWarning, readinessProblems, responseCount, statusHistory, type OfficerMove } from "~/modules/consultations/consultations.server";
import { settle } from "~/lib/effects.server";
import { findingOf } from "~/modules/consultations/findings.server";
import { formatDay } from "~/lib/dates";
import { formatLondon } from "~/lib/london-time";
import { loadManaged } from "~/modules/consultations/routes.server";
import { STATUS_COLOURS, STATUS_LABELS, effectiveStatus } from "~/modules/consultations/transitions";
import { TableHead } from "~/components/govuk/table-head";
import { DoneBanner } from "~/components/govuk/done-banner";

export const handle = { title: (data: unknown) => `Manage: ${(data as { consultation?: { title: string } })?.consultation?.title ?? "consultation"}` };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const c = await loadManaged(context, request, params.id);
  const now = new Date();
  const [settings, sections, history, responses, finding] = await Promise.all([getSettings(context.db), loadQuestionnaire(context.db, c.id), statusHistory(context.db, c.id), responseCount(context.db, c.id), findingOf(context.db, context.actor, c.id)]);
  const status = effectiveStatus(c, now);
  const questions = sections.reduce((n, s) => n + s.questions.length, 0);
  return {
    consultation: { id: c.id, title: c.title, status, opensAt: c.opens_at, closesAt: c.closes_at, retentionUntil: c.retention_until, shortPeriodReason: c.short_period_reason, localities: c.localities.map((l) => l.name), wholeCouncil: c.whole_council },
    warning: periodWarning(c, settings.min_length_days),
    missing: status === "draft" ? Object.values(readinessProblems(c, questions, now)) : [],
    questions,
    responses,
    history,
    finding,
  };
}

const MOVES: OfficerMove[] = ["schedule", "unschedule", "open_now", "close_now"];

export async function action({ context, request, params }: ActionFunctionArgs) {
  const c = await loadManaged(context, request, params.id);
  const formData = await request.formData();
  const move = String(formData.get("move"));
  if (!MOVES.includes(move as OfficerMove)) return formFailure({ errors: { _form: "Choose what to do" } }, formData);
  const result = await settle(context.bus, changeStatus(context.db, context.actor, c.id, move as OfficerMove));
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, done: `The consultation is now ${STATUS_LABELS[result.value.status].toLowerCase()}` });
}

export default function ManageConsultation() {
  const { consultation: c, warning, missing, questions, responses, history, finding } = useLoaderData<typeof loader>();
  const form = useFormState();
  const base = `/officer/consultations/${c.id}`;
  const openingPassed = c.status === "draft" && c.opensAt !== null && new Date(c.opensAt) <= new Date();
  return (
    <>
      <ErrorSummary form={form} />
      <DoneBanner />
      <span className="govuk-caption-l">Manage consultation</span>
      <h1 className="govuk-heading-l">{c.title}</h1>
      <Tag colour={STATUS_COLOURS[c.status]}>{STATUS_LABELS[c.status]}</Tag>
      {warning && (
        <div className="govuk-warning-text govuk-!-margin-top-4">
          <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {warning}
            {c.shortPeriodReason && ` Reason recorded: ${c.shortPeriodReason}`}
          </strong>
        </div>
      )}
      <SummaryList
        rows={[
          { key: "Opens", value: formatLondon(c.opensAt) },
          { key: "Closes", value: formatLondon(c.closesAt) },
          { key: "Where", value: c.wholeCouncil ? "Whole council" : c.localities.join(", ") || "Not chosen" },
          { key: "Questions", value: String(questions), action: <Link className="govuk-link" to={`${base}/questions`}>Questions<span className="govuk-visually-hidden"> for this consultation</span></Link> },
          { key: "Responses sent", value: String(responses) },
          { key: "Personal data kept until", value: formatDay(c.retentionUntil) },
        ]}
      />
      <ul className="govuk-list">
        <li><Link className="govuk-link" to={`/consultations/${c.id}`}>View the public page</Link></li>
        {["draft", "scheduled", "open"].includes(c.status) && <li><Link className="govuk-link" to={`${base}/edit`}>Edit details</Link></li>}
        <li><Link className="govuk-link" to={`${base}/documents`}>Supporting documents</Link></li>
        <li><Link className="govuk-link" to={`${base}/analysis`}>Analysis of responses</Link></li>
        <li><Link className="govuk-link" to={`${base}/themes`}>Themes and free-text answers</Link></li>
        <li><Link className="govuk-link" to={`${base}/duplicate`}>Duplicate this consultation</Link></li>
        {c.status === "closed" && <li><Link className="govuk-link" to={`${base}/results`}>Publish the results</Link></li>}
        {c.status === "results_published" && <li><Link className="govuk-link" to={`/consultations/${c.id}/results`}>View the published results</Link></li>}
        {finding ? (
          <li><Link className="govuk-link" to={`/evidence/${finding.id}`}>The results in the evidence library</Link></li>
        ) : (
          (c.status === "closed" || c.status === "results_published") && <li><Link className="govuk-link" to={`${base}/analysis#evidence-library`}>Add the results to the evidence library</Link></li>
        )}
      </ul>
      {missing.length > 0 && (
        <>
          <h2 className="govuk-heading-m">Before you can schedule it</h2>
          <ul className="govuk-list govuk-list--bullet">
            {missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
          {openingPassed && (
            <p className="govuk-body">
              The opening time has passed. <Link className="govuk-link" to={`${base}/edit`}>Change the opening date</Link> to schedule it, or open it now.
            </p>
          )}
        </>
      )}
      <Form method="post">
        <div className="govuk-button-group">
          {c.status === "draft" && !openingPassed && <Button name="move" value="schedule">Schedule</Button>}
          {(c.status === "scheduled" || c.status === "draft") && (
            <Button secondary={c.status === "draft" && !openingPassed} name="move" value="open_now">
              Open now
            </Button>
          )}
          {c.status === "scheduled" && <Button secondary name="move" value="unschedule">Return to draft</Button>}
          {c.status === "open" && <Button warning name="move" value="close_now">Close now</Button>}
        </div>
      </Form>
      <h2 className="govuk-heading-m">History</h2>
      <table className="govuk-table">
        <TableHead caption="Changes of state" columns={["When", "Change", "By"]} />
        <tbody className="govuk-table__body">
          {history.map((h) => (
            <tr className="govuk-table__row" key={h.id}>
              <td className="govuk-table__cell">{formatLondon(h.at)}</td>
              <td className="govuk-table__cell">
                {h.from_status ? `${STATUS_LABELS[h.from_status]} → ` : ""}
                {STATUS_LABELS[h.to_status]}
                {h.reason && <span className="govuk-body-s"> ({h.reason})</span>}
              </td>
              <td className="govuk-table__cell">{h.changed_by_name ?? "Automatically, at the set time"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
