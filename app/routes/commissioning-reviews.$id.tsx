import { DateInput } from "~/components/govuk/date-input";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { SummaryList, Tag } from "~/components/govuk/content";
import { Button, Checkboxes, EMPTY_FORM, ErrorSummary, Radios, Textarea, TextInput, type FormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, requirePermission, rowIdParam } from "~/lib/http.server";
import type { FormFailure } from "~/lib/result";
import { EvidenceList } from "~/modules/evidence/components/EvidenceList";
import { longDate } from "~/modules/evidence/dates";
import { searchEvidence } from "~/modules/evidence/evidence.server";
import { evidenceLinks } from "~/modules/evidence/links";
import { addRisk, advanceReview, getReview, saveStage } from "~/modules/evidence/reviews.server";
import { DELIVERY_OPTION_LABELS } from "~/modules/evidence/review-schema";
import { STAGE_LABELS } from "~/modules/evidence/schema";
import { STAGE_TRANSITIONS } from "~/modules/evidence/transitions";
import { listNodeOptions } from "~/modules/outcomes/outcomes.server";
import { can } from "~/modules/permissions/permissions";
import { COMMISSIONING_STAGES, RISK_LEVELS, type CommissioningStage } from "../../db/tables/evidence";
import { TableHead } from "~/components/govuk/table-head";
import { DoneBanner } from "~/components/govuk/done-banner";
import { TableScroll } from "~/components/govuk/table-scroll";

export const handle = { title: (d: unknown) => (d as { review?: { serviceArea: string } })?.review?.serviceArea ?? "Commissioning review" };
export const links = evidenceLinks;

export async function loader({ context, params }: LoaderFunctionArgs) {
  const review = await getReview(context.db, context.actor, rowIdParam(params.id));
  if (!review) notFound("There is no commissioning review at this address.");
  const canManage = can(context.actor, "evidence.manage");
  const [library, outcomes] = canManage ? await Promise.all([searchEvidence(context.db, context.actor, {}, { limit: 500 }), listNodeOptions(context.db)]) : [null, []];
  return { review, canManage, library: library?.items.map((e) => ({ id: e.id, title: e.title })) ?? [], outcomes: outcomes.filter((o) => o.kind !== "measure") };
}

type Intent = "stage" | "risk" | "advance";

export async function action({ context, request, params }: ActionFunctionArgs) {
  requirePermission(context, request, "evidence.manage");
  const formData = await request.formData();
  const intent = formData.get("intent") as Intent;
  const input = { ...formInput(formData), reviewId: params.id };
  const result =
    intent === "risk" ? await addRisk(context.db, context.actor, input)
    : intent === "advance" ? await advanceReview(context.db, context.actor, input)
    : await saveStage(context.db, context.actor, input);
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, done: intent === "risk" ? "The risk has been added" : intent === "advance" ? "The review has moved to the next stage" : "The stage has been saved" });
}

const LEVEL = { low: "Low", medium: "Medium", high: "High" } as const;
const paragraphs = (text: string, empty: string) => (text ? text : <span className="govuk-hint">{empty}</span>);

