/** The clerk links a decision to the plan, consultation or expression of interest it decides (or that informed it). */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, Radios, Select, useFormState } from "~/components/govuk/form";
import { DoneBanner } from "~/components/govuk/done-banner";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, requireUser, rowIdParam } from "~/lib/http.server";
import { linkDecisionSubject, subjectChoices, unlinkDecisionSubject } from "~/modules/commissioning/decision-subjects.server";
import { SUBJECT_KIND_LABELS } from "~/modules/commissioning/labels";
import { DECISION_RELATION_LABELS } from "~/modules/commissioning/rules";
import { DECISION_RELATIONS } from "../../db/tables/commissioning";

export const handle = { title: "What the decision cites" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  const page = await subjectChoices(context.db, context.actor, rowIdParam(params.id));
  if (!page) notFound("There is no decision at this address that you clerk.");
  return page;
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  const input = { ...formInput(formData), decisionId: params.id };
  const removing = formData.get("intent") === "remove";
  const result = removing ? await unlinkDecisionSubject(context.db, context.actor, input) : await linkDecisionSubject(context.db, context.actor, input);
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, done: removing ? "The link has been removed" : "The decision now cites it" });
}

export default function DecisionSubjects() {
  const { decision, current, choices } = useLoaderData<typeof loader>();
  const form = useFormState({ relation: "informs" });
  const adding = form.values.intent !== "remove" ? form : { errors: {}, values: { relation: "informs" } };
  return (
    <>
      <ErrorSummary form={form} />
      <DoneBanner />
      <a className="govuk-back-link" href={`/decisions/${decision.id}`}>Back to the decision</a>
      <span className="govuk-caption-l">{decision.boardName}, {decision.decidedOn}</span>
      <h1 className="govuk-heading-l">What the decision cites: {decision.itemTitle}</h1>
      <p className="govuk-body">“{decision.text}”</p>
      <p className="govuk-body">Link the commissioning plan, consultation or expression of interest this decision decides, or that informed it. Each shows the decision on its own page.</p>
      <ul className="govuk-list govuk-list--bullet">
        <li>A consultation can be cited once it has been open to the public; a decision can decide on it only after it has closed.</li>
        <li>An expression of interest can be approved only once the council has accepted it, and rejected only once the council has rejected it.</li>
        <li>A commissioning plan is decided at its Plan stage; once past the approval gate a new decision can only inform it.</li>
      </ul>

      <h2 className="govuk-heading-m">Cited now</h2>
      {current.length ? (
        <dl className="govuk-summary-list" data-testid="cited-now">
          {current.map((c) => (
            <div className="govuk-summary-list__row" key={c.value}>
              <dt className="govuk-summary-list__key">{DECISION_RELATION_LABELS[c.relation]}</dt>
              <dd className="govuk-summary-list__value">{SUBJECT_KIND_LABELS[c.kind]}: <a className="govuk-link" href={c.href}>{c.title}</a></dd>
              <dd className="govuk-summary-list__actions">
                <Form method="post">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="subject" value={c.value} />
                  <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">Remove<span className="govuk-visually-hidden"> the link to {c.title}</span></button>
                </Form>
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="govuk-body">This decision cites nothing yet.</p>
      )}

      <h2 className="govuk-heading-m">Cite a plan, consultation or expression of interest</h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="link" />
        <Select form={adding} name="subject" label="What the decision cites" placeholder="Choose one" options={choices} />
        <Radios form={adding} name="relation" label="What the decision does to it" options={DECISION_RELATIONS.map((r) => ({ value: r, label: DECISION_RELATION_LABELS[r] }))} />
        <Button>Save the link</Button>
      </Form>
    </>
  );
}
