import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { settle } from "~/lib/effects.server";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { InsetText, SummaryList } from "~/components/govuk/content";
import { Button, ErrorSummary, Textarea, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, requireUser, rowIdParam } from "~/lib/http.server";
import { getEoi, groupRespond, submitEoi } from "~/modules/challenges/challenges.server";
import { DecisionNotice, EoiAnswers, History, StatusTag } from "~/modules/challenges/components/EoiParts";
import { orThrow } from "~/modules/challenges/routes.server";
import { isOpen } from "~/modules/challenges/transitions";
import { londonDay } from "~/modules/challenges/deadlines";
import { formatDate } from "~/lib/dates";

export const handle = {
  title: (d: unknown) => {
    const eoi = (d as { eoi?: { status: string; title: string } })?.eoi;
    return eoi?.status === "draft" ? "Check your answers" : (eoi?.title ?? "Expression of interest");
  },
};

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  return orThrow(await getEoi(context.db, context.actor, rowIdParam(params.id)));
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const eoiId = String(rowIdParam(params.id));
  const formData = await request.formData();
  const input = { ...formInput(formData), eoiId };
  const result = formData.get("intent") === "submit" ? await settle(context.bus, submitEoi(context.db, context.actor, input)) : await groupRespond(context.db, context.actor, input);
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/challenges/eois/${eoiId}?done=${encodeURIComponent(String(formData.get("intent") ?? ""))}`);
}

export default function GroupEoiPage() {
  const { eoi, events, notice, sections, missing, member, statutoryDates: dates } = useLoaderData<typeof loader>();
  const form = useFormState();
  const [params] = useSearchParams();
  const draft = eoi.status === "draft";
  const justSubmitted = params.get("done") === "submit" && eoi.status !== "draft" && dates;
  return (
    <>
      <ErrorSummary form={form} />
      {justSubmitted && (
        <>
          <div className="govuk-panel govuk-panel--confirmation">
            <h1 className="govuk-panel__title">Expression of interest submitted</h1>
            <div className="govuk-panel__body">
              Your reference
              <br />
              <strong>EOI-{eoi.id}</strong>
            </div>
          </div>
          <h2 className="govuk-heading-m">What happens next</h2>
          <p className="govuk-body">The council received your expression of interest on {formatDate(dates.receivedOn)}. By law and the council’s own rules it must:</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>
              acknowledge it in writing by <strong>{formatDate(dates.acknowledgementDueOn)}</strong> ({dates.acknowledgeWorkingDays} working days)
            </li>
            <li>
              tell you, by <strong>{formatDate(dates.decisionDateNoticeDueOn)}</strong> ({dates.decisionDateNoticeDays} days), the date by which it will decide
            </li>
          </ul>
          <p className="govuk-body">We will send messages to your group’s page. You can follow the expression of interest below.</p>
        </>
      )}
      <span className="govuk-caption-l">{eoi.groupName} – EOI-{eoi.id}</span>
      {justSubmitted ? <h2 className="govuk-heading-l">{eoi.title}</h2> : <h1 className="govuk-heading-l">{draft ? "Check your answers" : eoi.title}</h1>}
      {!draft && (
        <SummaryList
          rows={[
            { key: "Status", value: <StatusTag status={eoi.status} /> },
            { key: "Received", value: eoi.submittedAt ? formatDate(londonDay(new Date(eoi.submittedAt))) : "" },
            ...(eoi.decisionDueOn ? [{ key: "Decision due by", value: formatDate(eoi.decisionDueOn) }] : []),
            ...(eoi.procurementClosesOn ? [{ key: "Procurement to start", value: `between ${formatDate(eoi.procurementOpensOn)} and ${formatDate(eoi.procurementClosesOn)}` }] : []),
          ]}
        />
      )}
      {notice && <DecisionNotice notice={notice} />}

      {member && eoi.status === "modification_proposed" && (
        <section aria-labelledby="modification">
          <h2 className="govuk-heading-m" id="modification">The council proposes a modification</h2>
          <InsetText>{eoi.modification}</InsetText>
          <Form method="post" noValidate>
            <Textarea form={form} name="comment" label="Anything the group wants to say (optional)" rows={3} />
            <div className="govuk-button-group">
              <Button name="intent" value="agree">The group agrees</Button>
              <Button secondary name="intent" value="decline">The group does not agree</Button>
            </div>
          </Form>
        </section>
      )}

      {draft && missing.length > 0 && (
        <InsetText>
          <p className="govuk-body">Before you can submit, complete:</p>
          <ul className="govuk-list govuk-list--bullet">
            {missing.map((m) => (
              <li key={m.section}><a className="govuk-link" href={`/challenges/eois/${eoi.id}/${m.section}`}>{m.title}</a></li>
            ))}
          </ul>
        </InsetText>
      )}

      <EoiAnswers eoi={eoi} sections={sections} changeHref={draft && member ? (s) => `/challenges/eois/${eoi.id}/${s}` : undefined} />

      {draft && member && (
        <Form method="post">
          <h2 className="govuk-heading-m">Now send your expression of interest</h2>
          <p className="govuk-body">By submitting you confirm the information is correct. You cannot change it after submitting.</p>
          <Button name="intent" value="submit">Submit expression of interest</Button>
        </Form>
      )}

      {!draft && <History events={events} />}

      {member && !draft && isOpen(eoi.status) && (
        <details className="govuk-details">
          <summary className="govuk-details__summary"><span className="govuk-details__summary-text">Withdraw this expression of interest</span></summary>
          <div className="govuk-details__text">
            <Form method="post" noValidate>
              <Textarea form={form} name="reason" label="Why is the group withdrawing?" rows={3} />
              <Button warning name="intent" value="withdraw">Withdraw</Button>
            </Form>
          </div>
        </details>
      )}
      <p className="govuk-body"><a className="govuk-link" href={`/challenges/groups/${eoi.groupId}`}>Back to {eoi.groupName}</a></p>
    </>
  );
}
