/** A board member's own page: their boards, meetings to come, the papers (exempt ones too), their interests. */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Tag } from "~/components/govuk/content";
import { DoneNotice } from "~/components/govuk/confirm";
import { Button, ErrorSummary, Radios, Textarea, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { registerOwnInterest } from "~/modules/boards/boards.server";
import { INTEREST_KINDS } from "../../db/tables/boards";
import { formatDate, formatDateTime, ROLE_LABELS } from "~/modules/meetings/format";
import { memberHome } from "~/modules/meetings/meetings.server";
import { INTEREST_LABELS, SCHEDULE_12A } from "~/modules/meetings/schema";

export const handle = { title: "Your boards" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "member.view");
  const result = await memberHome(context.db, context.actor);
  if (!result.ok) throw new Response("Forbidden", { status: 403 });
  const v = result.value;
  return {
    name: context.actor.user!.displayName,
    seats: v.seats,
    meetings: v.meetings.map((m) => ({ ...m, when: formatDateTime(m.startsAt) })),
    interests: v.interests.map((i) => ({ ...i, registeredOn: i.registered_on ? formatDate(i.registered_on) : "" })),
  };
}

export async function action({ context, request }: ActionFunctionArgs) {
  requirePermission(context, request, "member.view");
  const formData = await request.formData();
  const result = await registerOwnInterest(context.db, context.actor, formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/your-boards?done=interest#interests-${formData.get("memberId")}`);
}

/** "Report (PDF, 120 KB)": the kind of file and its size, so a member knows what they are opening. */
function describeFile(mediaType: string, bytes: number): string {
  const kind = mediaType === "application/pdf" ? "PDF" : mediaType.startsWith("image/") ? mediaType.slice(6).toUpperCase() : mediaType.includes("word") ? "Word" : mediaType.includes("sheet") || mediaType.includes("excel") ? "Excel" : "file";
  const size = bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${kind}, ${size}`;
}

export default function YourBoards() {
  const { name, seats, meetings, interests } = useLoaderData<typeof loader>();
  const form = useFormState();
  return (
    <>
      <ErrorSummary form={form} />
      <DoneNotice messages={{ interest: { done: "Your interest is registered", next: "It is on the board’s public register of interests now. Remember to declare it at a meeting when an item touches it." } }} />
      <span className="govuk-caption-xl">{name}</span>
      <h1 className="govuk-heading-xl">Your boards</h1>
      {!seats.length && <p className="govuk-body">You do not hold a seat on any board at the moment. The clerk links your account to your seat when you join a board.</p>}

      {seats.length > 0 && (
        <>
          <ul className="govuk-list govuk-list--spaced">
            {seats.map((s) => (
              <li key={s.memberId}>
                <Link className="govuk-link govuk-!-font-weight-bold" to={`/boards/${s.boardSlug}`}>{s.boardName}</Link>: {ROLE_LABELS[s.role]}
                {s.termEnd && <span className="govuk-body-s"> (term ends {formatDate(s.termEnd)})</span>}
              </li>
            ))}
          </ul>

          <h2 className="govuk-heading-l">Meetings to come</h2>
          {meetings.length ? (
            meetings.map((m) => {
              const seat = seats.find((s) => s.boardId === m.boardId)!;
              return (
                <section key={m.id} aria-labelledby={`meeting-${m.id}`} className="govuk-!-margin-bottom-6">
                  <h3 className="govuk-heading-m" id={`meeting-${m.id}`}>
                    <Link className="govuk-link" to={`/meetings/${m.id}`}>{seat.boardName}: {m.title}</Link>
                  </h3>
                  <p className="govuk-body">{m.when}{m.venue ? `, ${m.venue}` : ""} <Tag colour={m.status === "in_progress" ? "green" : "grey"}>{m.statusLabel}</Tag></p>
                  {(seat.role === "chair" || seat.role === "vice_chair") && (
                    <p className="govuk-body"><Link className="govuk-link" to={`/meetings/${m.id}/console`}>Open the meeting console<span className="govuk-visually-hidden"> for {m.title}, {m.when}</span></Link></p>
                  )}
                  {m.papers.length ? (
                    <ul className="govuk-list">
                      {m.papers.map((p) => (
                        <li key={p.id}>
                          <a className="govuk-link" href={`/papers/${p.id}`} download>{p.title} ({describeFile(p.mediaType, p.sizeBytes)})</a>
                          <span className="govuk-body-s"> for item {p.itemPosition}, {p.itemTitle}</span>{" "}
                          {p.exemptParagraph && <Tag colour="red">Exempt: not for publication, paragraph {p.exemptParagraph} ({SCHEDULE_12A[p.exemptParagraph]})</Tag>}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="govuk-body-s">No papers yet.</p>
                  )}
                </section>
              );
            })
          ) : (
            <p className="govuk-body">None of your boards has a published agenda for a meeting to come.</p>
          )}

          <h2 className="govuk-heading-l">Your register of interests</h2>
          <p className="govuk-body">Keep your registered interests up to date: tell the clerk within 28 days of any change. You still declare an interest in an item at the meeting.</p>
          {seats.map((s) => {
            const own = interests.filter((i) => i.member_id === s.memberId);
            return (
              <section key={s.memberId} aria-labelledby={`interests-${s.memberId}`} className="govuk-!-margin-bottom-6">
                <h3 className="govuk-heading-m" id={`interests-${s.memberId}`}>{s.boardName}</h3>
                {own.length ? (
                  <dl className="govuk-summary-list">
                    {own.map((i) => (
                      <div className="govuk-summary-list__row" key={i.id}>
                        <dt className="govuk-summary-list__key">{INTEREST_LABELS[i.kind]}</dt>
                        <dd className="govuk-summary-list__value">{i.description}<br /><span className="govuk-body-s">Registered {i.registeredOn}</span></dd>
                      </div>
                    ))}
                  </dl>
                ) : (
                  <p className="govuk-body">You have no interests registered on this board.</p>
                )}
                <p className="govuk-body">
                  <Link className="govuk-link" to={`/boards/${s.boardSlug}/interests`}>See the board’s register of interests<span className="govuk-visually-hidden">, {s.boardName}</span></Link>
                </p>
                <details className="govuk-details" open={String(form.values.memberId ?? "") === String(s.memberId)}>
                  <summary className="govuk-details__summary"><span className="govuk-details__summary-text">Register a new interest<span className="govuk-visually-hidden"> on the {s.boardName}</span></span></summary>
                  <div className="govuk-details__text">
                    <Form method="post" noValidate>
                      <input type="hidden" name="memberId" value={s.memberId} />
                      <Radios form={String(form.values.memberId ?? "") === String(s.memberId) ? form : { errors: {}, values: {} }} name="interestKind" label="Kind of interest" options={INTEREST_KINDS.map((k) => ({ value: k, label: INTEREST_LABELS[k] }))} />
                      <Textarea form={String(form.values.memberId ?? "") === String(s.memberId) ? form : { errors: {}, values: {} }} name="interest" label="The interest" hint="For example, “Trustee, Northgate Youth Forum”." rows={3} />
                      <Button secondary>Register the interest</Button>
                    </Form>
                  </div>
                </details>
              </section>
            );
          })}
        </>
      )}
    </>
  );
}
