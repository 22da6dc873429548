import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Tag } from "~/components/govuk/content";
import { DateInput } from "~/components/govuk/date-input";
import { DoneBanner } from "~/components/govuk/done-banner";
import { Button, EMPTY_FORM, ErrorSummary, Select, Textarea, TextInput, useFormState } from "~/components/govuk/form";
import { formatDay } from "~/lib/dates";
import { formInput } from "~/lib/forms";
import { formFailure, notFound } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { CALL_IN_STATUS_LABELS, WORK_ITEM_STATUS_LABELS, WORK_ITEM_STATUSES } from "~/modules/governance/rules";
import { addRecommendation, addWorkItem, scrutinyBoardPage, setWorkItemStatus } from "~/modules/governance/scrutiny.server";
import { ANYWHERE } from "~/modules/permissions/permissions";

export const handle = { title: (d: unknown) => (d as { board?: { name: string } } | undefined)?.board?.name ?? "Scrutiny board" };

export async function loader({ context, params }: LoaderFunctionArgs) {
  const page = await scrutinyBoardPage(context.db, context.actor, params.slug ?? "");
  if (!page) notFound("There is no scrutiny board at this address.");
  return page;
}

const ACTIONS = { "add-item": addWorkItem, "item-status": setWorkItemStatus, "add-recommendation": addRecommendation };
const DONE = { "add-item": "The item has been added to the work programme", "item-status": "The status has been changed", "add-recommendation": "The recommendation has been added" };

export async function action({ context, request, params }: ActionFunctionArgs) {
  requirePermission(context, request, "scrutiny.manage", ANYWHERE);
  const page = await scrutinyBoardPage(context.db, context.actor, params.slug ?? "");
  if (!page) notFound("There is no scrutiny board at this address.");
  const formData = await request.formData();
  const intent = String(formData.get("intent")) as keyof typeof ACTIONS;
  if (!(intent in ACTIONS)) throw data({ message: "Unknown action" }, { status: 400 });
  const result = await ACTIONS[intent](context.db, context.actor, { ...formInput(formData), boardId: String(page.board.id) });
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, done: DONE[intent] });
}

const STATUS_COLOUR = { proposed: "grey", scheduled: "blue", under_review: "yellow", completed: "green", withdrawn: "red" } as const;

