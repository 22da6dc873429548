/**
 * The clerk changes a published agenda through a recorded, numbered supplement: add an item,
 * change an item, or withdraw one, each with its reason. `?change=add`, `?change=change&item=ID`,
 * `?change=withdraw&item=ID` choose the form; without it the page lists the items to choose from.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { InsetText, NotificationBanner, Tag } from "~/components/govuk/content";
import { Button, ErrorSummary, Textarea, useFormState } from "~/components/govuk/form";
import { TableHead } from "~/components/govuk/table-head";
import { settle } from "~/lib/effects.server";
import { formInput } from "~/lib/forms";
import { formFailure, requireUser, rowIdParam } from "~/lib/http.server";
import { AgendaItemFields } from "~/modules/meetings/components/AgendaItemFields";
import { Supplements } from "~/modules/meetings/components/MeetingNotices";
import { formatDate, formatDateTime } from "~/modules/meetings/format";
import { addItemBySupplement, changeItemBySupplement, noticesDesk, withdrawItemBySupplement } from "~/modules/meetings/notices.server";
import { AGENDA_ITEM_LABELS } from "~/modules/meetings/schema";

export const handle = {
  title: (d: unknown) => {
    const loaded = d as { heading?: string } | undefined;
    return loaded?.heading ?? "Change the published agenda";
  },
};

const CHANGES = { add: addItemBySupplement, change: changeItemBySupplement, withdraw: withdrawItemBySupplement } as const;
type Change = keyof typeof CHANGES;
const isChange = (v: string | null): v is Change => v !== null && v in CHANGES;

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  const desk = await noticesDesk(context.db, context.actor, rowIdParam(params.id));
  if (!desk.ok) throw data({ message: Object.values(desk.errors)[0] }, { status: desk.status ?? 403 });
  const url = new URL(request.url);
  const change = url.searchParams.get("change");
  const mode: Change | null = isChange(change) ? change : null;
  const item = desk.value.items.find((i) => String(i.id) === url.searchParams.get("item") && !i.withdrawn) ?? null;
  // A change or withdrawal names an item still on the agenda; otherwise show the list.
  const chosen = mode === "add" || (mode && item) ? mode : null;
  const heading =
    chosen === "add" ? "Add an item to the published agenda" : chosen === "change" ? `Change item ${item!.position}: ${item!.title}` : chosen === "withdraw" ? `Withdraw item ${item!.position}: ${item!.title}` : "Change the published agenda";
  return {
    ...desk.value,
    heading,
    mode: chosen,
    item,
    when: formatDateTime(desk.value.meeting.startsAt),
    previousMeetings: desk.value.previousMeetings.map((p) => ({ ...p, when: formatDate(p.startsAt) })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  const change = String(formData.get("change") ?? "");
  if (!isChange(change)) return formFailure({ errors: { _form: "Choose what to change" } }, formData);
  const result = await settle(context.bus, await CHANGES[change](context.db, context.actor, { ...formInput(formData), meetingId: params.id }));
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/meetings/${params.id}/supplement?done=${result.value.number}`);
}

export default function AgendaSupplement() {
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const defaults = d.item ? { title: d.item.title, summary: d.item.summary, recommendation: d.item.recommendation, exemptParagraph: d.item.exemptParagraph, publicInterestReason: d.item.publicInterestReason } : {};
  const form = useFormState(defaults);
  const base = `/meetings/${d.meeting.id}/supplement`;
  return (
    <>
      <Link to={d.mode ? base : `/meetings/${d.meeting.id}/console`} className="govuk-back-link">{d.mode ? "Back to the agenda" : "Back to the meeting console"}</Link>
      <ErrorSummary form={form} />
      {done && !d.mode && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading" data-testid="done-heading">Agenda supplement {done} is published</p>
          <p className="govuk-body">
            It is on the <Link className="govuk-notification-banner__link" to={`/meetings/${d.meeting.id}#supplements`}>meeting’s public page</Link> with its reason and date, and people who follow the {d.meeting.boardName} are told by e-mail.
          </p>
        </NotificationBanner>
      )}
      <span className="govuk-caption-l">{d.meeting.boardName}: {d.meeting.title}, {d.when}</span>
      <h1 className="govuk-heading-l">{d.heading}</h1>
      {!d.open ? (
        <InsetText>
          {d.notices.cancellation
            ? "This meeting has been cancelled: its agenda cannot be changed."
            : `The agenda can be supplemented once it is published and until the meeting starts. This meeting is “${d.meeting.statusLabel}”.`}
        </InsetText>
      ) : d.mode === null ? (
        <ItemChoices d={d} base={base} />
      ) : d.mode === "withdraw" ? (
        <Form method="post" noValidate>
          <input type="hidden" name="change" value="withdraw" />
          <input type="hidden" name="itemId" value={d.item!.id} />
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              The item stays on the agenda as item {d.item!.position}, marked withdrawn; it cannot be taken at the meeting. This publishes a numbered supplement.
            </strong>
          </div>
          <Textarea form={form} name="reason" label="Why is the item withdrawn?" hint="Shown on the public agenda and sent to people who follow the board." rows={3} />
          <div className="govuk-button-group">
            <Button warning>Withdraw the item and publish the supplement</Button>
            <Link className="govuk-link" to={base}>Cancel</Link>
          </div>
        </Form>
      ) : (
        <Form method="post" noValidate>
          <input type="hidden" name="change" value={d.mode} />
          {d.item && <input type="hidden" name="itemId" value={d.item.id} />}
          {d.item && <p className="govuk-body">Type of item: {AGENDA_ITEM_LABELS[d.item.kind]} (the type of a published item does not change: withdraw it and add a new one instead).</p>}
          <AgendaItemFields form={form} previousMeetings={d.previousMeetings} kind={d.item?.kind} />
          <Textarea form={form} name="reason" label="Reason for the supplement" hint="Why the agenda changes after publication. Shown on the public agenda and sent to people who follow the board." rows={3} />
          <div className="govuk-button-group">
            <Button>Publish the agenda supplement</Button>
            <Link className="govuk-link" to={base}>Cancel</Link>
          </div>
        </Form>
      )}
      {d.notices.supplements.length > 0 && (
        <>
          <h2 className="govuk-heading-m">Supplements published</h2>
          <Supplements supplements={d.notices.supplements} />
        </>
      )}
    </>
  );
}

function ItemChoices({ d, base }: { d: ReturnType<typeof useLoaderData<typeof loader>>; base: string }) {
  return (
    <>
      <p className="govuk-body">After publication the agenda changes only through a numbered supplement with a reason, published on the meeting page. People who follow the board are told.</p>
      <table className="govuk-table">
        <TableHead caption="Items on the published agenda" captionSize="m" columns={["Item", "Type"]} action />
        <tbody className="govuk-table__body">
          {d.items.map((i) => (
            <tr className="govuk-table__row" key={i.id}>
              <td className="govuk-table__cell">{i.position}. {i.title} {i.withdrawn && <Tag colour="grey">Withdrawn</Tag>}</td>
              <td className="govuk-table__cell">{AGENDA_ITEM_LABELS[i.kind]}</td>
              <td className="govuk-table__cell">
                {!i.withdrawn && (
                  <ul className="govuk-summary-list__actions-list">
                    <li className="govuk-summary-list__actions-list-item"><Link className="govuk-link" to={`${base}?change=change&item=${i.id}`}>Change<span className="govuk-visually-hidden"> item {i.position}, {i.title}</span></Link></li>
                    <li className="govuk-summary-list__actions-list-item"><Link className="govuk-link" to={`${base}?change=withdraw&item=${i.id}`}>Withdraw<span className="govuk-visually-hidden"> item {i.position}, {i.title}</span></Link></li>
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Link to={`${base}?change=add`} role="button" draggable={false} className="govuk-button govuk-button--secondary" data-module="govuk-button">Add an item</Link>
    </>
  );
}
