import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { InsetText, SummaryList, Tag } from "~/components/govuk/content";
import { DoneBanner } from "~/components/govuk/done-banner";
import { Button, EMPTY_FORM, ErrorSummary, Radios, Textarea, TextInput, type FormState } from "~/components/govuk/form";
import { InlineAction } from "~/components/govuk/inline-action";
import { TableHead } from "~/components/govuk/table-head";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, requireUser, rowIdParam } from "~/lib/http.server";
import type { FormFailure } from "~/lib/result";
import { formatValue } from "~/modules/evidence/chart";
import { LineChart } from "~/modules/evidence/components/LineChart";
import { longDate } from "~/modules/evidence/dates";
import { evidenceLinks } from "~/modules/evidence/links";
import { DELIVERY_OPTION_LABELS } from "~/modules/evidence/review-schema";
import { RATING_COLOURS, ratingLabel } from "~/modules/providers/components/labels";
import { addAction, closeImprovementPlan, completeStep, openImprovementPlan, ratePeriod, recordPayment } from "~/modules/providers/management.server";
import { formatPounds } from "~/modules/providers/money";
import { arrangementPage } from "~/modules/providers/page.server";
import { monthLabel } from "~/modules/providers/periods";
import { ARRANGEMENT_KIND_LABELS, FREQUENCY_LABELS, GRANT_APPROVAL_LABELS, PAYMENT_MODEL_LABELS, PROVIDER_KIND_LABELS, RATING_LABELS, THEME_LABELS } from "~/modules/providers/schema";
import { londonDay } from "~/modules/calendar/days";
import { grantApproval } from "~/modules/providers/grants.server";
import { GrantApprovalSummary } from "~/modules/providers/components/GrantApproval";
import { ChangeHistory } from "~/modules/providers/components/ChangeHistory";
import { ResidentVoice } from "~/modules/providers/components/ResidentVoice";

export const handle = { title: (d: unknown) => (d as { page?: { arrangement: { title: string } } })?.page?.arrangement.title ?? "Contract or grant" };
export const links = evidenceLinks;

export async function loader({ context, params }: LoaderFunctionArgs) {
  const page = await arrangementPage(context.db, context.actor, rowIdParam(params.id));
  if (!page) notFound("There is no contract or grant at this address.");
  const grant = page.arrangement.kind === "grant" ? await grantApproval(context.db, page.arrangement.id) : null;
  return { page, grant, today: londonDay(new Date()) };
}

const DONE = {
  rate: "The period has been rated",
  action: "The action has been recorded",
  plan: "The improvement plan has been opened",
  step: "The step has been marked done",
  closePlan: "The improvement plan has been closed",
  payment: "The payment has been recorded",
} as const;
type Intent = keyof typeof DONE;

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "") as Intent;
  const input = { ...formInput(formData), arrangementId: params.id };
  const run = { rate: ratePeriod, action: addAction, plan: openImprovementPlan, step: completeStep, closePlan: closeImprovementPlan, payment: recordPayment }[intent];
  if (!run) return formFailure({ errors: { _form: "Choose what to do" }, status: 400 }, formData);
  const result = await run(context.db, context.actor, input);
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, done: DONE[intent] });
}

const kindOf = (kind: string) => ARRANGEMENT_KIND_LABELS[kind as keyof typeof ARRANGEMENT_KIND_LABELS] ?? kind;

