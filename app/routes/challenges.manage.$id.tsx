import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmLink, ConfirmStep, DoneNotice, useConfirming } from "~/components/govuk/confirm";
import { InsetText, SummaryList } from "~/components/govuk/content";
import { DateInput } from "~/components/govuk/date-input";
import { Button, Checkboxes, ErrorSummary, Radios, Textarea, useFormState } from "~/components/govuk/form";
import { formInput, validate } from "~/lib/forms";
import { officerActionSchema } from "~/modules/challenges/schema";
import { formFailure, rowIdParam } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { evidenceChoices, getEoi, officerAction, recordEvidenceConsidered } from "~/modules/challenges/challenges.server";
import { DecisionNotice, EoiAnswers, EvidenceConsidered, History, StatusTag } from "~/modules/challenges/components/EoiParts";
import { EVIDENCE_TYPE_LABELS } from "~/modules/evidence/schema";
import { orThrow } from "~/modules/challenges/routes.server";
import { DECISIONS, nextMoves, REJECTION_GROUND_KEYS, REJECTION_GROUNDS, STATUS_LABELS, type EoiStatus } from "~/modules/challenges/transitions";
import { londonDay } from "~/modules/challenges/deadlines";
import { formatDate } from "~/modules/meetings/format";

export const handle = { title: (d: unknown) => `Handle: ${(d as { eoi?: { title: string } })?.eoi?.title ?? "expression of interest"}` };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requirePermission(context, request, "challenge.handle");
  const [eoi, choices] = await Promise.all([getEoi(context.db, context.actor, rowIdParam(params.id)), evidenceChoices(context.db, context.actor)]);
  return { ...orThrow(eoi), choices: orThrow(choices) };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requirePermission(context, request, "challenge.handle");
  const eoiId = String(rowIdParam(params.id));
  const formData = await request.formData();
  const input = { ...formInput(formData), eoiId };
  const intent = String(formData.get("intent") ?? "");
  // Acknowledging, closing and issuing a decision notice are told to the group: "are you sure" first.
  if (CONFIRM.has(intent) && formData.get("confirmed") !== "yes") {
    if (intent === "decide") {
      // Check the answers first (the module's own schema), so the "are you sure" page shows a valid notice.
      const checked = validate(officerActionSchema, input);
      if (!checked.ok) return formFailure(checked, formData);
      return data({ confirm: "decide" as const, values: formInput(formData) as Record<string, string | string[]> });
    }
    return redirect(`/challenges/manage/${eoiId}?confirm=${intent}`);
  }
  const result = intent === "evidence" ? await recordEvidenceConsidered(context.db, context.actor, input) : await officerAction(context.db, context.actor, input);
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/challenges/manage/${eoiId}${CONFIRM.has(intent) || intent === "notify_decision_date" ? `?done=${intent}` : ""}`);
}

const CONFIRM = new Set(["acknowledge", "close", "decide"]);

/** What the council owes next on the EOI (its clock's next item), in words. */
const WHAT_NEXT: Record<string, string> = {
  acknowledge: "Acknowledge receipt",
  notify_decision_date: "Tell the group the date by which the council will decide",
  decide: "Decide",
  start_procurement: "Start procurement before the window closes",
};

const SIMPLE: Partial<Record<EoiStatus, { intent: string; label: string }>> = {
  acknowledged: { intent: "acknowledge", label: "Acknowledge receipt" },
  under_consideration: { intent: "consider", label: "Start considering" },
  procurement_pending: { intent: "procurement_pending", label: "Mark procurement pending" },
  procurement_started: { intent: "procurement_started", label: "Record that procurement has started" },
  closed: { intent: "close", label: "Close" },
};

export default function HandleEoi() {
  const { eoi, events, notice, sections, due, considered, choices } = useLoaderData<typeof loader>();
  const form = useFormState();
  // The evidence form starts from what is recorded, unless it is the form that just failed.
  const evidenceForm =
    form.values.intent === "evidence"
      ? form
      : { errors: {}, values: { evidenceItemIds: considered.evidence.map((e) => String(e.id)), outcomeNodeIds: considered.outcomes.map((o) => String(o.id)) } };
  const moves = nextMoves(eoi.status, "officer").map((m) => m.to);
  const decisions = DECISIONS.filter((d) => moves.includes(d));
  const confirming = useConfirming();
  const answer = useActionData() as { confirm?: "decide"; values?: Record<string, string | string[]> } | undefined;
  const back = `/challenges/manage/${eoi.id}`;
  const next = due ? `Next: ${(WHAT_NEXT[due.what] ?? "").toLowerCase() || "the next step"}, by ${formatDate(due.dueOn)}.` : "Nothing more is due from the council on it.";
  if (confirming === "acknowledge" && moves.includes("acknowledged")) {
    return (
      <>
        <span className="govuk-caption-l">{eoi.groupName} – EOI-{eoi.id}</span>
        <ConfirmStep heading="Are you sure you want to acknowledge receipt?" confirmLabel="Yes, acknowledge receipt" cancelTo={back} hidden={{ intent: "acknowledge" }}>
          <p className="govuk-body">The group is told that the council has received “{eoi.title}”{due ? `; the acknowledgement is due by ${formatDate(due.dueOn)}` : ""}.</p>
          <p className="govuk-body">After this, the council must tell the group, within 30 days of receiving it, the date by which it will decide.</p>
        </ConfirmStep>
      </>
    );
  }
  if (confirming === "close" && moves.includes("closed")) {
    return (
      <>
        <span className="govuk-caption-l">{eoi.groupName} – EOI-{eoi.id}</span>
        <ConfirmStep heading="Are you sure you want to close this expression of interest?" confirmLabel="Yes, close it" cancelTo={back} hidden={{ intent: "close" }} warning>
          <p className="govuk-body">Closing ends the council’s handling of “{eoi.title}”. It stays on the public register.</p>
        </ConfirmStep>
      </>
    );
  }
  if (answer?.confirm === "decide" && answer.values) {
    const v = answer.values;
    const grounds = ([] as string[]).concat(v.grounds ?? []);
    return (
      <>
        <span className="govuk-caption-l">{eoi.groupName} – EOI-{eoi.id}</span>
        <ConfirmStep heading="Are you sure you want to issue the decision notice?" confirmLabel="Yes, issue the decision notice" cancelTo={back} hidden={{ intent: "decide", decision: String(v.decision ?? ""), reasons: String(v.reasons ?? "") }}>
          <p className="govuk-body">The decision notice is sent to the group and published on the register. It cannot be withdrawn.</p>
          <SummaryList
            rows={[
              { key: "Decision", value: STATUS_LABELS[String(v.decision ?? "") as EoiStatus] ?? "Not chosen" },
              { key: "Reasons", value: String(v.reasons ?? "") || "Not given" },
              ...(grounds.length ? [{ key: "Statutory grounds", value: grounds.map((g) => REJECTION_GROUNDS[g as keyof typeof REJECTION_GROUNDS] ?? g).join("; ") }] : []),
            ]}
          />
          {grounds.map((g) => <input key={g} type="hidden" name="grounds" value={g} />)}
        </ConfirmStep>
      </>
    );
  }
  return (
    <>
      <ErrorSummary form={form} />
      <DoneNotice
        messages={{
          acknowledge: { done: "Receipt acknowledged", next },
          notify_decision_date: { done: "The group has been told the decision date", next },
          decide: { done: "The decision notice is issued", next: `It is on the public register. ${next}` },
          close: { done: "The expression of interest is closed", next: "It stays on the public register." },
        }}
      />
      <span className="govuk-caption-l">{eoi.groupName} – EOI-{eoi.id}</span>
      <h1 className="govuk-heading-l">{eoi.title}</h1>
      <SummaryList
        rows={[
          { key: "Status", value: <StatusTag status={eoi.status} /> },
          { key: "Service", value: eoi.serviceName },
          { key: "Received", value: eoi.submittedAt ? londonDay(new Date(eoi.submittedAt)) : "" },
          ...(due ? [{ key: "Next deadline", value: `${due.dueOn} (${due.state})` }] : []),
          ...(eoi.decisionDueOn ? [{ key: "Decision due by", value: eoi.decisionDueOn }] : []),
          ...(eoi.procurementClosesOn ? [{ key: "Procurement window", value: `${eoi.procurementOpensOn} to ${eoi.procurementClosesOn}` }] : []),
        ]}
      />

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {moves.map((to) => {
            const simple = SIMPLE[to];
            if (simple && CONFIRM.has(simple.intent)) {
              return (
                <p key={to}>
                  <ConfirmLink to={`?confirm=${simple.intent}`} warning={simple.intent === "close"}>{simple.label}</ConfirmLink>
                </p>
              );
            }
            return simple ? (
              <Form method="post" key={to}>
                <input type="hidden" name="intent" value={simple.intent} />
                <Button>{simple.label}</Button>
              </Form>
            ) : null;
          })}

          {moves.includes("decision_date_notified") && (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="notify_decision_date" />
              <DateInput form={form} name="decisionDueOn" label="The date by which the council will decide" hint="For example, 31 1 2027. The group must be told within 30 days of receipt." />
              <Button>Tell the group the decision date</Button>
            </Form>
          )}

          {eoi.modification && <InsetText>Modification proposed: {eoi.modification}</InsetText>}

          {moves.includes("modification_proposed") && (
            <Form method="post" noValidate>
              <h2 className="govuk-heading-m">Propose a modification</h2>
              <input type="hidden" name="intent" value="propose_modification" />
              <Textarea form={form} name="modification" label="The modification the council proposes" hint="The group must agree before the council can accept with this modification." rows={4} />
              <Button secondary>Propose modification</Button>
            </Form>
          )}

          {decisions.length > 0 && (
            <Form method="post" noValidate>
              <h2 className="govuk-heading-m">Decide</h2>
              <input type="hidden" name="intent" value="decide" />
              <Radios form={form} name="decision" label="Decision" options={decisions.map((d) => ({ value: d, label: STATUS_LABELS[d] }))} />
              <Textarea form={form} name="reasons" label="Reasons for the decision" hint="These are published in the decision notice." rows={5} />
              <Checkboxes
                form={form}
                name="grounds"
                label="Statutory grounds (required to reject)"
                options={REJECTION_GROUND_KEYS.map((g) => ({ value: g, label: REJECTION_GROUNDS[g] }))}
              />
              <Button>Issue decision notice</Button>
            </Form>
          )}
        </div>
      </div>

      {notice && <DecisionNotice notice={notice} />}
      <EvidenceConsidered considered={considered} empty="No evidence recorded as considered yet." />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <details className="govuk-details" open={form.values.intent === "evidence"}>
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">Record the evidence considered</span>
            </summary>
            <div className="govuk-details__text">
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="evidence" />
                <Checkboxes
                  form={evidenceForm}
                  name="evidenceItemIds"
                  label="Evidence from the library"
                  hint="Tick everything the council considered. Untick an item to take it off. Only public evidence is shown on the register."
                  options={choices.evidence.map((e) => ({ value: String(e.id), label: e.title, hint: `${EVIDENCE_TYPE_LABELS[e.type]}, ${e.localityName ?? "council-wide"}${e.visibility === "internal" ? ", internal" : ""}` }))}
                />
                <Checkboxes
                  form={evidenceForm}
                  name="outcomeNodeIds"
                  label="Outcomes the proposal was considered against"
                  options={choices.outcomes.map((o) => ({ value: String(o.id), label: o.title, hint: o.kind === "priority" ? "Priority" : undefined }))}
                />
                <Button secondary>Save evidence considered</Button>
              </Form>
            </div>
          </details>
        </div>
      </div>
      <EoiAnswers eoi={eoi} sections={sections} />
      <History events={events} />
      <p className="govuk-body"><a className="govuk-link" href="/challenges/manage">Back to all expressions of interest</a></p>
    </>
  );
}