export default function Review() {
  const { review, canManage, library, outcomes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormFailure | { ok: true; done: string } | undefined;
  const failed = result && !result.ok ? result : null;
  const formFor = (intent: Intent, defaults: FormState["values"]): FormState =>
    failed && failed.values.intent === intent ? { errors: failed.errors, values: failed.values } : { ...EMPTY_FORM, values: defaults };
  const stage = review.stage;
  const citedIds = (s: CommissioningStage) => review.evidence[s].map((e) => String(e.id));
  const stageForm = formFor("stage", {
    needsSummary: review.needsSummary,
    outcomeNodeIds: review.outcomes.map((o) => String(o.id)),
    optionsConsidered: review.optionsConsidered,
    chosenOption: review.chosenOption ?? "",
    rationale: review.rationale,
    decommissionConsultation: review.decommissionConsultation,
    deliveryArrangement: review.deliveryArrangement,
    performanceSummary: review.performanceSummary,
    reviewDate: review.reviewDate ?? "",
    evidenceItemIds: citedIds(stage),
  });
  const riskForm = formFor("risk", {});
  const summary: FormState = failed ? { errors: failed.errors, values: failed.values } : EMPTY_FORM;
  const next = STAGE_TRANSITIONS[stage];
  const optionChoices = Object.entries(DELIVERY_OPTION_LABELS).map(([value, label]) => ({ value, label }));

  return (
    <>
      <ErrorSummary form={summary} />
      <DoneBanner />
      <a className="govuk-back-link" href="/commissioning-reviews">All commissioning reviews</a>
      <span className="govuk-caption-l">Commissioning review · {review.localityName ?? "Council-wide"}</span>
      <h1 className="govuk-heading-l">{review.serviceArea}</h1>
      <ol className="govuk-list moot-stages" aria-label="Commissioning cycle">
        {COMMISSIONING_STAGES.map((s) => (
          <li key={s} aria-current={s === stage ? "step" : undefined} className="govuk-!-display-inline-block govuk-!-margin-right-2">
            {s === stage ? <Tag colour="blue">{`${STAGE_LABELS[s]} (current stage)`}</Tag> : <Tag colour="grey">{STAGE_LABELS[s]}</Tag>}
          </li>
        ))}
      </ol>

      <h2 className="govuk-heading-m">Analyse: needs assessment</h2>
      <p className="govuk-body">{paragraphs(review.needsSummary, "Not written yet.")}</p>
      <EvidenceList items={review.evidence.analyse} empty="No evidence cited at this stage yet." />

      <h2 className="govuk-heading-m">Plan: outcomes, options and risks</h2>
      <SummaryList
        rows={[
          { key: "Outcomes sought", value: review.outcomes.length ? review.outcomes.map((o) => <a key={o.id} className="govuk-link govuk-!-display-block" href={`/outcomes/${o.id}`}>{o.title}</a>) : "Not chosen yet" },
          { key: "Options considered", value: review.optionsConsidered.length ? review.optionsConsidered.map((o) => DELIVERY_OPTION_LABELS[o as keyof typeof DELIVERY_OPTION_LABELS]).join("; ") : "None yet" },
          { key: "Chosen option", value: review.chosenOption ? DELIVERY_OPTION_LABELS[review.chosenOption as keyof typeof DELIVERY_OPTION_LABELS] : "Not chosen yet" },
          { key: "Rationale", value: paragraphs(review.rationale, "Not written yet.") },
          ...(review.decommissionConsultation ? [{ key: "Consultation with those affected", value: /^https?:\/\//.test(review.decommissionConsultation) ? <a className="govuk-link" href={review.decommissionConsultation}>{review.decommissionConsultation}</a> : review.decommissionConsultation }] : []),
        ]}
      />
      <TableScroll label={"Risk register"}>
      <table className="govuk-table">
        <TableHead caption="Risk register" captionSize="s" columns={["Risk", "Likelihood", "Impact", "Mitigation", "Owner"]} />
        <tbody className="govuk-table__body">
          {review.risks.length ? (
            review.risks.map((r) => (
              <tr className="govuk-table__row" key={r.id}>
                <td className="govuk-table__cell">{r.risk}</td>
                <td className="govuk-table__cell">{LEVEL[r.likelihood as keyof typeof LEVEL]}</td>
                <td className="govuk-table__cell">{LEVEL[r.impact as keyof typeof LEVEL]}</td>
                <td className="govuk-table__cell">{r.mitigation}</td>
                <td className="govuk-table__cell">{r.owner}</td>
              </tr>
            ))
          ) : (
            <tr className="govuk-table__row">
              <td className="govuk-table__cell" colSpan={5}>No risks recorded yet.</td>
            </tr>
          )}
        </tbody>
      </table>
      </TableScroll>
      <EvidenceList items={review.evidence.plan} empty="No evidence cited at this stage yet." />

      <h2 className="govuk-heading-m">Do: delivery arrangement</h2>
      <p className="govuk-body">{paragraphs(review.deliveryArrangement, "Not written yet.")}</p>
      <EvidenceList items={review.evidence.do} empty="No evidence cited at this stage yet." />

      <h2 className="govuk-heading-m">Review: performance against the measures</h2>
      <p className="govuk-body">{paragraphs(review.performanceSummary, "Not written yet.")}</p>
      <p className="govuk-body">Review date: {review.reviewDate ? longDate(review.reviewDate) : "not set"}</p>
      <EvidenceList items={review.evidence.review} empty="No evidence cited at this stage yet." />

      {canManage && (
        <section aria-labelledby="update" className="govuk-!-margin-top-8">
          <h2 className="govuk-heading-l" id="update">
            Update the {STAGE_LABELS[stage]} stage
          </h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="stage" />
            <input type="hidden" name="stage" value={stage} />
            {stage === "analyse" && <Textarea form={stageForm} name="needsSummary" label="Needs assessment summary" />}
            {stage === "plan" && (
              <>
                <Checkboxes form={stageForm} name="outcomeNodeIds" label="Outcomes sought" options={outcomes.map((o) => ({ value: String(o.id), label: o.label }))} />
                <Checkboxes form={stageForm} name="optionsConsidered" label="Delivery options considered" options={optionChoices} />
                <Radios form={stageForm} name="chosenOption" label="Chosen option" options={optionChoices} />
                <Textarea form={stageForm} name="rationale" label="Rationale for the chosen option" />
                <TextInput form={stageForm} name="decommissionConsultation" label="Consultation with those affected (link or reference)" hint="Required if the chosen option is to decommission the service." />
              </>
            )}
            {stage === "do" && <Textarea form={stageForm} name="deliveryArrangement" label="Delivery arrangement" />}
            {stage === "review" && (
              <>
                <Textarea form={stageForm} name="performanceSummary" label="Performance against the measures" />
                <DateInput form={stageForm} name="reviewDate" label="Review date" hint="For example, 31 3 2027" />
              </>
            )}
            <Checkboxes form={stageForm} name="evidenceItemIds" label={`Evidence cited at the ${STAGE_LABELS[stage]} stage`} options={library.map((e) => ({ value: String(e.id), label: e.title }))} />
            <Button>Save {STAGE_LABELS[stage]} stage</Button>
          </Form>

          {stage === "plan" && (
            <>
              <h3 className="govuk-heading-m">Add a risk</h3>
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="risk" />
                <TextInput form={riskForm} name="risk" label="Risk" />
                <Radios form={riskForm} name="likelihood" label="Likelihood" inline options={RISK_LEVELS.map((l) => ({ value: l, label: LEVEL[l] }))} />
                <Radios form={riskForm} name="impact" label="Impact" inline options={RISK_LEVELS.map((l) => ({ value: l, label: LEVEL[l] }))} />
                <TextInput form={riskForm} name="mitigation" label="Mitigation" />
                <TextInput form={riskForm} name="owner" label="Owner" />
                <Button secondary>Add risk</Button>
              </Form>
            </>
          )}

          <Form method="post">
            <input type="hidden" name="intent" value="advance" />
            <input type="hidden" name="to" value={next} />
            <Button secondary>{stage === "review" ? "Start the next cycle (Analyse)" : `Move to ${STAGE_LABELS[next]}`}</Button>
          </Form>
        </section>
      )}
    </>
  );
}