export default function ScrutinyBoard() {
  const { board, work, callIns, recommendations, canManage } = useLoaderData<typeof loader>();
  const form = useFormState({ status: "proposed" });
  const failed = form.values.intent;
  const only = (intent: string) => (failed === intent ? form : EMPTY_FORM);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} />
        <DoneBanner />
        <Link to="/scrutiny" className="govuk-back-link">Scrutiny</Link>
        <span className="govuk-caption-l">Scrutiny board</span>
        <h1 className="govuk-heading-l">{board.name}</h1>
        <p className="govuk-body">{board.remit}</p>
        <p className="govuk-body"><Link className="govuk-link" to={`/boards/${board.slug}`}>Members and meetings</Link></p>

        <h2 className="govuk-heading-m">Work programme</h2>
        {work.length === 0 ? <p className="govuk-body">Nothing is on the work programme yet.</p> : (
          <table className="govuk-table">
            <caption className="govuk-visually-hidden">Work programme</caption>
            <thead className="govuk-table__head"><tr className="govuk-table__row"><th scope="col" className="govuk-table__header">Topic</th><th scope="col" className="govuk-table__header">Planned for</th><th scope="col" className="govuk-table__header">Status</th></tr></thead>
            <tbody className="govuk-table__body">
              {work.map((w) => (
                <tr className="govuk-table__row" key={w.id}>
                  <td className="govuk-table__cell"><span className="govuk-!-font-weight-bold">{w.title}</span>{w.description && <><br /><span className="govuk-body-s">{w.description}</span></>}</td>
                  <td className="govuk-table__cell">{formatDay(w.planned_for, "Not set")}</td>
                  <td className="govuk-table__cell">
                    <Tag colour={STATUS_COLOUR[w.status]}>{WORK_ITEM_STATUS_LABELS[w.status]}</Tag>
                    {canManage && (
                      <Form method="post" className="govuk-!-margin-top-2">
                        <input type="hidden" name="intent" value="item-status" />
                        <input type="hidden" name="workItemId" value={w.id} />
                        <label className="govuk-label govuk-visually-hidden" htmlFor={`status-${w.id}`}>New status for {w.title}</label>
                        <select className="govuk-select" id={`status-${w.id}`} name="status" defaultValue={w.status}>
                          {WORK_ITEM_STATUSES.map((s) => <option key={s} value={s}>{WORK_ITEM_STATUS_LABELS[s]}</option>)}
                        </select>{" "}
                        <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">Change<span className="govuk-visually-hidden"> the status of {w.title}</span></button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        <h2 className="govuk-heading-m">Decisions called in</h2>
        {callIns.length === 0 ? <p className="govuk-body">No decisions have been called in.</p> : (
          <ul className="govuk-list">
            {callIns.map((c) => (
              <li key={c.decision_id}><Link className="govuk-link" to={`/decisions/${c.decision_id}`}>{c.item_title}</Link>, called in on {formatDay(c.called_in_at)}: {CALL_IN_STATUS_LABELS[c.status]}</li>
            ))}
          </ul>
        )}

        <h2 className="govuk-heading-m">Recommendations</h2>
        {recommendations.length === 0 ? <p className="govuk-body">No recommendations yet.</p> : (
          <table className="govuk-table">
            <caption className="govuk-visually-hidden">Recommendations and responses</caption>
            <thead className="govuk-table__head"><tr className="govuk-table__row"><th scope="col" className="govuk-table__header">Recommendation</th><th scope="col" className="govuk-table__header">Response due</th><th scope="col" className="govuk-table__header">Response</th></tr></thead>
            <tbody className="govuk-table__body">
              {recommendations.map((r) => (
                <tr className="govuk-table__row" key={r.id}>
                  <td className="govuk-table__cell">{r.recommendation}{r.addressed_to && <><br /><span className="govuk-body-s">To: {r.addressed_to}</span></>}{r.decision_id && <><br /><Link className="govuk-link govuk-body-s" to={`/decisions/${r.decision_id}`}>The decision</Link></>}</td>
                  <td className="govuk-table__cell">{formatDay(r.response_due_on)} {r.overdue && <Tag colour="red">Overdue</Tag>}</td>
                  <td className="govuk-table__cell">{r.response ? <>{r.response}<br /><span className="govuk-body-s">Given {formatDay(r.responded_on)}</span></> : "Not yet given"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        {canManage && (
          <>
            <h2 className="govuk-heading-m">Add to the work programme</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="add-item" />
              <TextInput form={only("add-item")} name="title" label="Topic" />
              <Textarea form={only("add-item")} name="description" label="Description (optional)" rows={3} />
              <DateInput form={only("add-item")} name="plannedFor" label="Planned for (optional)" hint="For example, 14 4 2027." />
              <Select form={failed === "add-item" ? form : { errors: {}, values: { status: "proposed" } }} name="status" label="Status" options={WORK_ITEM_STATUSES.map((s) => ({ value: s, label: WORK_ITEM_STATUS_LABELS[s] }))} />
              <Button>Add the item</Button>
            </Form>
            <h2 className="govuk-heading-m">Make a recommendation</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="add-recommendation" />
              <Textarea form={only("add-recommendation")} name="recommendation" label="Recommendation" rows={3} />
              <TextInput form={only("add-recommendation")} name="addressedTo" label="Addressed to (optional)" hint="For example, Cabinet, or the Northgate Locality Board." />
              <DateInput form={only("add-recommendation")} name="responseDueOn" label="Response due by" hint="For example, 14 4 2027." />
              <Button>Add the recommendation</Button>
            </Form>
          </>
        )}
      </div>
    </div>
  );
}
