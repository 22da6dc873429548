import { DateInput } from "~/components/govuk/date-input";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { SummaryList, Tag } from "~/components/govuk/content";
import { Button, Checkboxes, EMPTY_FORM, ErrorSummary, Select, Textarea, TextInput, type FormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, requireUser, rowIdParam } from "~/lib/http.server";
import type { FormFailure } from "~/lib/result";
import { EvidenceList } from "~/modules/evidence/components/EvidenceList";
import { longDate } from "~/modules/evidence/dates";
import { searchEvidence } from "~/modules/evidence/evidence.server";
import { evidenceLinks } from "~/modules/evidence/links";
import { advanceReview, getReview, saveStage } from "~/modules/evidence/reviews.server";
import { addMilestone, draftMeetingsFor, markMilestoneDone, submitPlanToAgenda } from "~/modules/commissioning/plans.server";
import { Approval, EqualityAssessment, Milestones, OptionAppraisals, OptionComparison, RiskRegister, ServicesAnalysis } from "~/modules/commissioning/components/PlanSections";
import { londonDay } from "~/modules/calendar/days";
import { DELIVERY_OPTION_LABELS } from "~/modules/evidence/review-schema";
import { STAGE_LABELS } from "~/modules/evidence/schema";
import { STAGE_TRANSITIONS } from "~/modules/evidence/transitions";
import { listNodeOptions } from "~/modules/outcomes/outcomes.server";
import { ANYWHERE, can } from "~/modules/permissions/permissions";
import { COMMISSIONING_STAGES, type CommissioningStage } from "../../db/tables/evidence";
import { DoneBanner } from "~/components/govuk/done-banner";
import { TableScroll } from "~/components/govuk/table-scroll";

export const handle = { title: (d: unknown) => (d as { review?: { serviceArea: string } })?.review?.serviceArea ?? "Commissioning review" };
export const links = evidenceLinks;

export async function loader({ context, params }: LoaderFunctionArgs) {
  const review = await getReview(context.db, context.actor, rowIdParam(params.id));
  if (!review) notFound("There is no commissioning review at this address.");
  const canManage = review.canManage;
  const [library, outcomes, meetings] = canManage
    ? await Promise.all([searchEvidence(context.db, context.actor, {}, { limit: 500 }), listNodeOptions(context.db), review.stage === "plan" ? draftMeetingsFor(context.db, context.actor) : []])
    : [null, [], review.stage === "plan" && can(context.actor, "board.manage", ANYWHERE) ? await draftMeetingsFor(context.db, context.actor) : []];
  return { review, canManage, today: londonDay(new Date()), meetings, library: library?.items.map((e) => ({ id: e.id, title: e.title })) ?? [], outcomes: outcomes.filter((o) => o.kind !== "measure") };
}

type Intent = "stage" | "advance" | "milestone" | "milestone-done" | "submit";

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  const intent = formData.get("intent") as Intent;
  const input = { ...formInput(formData), reviewId: params.id };
  const { db, actor } = context;
  if (intent === "advance") {
    const moved = await advanceReview(db, actor, input);
    if (!moved.ok) return formFailure(moved, formData);
    if (String(moved.value.reviewId) !== params.id) return redirect(`/commissioning-reviews/${moved.value.reviewId}`);
    return data({ ok: true as const, done: "The review has moved to the next stage" });
  }
  const result =
    intent === "milestone" ? await addMilestone(db, actor, input)
    : intent === "milestone-done" ? await markMilestoneDone(db, actor, input)
    : intent === "submit" ? await submitPlanToAgenda(db, actor, input)
    : await saveStage(db, actor, input);
  if (!result.ok) return formFailure(result, formData);
  const done = { milestone: "The milestone has been added", "milestone-done": "The milestone is done", submit: "The plan is on the agenda as an item for decision", stage: "The stage has been saved" } as const;
  return data({ ok: true as const, done: done[intent as keyof typeof done] ?? done.stage });
}

const paragraphs = (text: string, empty: string) => (text ? text : <span className="govuk-hint">{empty}</span>);