export default function ArrangementPage() {
  const { page, grant, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormFailure | { ok: true; done: string } | undefined;
  const failed = result && !result.ok ? result : null;
  const formFor = (intent: Intent, defaults: FormState["values"] = {}): FormState =>
    failed && failed.values.intent === intent ? { errors: failed.errors, values: failed.values } : { ...EMPTY_FORM, values: defaults };
  const a = page.arrangement;
  const c = a.commercial;
  const openPlan = page.plans.find((p) => !p.closedOn);
  const lastMonth = `${today.slice(0, 7)}-01`;
  const summary: FormState = failed ? { errors: failed.errors, values: failed.values } : EMPTY_FORM;

  return (
    <>
      <ErrorSummary form={summary} />
      <DoneBanner />
      <a className="govuk-back-link" href="/contracts">All contracts and grants</a>
      <span className="govuk-caption-l">
        {kindOf(a.kind)} · {a.providerName}
      </span>
      <h1 className="govuk-heading-l">{a.title}</h1>
      {openPlan && <InsetText>This {kindOf(a.kind).toLowerCase()} is under an improvement plan opened on {longDate(openPlan.openedOn)}.</InsetText>}
      {page.late.length > 0 && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            Late {page.late.length === 1 ? "return" : "returns"}: {page.late.map((l) => `${monthLabel(l.period)} (due ${longDate(l.dueOn)})`).join(", ")}
          </strong>
        </div>
      )}

      <SummaryList
        rows={[
          { key: "Provider", value: <>{a.providerName} <span className="govuk-hint govuk-!-display-inline">({PROVIDER_KIND_LABELS[a.providerKind]})</span></> },
          { key: "Runs", value: `${longDate(a.startsOn)} to ${longDate(a.endsOn)}${a.terminatedOn ? " (ended early)" : ""}` },
          ...(a.terminatedOn && a.terminationReason ? [{ key: "Why it ended early", value: a.terminationReason }] : []),
          ...(a.extensionOptions ? [{ key: "Extension options", value: a.extensionOptions }] : []),
          ...(page.extensionOptions.length
            ? [{ key: "Options recorded", value: page.extensionOptions.map((o) => <span key={o.id} className="govuk-!-display-block">Up to {o.months} months{o.usedOn && o.extendedTo ? `: used, to ${longDate(o.extendedTo)}` : ": not used"}</span>) }]
            : []),
          { key: "Area", value: a.localityName ?? "Council-wide" },
          {
            key: "Commissioned through",
            value: a.reviewId ? (
              <>
                <a className="govuk-link" href={`/commissioning-reviews/${a.reviewId}`}>{a.serviceArea}</a>
                {a.reviewOption && ` (option: ${DELIVERY_OPTION_LABELS[a.reviewOption]})`}
              </>
            ) : (
              "Arranged before Moot (no commissioning review recorded)"
            ),
          },
          ...(a.approvalRoute ? [{ key: "Approved by", value: grant ? <GrantApprovalSummary grant={grant} arrangementId={a.id} /> : GRANT_APPROVAL_LABELS[a.approvalRoute] }] : []),
          ...(a.conditions ? [{ key: "Conditions", value: a.conditions }] : []),
          { key: "Outcomes it serves", value: page.outcomes.length ? page.outcomes.map((o) => <a key={o.id} className="govuk-link govuk-!-display-block" href={`/outcomes/${o.id}`}>{o.title}</a>) : "None recorded" },
          ...(a.managerName ? [{ key: "Contract manager", value: a.managerName }] : []),
          ...(a.critical ? [{ key: "Critical service", value: "Yes: a contingency plan is kept for provider failure" }] : []),
        ]}
      />

      <h2 className="govuk-heading-m">Money and terms</h2>
      {c ? (
        <SummaryList
          rows={[
            { key: "Total value", value: formatPounds(c.valuePence) },
            {
              key: "Payment",
              value:
                c.paymentModel === "per_unit" && c.unitPricePence !== null
                  ? `${PAYMENT_MODEL_LABELS.per_unit}: ${formatPounds(c.unitPricePence)} per ${c.unitName}`
                  : c.paymentModel === "payment_by_results"
                    ? `${PAYMENT_MODEL_LABELS.payment_by_results}: ${c.atRiskPercent}% of the price at risk`
                    : PAYMENT_MODEL_LABELS.fixed,
            },
            ...(c.paymentTerms ? [{ key: "Payment terms", value: c.paymentTerms }] : []),
            { key: "Paid so far", value: `${formatPounds(c.paidPence)} (${formatPounds(Math.max(0, c.valuePence - c.paidPence))} left)` },
            ...(page.access.internal ? [{ key: "Deductions", value: formatPounds(c.deductedPence) }] : []),
          ]}
        />
      ) : (
        <p className="govuk-body">The value and payment terms of this {kindOf(a.kind).toLowerCase()} are commercially confidential.</p>
      )}
      {a.keyTerms !== null && a.keyTerms && (
        <>
          <h3 className="govuk-heading-s">Key terms for members</h3>
          <p className="govuk-body">{a.keyTerms}</p>
        </>
      )}

      <h2 className="govuk-heading-m">Performance against the KPIs</h2>
      {page.kpis.length ? (
        page.kpis.map((k) => (
          <section key={k.id} aria-labelledby={`kpi-${k.id}`}>
            <p className="govuk-body-s govuk-!-margin-bottom-1" id={`kpi-${k.id}`}>
              KPI {k.id} · {FREQUENCY_LABELS[k.frequency as keyof typeof FREQUENCY_LABELS]} · target {formatValue(k.target)} {k.unit}
              {k.onTarget !== null && <> · {k.onTarget ? <Tag colour="green">On target</Tag> : <Tag colour="red">Below target</Tag>}</>}
              {k.measure && (
                <>
                  {" "}· counts towards <a className="govuk-link" href={`/outcomes/${k.measure.id}`}>{k.measure.title}</a>
                </>
              )}
            </p>
            {k.definition && <p className="govuk-body-s govuk-!-margin-bottom-1">{k.definition}</p>}
            {k.deductionRule && <p className="govuk-body-s govuk-!-margin-bottom-1">Deduction: {k.deductionRule}</p>}
            {page.access.manage && (
              <p className="govuk-body-s govuk-!-margin-bottom-1">
                <a className="govuk-link" href={`/contracts/${a.id}/kpis/${k.id}`}>Change KPI {k.id}<span className="govuk-visually-hidden">: {k.title}</span></a>
              </p>
            )}
            <LineChart data={k.chart} />
          </section>
        ))
      ) : (
        <p className="govuk-body">No KPIs have been set yet.</p>
      )}

      {page.residentVoice && <ResidentVoice voice={page.residentVoice} arrangementId={a.id} />}
      <p className="govuk-body">
        <a className="govuk-link" href={`/contracts/${a.id}/feedback`}>Tell us about this service</a>
      </p>

      {page.socialValue.length > 0 && (
        <table className="govuk-table">
          <TableHead caption="Social value commitments" captionSize="m" columns={["Theme", "Outcome", "Measure", { text: "Target", numeric: true }, { text: "Delivered so far", numeric: true }]} />
          <tbody className="govuk-table__body">
            {page.socialValue.map((s) => (
              <tr className="govuk-table__row" key={s.id}>
                <td className="govuk-table__cell">{THEME_LABELS[s.theme].split(":")[0]}</td>
                <td className="govuk-table__cell">{s.outcome}</td>
                <td className="govuk-table__cell">{s.measure}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{formatValue(s.target)} {s.unit}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{formatValue(s.delivered)} {s.unit}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {page.access.internal && (
        <>
          <h2 className="govuk-heading-m">Improvement plans</h2>
          {page.plans.length ? (
            page.plans.map((p) => (
              <div key={p.id} className="govuk-!-margin-bottom-6">
                <h3 className="govuk-heading-s">
                  Opened {longDate(p.openedOn)} {p.closedOn ? <Tag colour="grey">{`Closed ${longDate(p.closedOn)}`}</Tag> : <Tag colour="orange">Open</Tag>}
                </h3>
                <p className="govuk-body">{p.reason}</p>
                <table className="govuk-table">
                  <TableHead caption={`Steps of the plan opened ${longDate(p.openedOn)}`} columns={["Step", "Due", "Done"]} action={page.access.manage && !p.closedOn} />
                  <tbody className="govuk-table__body">
                    {p.steps.map((s) => (
                      <tr className="govuk-table__row" key={s.id}>
                        <td className="govuk-table__cell">{s.step}</td>
                        <td className="govuk-table__cell">{longDate(s.dueOn)}</td>
                        <td className="govuk-table__cell">{s.doneOn ? longDate(s.doneOn) : s.dueOn < today ? <Tag colour="red">Overdue</Tag> : "Not yet"}</td>
                        {page.access.manage && !p.closedOn && (
                          <td className="govuk-table__cell">
                            {!s.doneOn && (
                              <InlineAction intent="step" fields={{ stepId: s.id, doneOn: today }}>
                                Mark done today<span className="govuk-visually-hidden">: {s.step}</span>
                              </InlineAction>
                            )}
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
                {page.access.manage && !p.closedOn && (
                  <InlineAction intent="closePlan" fields={{ planId: p.id, closedOn: today }}>
                    Close this improvement plan today
                  </InlineAction>
                )}
              </div>
            ))
          ) : (
            <p className="govuk-body">No improvement plan has been needed.</p>
          )}

          <table className="govuk-table">
            <TableHead caption="Ratings by period" captionSize="m" columns={["Period", "Rating", "Notes", ...(c ? [{ text: "Deduction", numeric: true }] : [])]} />
            <tbody className="govuk-table__body">
              {page.ratings.length ? (
                page.ratings.slice(0, 24).map((r) => (
                  <tr className="govuk-table__row" key={r.period}>
                    <th scope="row" className="govuk-table__header">{monthLabel(r.period)}</th>
                    <td className="govuk-table__cell"><Tag colour={RATING_COLOURS[r.rating]}>{ratingLabel(r.rating)}</Tag></td>
                    <td className="govuk-table__cell">{r.notes}</td>
                    {c && <td className="govuk-table__cell govuk-table__cell--numeric">{r.deductionPence ? formatPounds(r.deductionPence) : "–"}</td>}
                  </tr>
                ))
              ) : (
                <tr className="govuk-table__row"><td className="govuk-table__cell" colSpan={c ? 4 : 3}>No period has been rated yet.</td></tr>
              )}
            </tbody>
          </table>

          <table className="govuk-table">
            <TableHead caption="Actions" captionSize="m" columns={["Action", "Owner", "Due"]} />
            <tbody className="govuk-table__body">
              {page.actions.length ? (
                page.actions.map((x) => (
                  <tr className="govuk-table__row" key={x.id}>
                    <td className="govuk-table__cell">{x.action}</td>
                    <td className="govuk-table__cell">{x.owner}</td>
                    <td className="govuk-table__cell">{x.dueOn ? longDate(x.dueOn) : "–"}</td>
                  </tr>
                ))
              ) : (
                <tr className="govuk-table__row"><td className="govuk-table__cell" colSpan={3}>No actions recorded.</td></tr>
              )}
            </tbody>
          </table>

          <table className="govuk-table">
            <TableHead caption="Latest returns" captionSize="m" columns={["Period", "Narrative", "Sent", "Files"]} />
            <tbody className="govuk-table__body">
              {page.returns.map((r) => (
                <tr className="govuk-table__row" key={r.id}>
                  <th scope="row" className="govuk-table__header">{monthLabel(r.period)}</th>
                  <td className="govuk-table__cell">{r.narrative || "–"}{r.socialValueNarrative && <><br />Social value: {r.socialValueNarrative}</>}</td>
                  <td className="govuk-table__cell">{longDate(r.submittedAt.slice(0, 10))}{r.submittedBy && ` by ${r.submittedBy}`}</td>
                  <td className="govuk-table__cell">
                    {page.returnFiles.filter((f) => f.returnId === r.id).map((f) => (
                      <a key={f.id} className="govuk-link govuk-!-display-block" href={`/contracts/${a.id}/files/${f.id}`} download>{f.title}</a>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>

          <ChangeHistory entries={page.history} />

          {page.contingencyPlan && (
            <>
              <h2 className="govuk-heading-m">Contingency plan for provider failure</h2>
              <SummaryList rows={[{ key: "Signs of failure", value: page.contingencyPlan.failureSigns }, { key: "Immediate actions", value: page.contingencyPlan.immediateActions }, { key: "Fallback", value: page.contingencyPlan.fallback }]} />
            </>
          )}
          {page.exitPlan && (
            <>
              <h2 className="govuk-heading-m">Exit plan</h2>
              <SummaryList
                rows={[
                  { key: "Exit date", value: longDate(page.exitPlan.exitOn) },
                  { key: "People affected", value: page.exitPlan.peopleAffected },
                  { key: "Transition", value: page.exitPlan.transition },
                  { key: "Communication", value: page.exitPlan.communication },
                  { key: "Equality impact assessment", value: <a className="govuk-link" href={`/evidence/${page.exitPlan.equalityAssessment.id}`}>{page.exitPlan.equalityAssessment.title}</a> },
                  { key: "Post-exit evaluation due", value: longDate(page.exitPlan.evaluationDueOn) },
                ]}
              />
            </>
          )}
        </>
      )}

      {c && page.payments.length > 0 && (
        <details className="govuk-details">
          <summary className="govuk-details__summary"><span className="govuk-details__summary-text">Payments ({page.payments.length})</span></summary>
          <div className="govuk-details__text">
            <table className="govuk-table">
              <TableHead caption="Payments" columns={["Paid on", { text: "Amount", numeric: true }, "Note"]} />
              <tbody className="govuk-table__body">
                {page.payments.map((p) => (
                  <tr className="govuk-table__row" key={p.id}>
                    <td className="govuk-table__cell">{longDate(p.paidOn)}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{formatPounds(p.amountPence)}</td>
                    <td className="govuk-table__cell">{p.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}

      {page.access.own && (
        <p className="govuk-body">
          <a className="govuk-link" href={`/provider/contracts/${a.id}`}>Send a return for this {kindOf(a.kind).toLowerCase()}</a>
        </p>
      )}

      {page.access.manage && (
        <section aria-labelledby="manage" className="govuk-!-margin-top-8">
          <h2 className="govuk-heading-l" id="manage">Manage this {kindOf(a.kind).toLowerCase()}</h2>
          <p className="govuk-body">
            <a className="govuk-link" href={`/contracts/${a.id}/setup`}>Add KPIs, social value commitments, an exit plan or a contingency plan</a>
          </p>
          <p className="govuk-body">
            <a className="govuk-link" href={`/contracts/${a.id}/change`}>Change the terms, extend, end early or reopen a rated period</a>
          </p>

          <h3 className="govuk-heading-m">Rate a period</h3>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="rate" />
            <TextInput form={formFor("rate")} name="period" label="Period" hint={`The month, like ${lastMonth.slice(0, 7)}. Rating a period closes it to returns.`} width="10" />
            <Radios form={formFor("rate")} name="rating" label="Rating" inline options={Object.entries(RATING_LABELS).map(([value, label]) => ({ value, label }))} />
            <Textarea form={formFor("rate")} name="notes" label="Notes" rows={3} />
            <TextInput form={formFor("rate")} name="deduction" label="Deduction, in pounds (optional)" width="10" inputMode="decimal" />
            <Button>Save rating</Button>
          </Form>

          <h3 className="govuk-heading-m">Record an action</h3>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="action" />
            <Textarea form={formFor("action")} name="action" label="Action" rows={2} />
            <TextInput form={formFor("action")} name="owner" label="Owner" />
            <TextInput form={formFor("action")} name="dueOn" label="Due date (optional)" hint="Like 2027-01-31" width="10" />
            <Button secondary>Record action</Button>
          </Form>

          {!openPlan && (
            <>
              <h3 className="govuk-heading-m">Open an improvement plan</h3>
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="plan" />
                <Textarea form={formFor("plan")} name="reason" label="Why the plan is needed" rows={3} />
                <TextInput form={formFor("plan", { openedOn: today })} name="openedOn" label="Opens on" hint="Like 2026-11-30" width="10" />
                {[0, 1, 2].map((i) => (
                  <fieldset className="govuk-fieldset" key={i}>
                    <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Step {i + 1}{i > 0 && " (optional)"}</legend>
                    <TextInput form={formFor("plan")} name={`steps[${i}].step`} label="What will be done" />
                    <TextInput form={formFor("plan")} name={`steps[${i}].dueOn`} label="Due date" hint="Like 2027-01-31" width="10" />
                  </fieldset>
                ))}
                {formFor("plan").errors.steps && <p className="govuk-error-message" id="steps"><span className="govuk-visually-hidden">Error:</span> {formFor("plan").errors.steps}</p>}
                <Button secondary>Open improvement plan</Button>
              </Form>
            </>
          )}

          {c && (
            <>
              <h3 className="govuk-heading-m">Record a payment</h3>
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="payment" />
                <TextInput form={formFor("payment", { paidOn: today })} name="paidOn" label="Paid on" hint="Like 2026-11-30" width="10" />
                <TextInput form={formFor("payment")} name="amount" label="Amount, in pounds" width="10" inputMode="decimal" />
                <TextInput form={formFor("payment")} name="note" label="Note (optional)" />
                <Button secondary>Record payment</Button>
              </Form>
            </>
          )}
        </section>
      )}
    </>
  );
}