export default function Review() {
  const { review, canManage, library, outcomes, meetings, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormFailure | { ok: true; done: string } | undefined;
  const failed = result && !result.ok ? result : null;
  const formFor = (intent: Intent, defaults: FormState["values"]): FormState =>
    failed && failed.values.intent === intent ? { errors: failed.errors, values: failed.values } : { ...EMPTY_FORM, values: defaults };
  const stage = review.stage;
  const plan = review.plan;
  const citedIds = (s: CommissioningStage) => review.evidence[s].map((e) => String(e.id));
  const stageForm = formFor("stage", {
    needsSummary: review.needsSummary,
    outcomeNodeIds: review.outcomes.map((o) => String(o.id)),
    decommissionConsultation: review.decommissionConsultation,
    deliveryArrangement: review.deliveryArrangement,
    performanceSummary: review.performanceSummary,
    reviewDate: review.reviewDate ?? "",
    evidenceItemIds: citedIds(stage),
  });
  const milestoneForm = formFor("milestone", {});
  const submitForm = formFor("submit", {});
  const summary: FormState = failed ? { errors: failed.errors, values: failed.values } : EMPTY_FORM;
  const next = STAGE_TRANSITIONS[stage];
  const base = `/commissioning-reviews/${review.id}`;

  return (
    <>
      <ErrorSummary form={summary} />
      <DoneBanner />
      <a className="govuk-back-link" href={plan.strategy ? `/commissioning-strategies/${plan.strategy.id}` : "/commissioning-reviews"}>{plan.strategy ? `Strategy: ${plan.strategy.title}` : "All commissioning reviews"}</a>
      <span className="govuk-caption-l">Commissioning review · {review.localityName ?? "Council-wide"}{plan.cycle > 1 ? ` · cycle ${plan.cycle}` : ""}</span>
      <h1 className="govuk-heading-l">{review.serviceArea}</h1>
      <ol className="govuk-list moot-stages" aria-label="Commissioning cycle">
        {COMMISSIONING_STAGES.map((s) => (
          <li key={s} aria-current={s === stage ? "step" : undefined} className="govuk-!-display-inline-block govuk-!-margin-right-2">
            {s === stage ? <Tag colour="blue">{`${STAGE_LABELS[s]} (current stage)`}</Tag> : <Tag colour="grey">{STAGE_LABELS[s]}</Tag>}
          </li>
        ))}
      </ol>
      <SummaryList
        rows={[
          { key: "Accountable commissioner", value: plan.commissioner?.name ?? "Not named" },
          { key: "Strategy", value: plan.strategy ? <a className="govuk-link" href={`/commissioning-strategies/${plan.strategy.id}`}>{plan.strategy.title}</a> : "None" },
          { key: "Cycle", value: <>
            {plan.cycle}
            {plan.previousReviewId && <> · <a className="govuk-link" href={`/commissioning-reviews/${plan.previousReviewId}`}>Previous cycle</a></>}
            {plan.nextReviewId && <> · <a className="govuk-link" href={`/commissioning-reviews/${plan.nextReviewId}`}>Next cycle</a></>}
          </> },
        ]}
      />

      <h2 className="govuk-heading-m">Analyse: needs assessment</h2>
      <p className="govuk-body">{paragraphs(review.needsSummary, "Not written yet.")}</p>
      <EvidenceList items={review.evidence.analyse} empty="No evidence cited at this stage yet." />

      <h2 className="govuk-heading-m">Plan: the commissioning plan</h2>
      <SummaryList
        rows={[
          { key: "Outcomes sought", value: review.outcomes.length ? review.outcomes.map((o) => <a key={o.id} className="govuk-link govuk-!-display-block" href={`/outcomes/${o.id}`}>{o.title}</a>) : "Not chosen yet" },
          { key: "Chosen option", value: review.chosenOption ? DELIVERY_OPTION_LABELS[review.chosenOption] : "Not chosen yet" },
          { key: "Why", value: paragraphs(review.rationale, "Not written yet.") },
          ...(review.decommissionConsultation ? [{ key: "Consultation with those affected", value: /^https?:\/\//.test(review.decommissionConsultation) ? <a className="govuk-link" href={review.decommissionConsultation}>{review.decommissionConsultation}</a> : review.decommissionConsultation }] : []),
        ]}
      />
      <h3 className="govuk-heading-s">Services analysis</h3>
      <ServicesAnalysis plan={plan} />
      <h3 className="govuk-heading-s">Delivery analysis</h3>
      <OptionComparison plan={plan} chosen={review.chosenOption} />
      <OptionAppraisals plan={plan} chosen={review.chosenOption} editHref={canManage && stage === "plan" ? (o) => `${base}/options/${o}` : undefined} />
      <h3 className="govuk-heading-s">Equality impact assessment</h3>
      <EqualityAssessment plan={plan} />
      {canManage && stage === "plan" && (
        <ul className="govuk-list">
          <li><a className="govuk-link" href={`${base}/plan`}>Change the services analysis and the chosen option</a></li>
          <li><a className="govuk-link" href={`${base}/options/new`}>Appraise a delivery option</a></li>
          <li><a className="govuk-link" href={`${base}/equality`}>Record the equality impact assessment</a></li>
        </ul>
      )}
      <Milestones
        plan={plan}
        changeHref={canManage && stage !== "analyse" ? (id) => `${base}/milestones/${id}` : undefined}
        doneButton={canManage && stage !== "analyse" ? (id) => (
          <Form method="post">
            <input type="hidden" name="intent" value="milestone-done" />
            <input type="hidden" name="milestoneId" value={id} />
            <input type="hidden" name="doneOn" value={today} />
            <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">Mark done<span className="govuk-visually-hidden"> today</span></button>
          </Form>
        ) : undefined}
      />
      {plan.risks && <RiskRegister risks={plan.risks} />}
      {canManage && stage !== "analyse" && <p className="govuk-body"><a className="govuk-link" href={`${base}/risks`}>Manage the risk register</a></p>}
      <EvidenceList items={review.evidence.plan} empty="No evidence cited at this stage yet." />

      <h3 className="govuk-heading-s">Approval by a board</h3>
      <Approval plan={plan} />

      <h2 className="govuk-heading-m">Do: delivery arrangement</h2>
      <p className="govuk-body">{paragraphs(review.deliveryArrangement, "Not written yet.")}</p>
      <EvidenceList items={review.evidence.do} empty="No evidence cited at this stage yet." />

      <h2 className="govuk-heading-m">Review: performance against the measures</h2>
      <p className="govuk-body">{paragraphs(review.performanceSummary, "Not written yet.")}</p>
      <p className="govuk-body">Review date: {review.reviewDate ? longDate(review.reviewDate) : "not set"}</p>
      <EvidenceList items={review.evidence.review} empty="No evidence cited at this stage yet." />

      {meetings.length > 0 && (
        <section aria-labelledby="submit" className="govuk-!-margin-top-8">
          <h2 className="govuk-heading-m" id="submit">Put this plan on an agenda for decision</h2>
          {plan.gaps.length > 0 && <p className="govuk-body">Before it can go for approval: {plan.gaps.join("; ")}.</p>}
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="submit" />
            <Select form={submitForm} name="meetingId" label="Meeting (draft agendas you manage)" options={[{ value: "", label: "Choose a meeting" }, ...meetings.map((m) => ({ value: String(m.id), label: m.label }))]} />
            <Button secondary>Add to the agenda as an item for decision</Button>
          </Form>
        </section>
      )}

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

          {(stage === "plan" || stage === "do") && (
            <>
              <h3 className="govuk-heading-m">Add a delivery plan milestone</h3>
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="milestone" />
                <TextInput form={milestoneForm} name="title" label="Milestone" />
                <TextInput form={milestoneForm} name="dueOn" label="Due date" hint={`For example, 2027-03-31. It must fall within the plan period${plan.planEndsOn ? ` (ends ${longDate(plan.planEndsOn)})` : ""}.`} width="10" />
                <Button secondary>Add milestone</Button>
              </Form>
            </>
          )}

          {!plan.nextReviewId && (
            <Form method="post">
              <input type="hidden" name="intent" value="advance" />
              <input type="hidden" name="to" value={next} />
              <Button secondary>{stage === "review" ? "Start the next cycle (a new review of this service)" : `Move to ${STAGE_LABELS[next]}`}</Button>
            </Form>
          )}
        </section>
      )}
    </>
  );
}
