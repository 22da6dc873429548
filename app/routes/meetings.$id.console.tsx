/**
 * The clerk's and chair's console: build and publish the agenda, run the meeting, write the
 * minutes. Every control is a plain form (works without JavaScript); each post calls one module
 * function, and what the public may see is broadcast after it commits.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { InsetText, Tag } from "~/components/govuk/content";
import { Button, ErrorSummary, Radios, Select, TextInput, Textarea, useFormState, type FormState } from "~/components/govuk/form";
import { settle } from "~/lib/effects.server";
import { formInput } from "~/lib/forms";
import { formFailure, requireUser, rowIdParam } from "~/lib/http.server";
import { CitationPicker } from "~/modules/boards/components/CitationPicker";
import { AgendaRecord } from "~/modules/meetings/components/AgendaRecord";
import { formatDate, formatDateTime } from "~/modules/meetings/format";
import {
  addAgendaItem,
  adjournMeeting,
  callVote,
  castVote,
  closeMeeting,
  declareInterest,
  declareResult,
  editMinutes,
  excludePublic,
  generateMinutes,
  meetingConsole,
  moveAgendaItem,
  openItem,
  removeAgendaItem,
  proposeMotion,
  publishAgenda,
  publishMinutes,
  recordAttendance,
  recordDecision,
  resumeMeeting,
  returnToPublic,
  startMeeting,
  withdrawMotion,
} from "~/modules/meetings/meetings.server";
import { uploadPaper } from "~/modules/meetings/papers.server";
import { reviewQuestion } from "~/modules/meetings/questions.server";
import { AGENDA_ITEM_LABELS, INTEREST_LABELS } from "~/modules/meetings/schema";
import { INTEREST_KINDS } from "../../db/tables/boards";
import { TableHead } from "~/components/govuk/table-head";
import { fileFromForm } from "~/lib/uploads.server";
import { ConfirmLink, ConfirmStep, DoneNotice, useConfirming } from "~/components/govuk/confirm";
import { exclusionResolutionText } from "~/modules/meetings/rules";
import { FileUpload } from "~/components/govuk/file-upload";
import { meetingNotices } from "~/modules/meetings/notices.server";
import { CancellationNotice } from "~/modules/meetings/components/MeetingNotices";
import { AgendaItemFields } from "~/modules/meetings/components/AgendaItemFields";
import { TableScroll } from "~/components/govuk/table-scroll";

export const handle = { title: "Meeting console" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  const result = await meetingConsole(context.db, context.actor, rowIdParam(params.id));
  if (!result.ok) throw data({ message: Object.values(result.errors)[0] }, { status: result.status ?? 403 });
  const v = result.value;
  const notices = await meetingNotices(context.db, v.meeting.id);
  return { ...v, notices, when: formatDateTime(v.meeting.startsAt), publishBy: formatDate(v.publishBy), previousMeetings: v.previousMeetings.map((p) => ({ ...p, when: formatDate(p.startsAt) })) };
}

const ACTIONS = {
  "add-item": addAgendaItem,
  publish: publishAgenda,
  start: startMeeting,
  attendance: recordAttendance,
  open: openItem,
  declare: declareInterest,
  motion: proposeMotion,
  "call-vote": callVote,
  withdraw: withdrawMotion,
  vote: castVote,
  result: declareResult,
  decision: recordDecision,
  adjourn: adjournMeeting,
  resume: resumeMeeting,
  close: closeMeeting,
  "draft-minutes": generateMinutes,
  "save-minutes": editMinutes,
  "publish-minutes": publishMinutes,
  "review-question": reviewQuestion,
  exclude: excludePublic,
  "move-item": moveAgendaItem,
  "remove-item": removeAgendaItem,
  "return-public": returnToPublic,
} as const;

/** Consequential steps that need the "are you sure" page first (GOV.UK pattern, no JavaScript needed). */
const NEEDS_CONFIRMING = new Set<string>(["close"]);

/** After each consequential step, the page says what happened and what comes next (see DONE). */
const DONE_KEY: Partial<Record<string, keyof typeof DONE>> = {
  publish: "published",
  start: "started",
  exclude: "exclusion",
  "return-public": "public",
  close: "closed",
  "draft-minutes": "minutes-drafted",
  "save-minutes": "minutes-saved",
  "publish-minutes": "minutes-published",
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "") as keyof typeof ACTIONS;
  const act = intent === ("paper" as string) ? uploadPaperFrom : ACTIONS[intent];
  if (!act) return formFailure({ errors: { _form: "Choose what to do" } }, formData);
  if (NEEDS_CONFIRMING.has(intent) && formData.get("confirmed") !== "yes") return redirect(`/meetings/${params.id}/console?confirm=${intent}`);
  const result = await settle(context.bus, act(context.db, context.actor, { ...formInput(formData), meetingId: params.id }, formData));
  // Starting before the published day: the chair confirms on the next page.
  if (!result.ok && intent === "start" && result.errors.confirmEarly) return redirect(`/meetings/${params.id}/console?confirm=start`);
  if (!result.ok) return formFailure(result, formData);
  const anchor = String(formData.get("anchor") ?? "");
  const done = DONE_KEY[intent];
  return redirect(`/meetings/${params.id}/console${done ? `?done=${done}` : ""}${anchor ? `#${anchor}` : ""}`);
}

/** A paper arrives as a File in the multipart form; the module checks its bytes. */
async function uploadPaperFrom(db: Parameters<typeof uploadPaper>[0], actor: Parameters<typeof uploadPaper>[1], input: Record<string, unknown>, formData: FormData) {
  return uploadPaper(db, actor, { ...input, file: (await fileFromForm(formData)) ?? undefined });
}

function Intent({ intent, anchor, children, hidden = {}, inline, upload }: { intent: string; anchor?: string; children: ReactNode; hidden?: Record<string, string | number>; inline?: boolean; upload?: boolean }) {
  return (
    <Form method="post" noValidate className={inline ? "moot-inline-form" : undefined} encType={upload ? "multipart/form-data" : undefined}>
      <input type="hidden" name="intent" value={intent} />
      {anchor && <input type="hidden" name="anchor" value={anchor} />}
      {Object.entries(hidden).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      {children}
    </Form>
  );
}

/** `label` names the button for assistive technology (it starts with the visible text). */
function SmallButton({ children, name, value, label }: { children: ReactNode; name?: string; value?: string; label?: string }) {
  return (
    <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-1 govuk-!-margin-right-1" data-module="govuk-button" name={name} value={value} aria-label={label}>
      {children}
    </button>
  );
}

const CHOICE_BUTTONS = { for: "For", against: "Against", abstain: "Abstain" } as const;

const DONE = {
  published: { done: "The agenda is published", next: "It is on the meeting’s public page. Add any papers, and start the meeting from here on the day." },
  started: { done: "The meeting has started", next: "Record who is present, then open the first item." },
  exclusion: { done: "The resolution to exclude the press and public is recorded", next: "If it was carried, the meeting is in private for the item and the public feed is paused. Return to public session when the exempt business is done." },
  public: { done: "The meeting is back in public session", next: "The public log says so. Open the next item." },
  closed: { done: "The meeting is closed", next: "Next, draft the minutes from the record, check them and publish them." },
  "minutes-drafted": { done: "The draft minutes are ready", next: "Check and edit them below, then publish them." },
  "minutes-saved": { done: "The minutes are saved", next: "Publish them when they are ready." },
  "minutes-published": { done: "The draft minutes are published", next: "They are on the meeting’s public page, and are approved at the board’s next meeting." },
  cancelled: { done: "The meeting is cancelled", next: "Its public page and the board’s calendar say so, with your reason, and people who follow the board are told by e-mail." },
};

export default function Console() {
  const d = useLoaderData<typeof loader>();
  const form = useFormState();
  const { meeting, record, members, quorum, canManage } = d;
  const status = meeting.status;
  const live = status === "in_progress";
  const current = record.items.find((i) => i.id === meeting.currentItemId) ?? null;
  const voting = members.filter((m) => m.voting);
  const memberOptions = members.map((m) => ({ value: String(m.memberId), label: m.name }));
  const takingPart = members.filter((m) => m.voting && m.inRoom && !m.recused).map((m) => ({ value: String(m.memberId), label: m.name }));
  const confirming = useConfirming();
  const excluded = new Set(d.exclusions.filter((x) => x.carried).map((x) => x.agenda_item_id));
  const back = `/meetings/${meeting.id}/console`;
  if (confirming === "close" && live) {
    return (
      <>
        <span className="govuk-caption-l">{meeting.boardName}: {meeting.title}</span>
        <ConfirmStep heading="Are you sure you want to close the meeting?" confirmLabel="Yes, close the meeting" cancelTo={back} hidden={{ intent: "close" }} warning>
          <p className="govuk-body">Closing ends the meeting: no more attendance, motions, votes or decisions can be recorded, and the public page shows it as closed.</p>
          <p className="govuk-body">Next, you draft the minutes from the record.</p>
        </ConfirmStep>
      </>
    );
  }
  if (confirming === "start" && status === "agenda_published") {
    return (
      <>
        <span className="govuk-caption-l">{meeting.boardName}: {meeting.title}</span>
        <ConfirmStep heading="This meeting is not due to start today" confirmLabel="Yes, start the meeting now" cancelTo={back} hidden={{ intent: "start", confirmEarly: "yes", anchor: "attendance" }}>
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
            <strong className="govuk-warning-text__text"><span className="govuk-visually-hidden">Warning</span>The agenda says this meeting is on {d.when}.</strong>
          </div>
          <p className="govuk-body">If you start it now, the minutes and the decisions register record today’s date and time as when it was held.</p>
        </ConfirmStep>
      </>
    );
  }
  return (
    <>
      <ErrorSummary form={form} />
      <DoneNotice messages={DONE} />
      <span className="govuk-caption-l">{meeting.boardName}</span>
      <h1 className="govuk-heading-l">{meeting.title}: {d.when}</h1>
      <p className="govuk-body">
        <Tag colour={live ? "green" : "grey"}>{meeting.statusLabel}</Tag>{" "}
        {meeting.inPrivate && <Tag colour="red">In private session</Tag>} {meeting.adjourned && <Tag colour="yellow">Adjourned</Tag>}{" "}
        <Link className="govuk-link" to={`/meetings/${meeting.id}`}>Public page</Link>
      </p>

      {status === "draft" && canManage && <AgendaBuilder form={form} d={d} />}

      {d.notices.cancellation && <CancellationNotice cancellation={d.notices.cancellation} />}
      {status === "agenda_published" && canManage && !d.notices.cancellation && (
        <section aria-labelledby="published-agenda-changes">
          <h2 className="govuk-heading-m" id="published-agenda-changes">Change the published agenda</h2>
          <p className="govuk-body">The agenda is published: items are added, changed or withdrawn through a numbered supplement with its reason, which the public page shows{d.notices.supplements.length ? ` (${d.notices.supplements.length} so far)` : ""}.</p>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/meetings/${meeting.id}/supplement`}>Add, change or withdraw an item</Link> · <Link className="govuk-link" to={`/meetings/${meeting.id}/cancel`}>Cancel the meeting</Link>
          </p>
        </section>
      )}
      {status === "agenda_published" && canManage && <PaperUpload form={form} d={d} />}
      {canManage && d.questions.length > 0 && <QuestionReview form={form} d={d} />}
      {status === "agenda_published" && !d.notices.cancellation &&
        (d.startsEarlyIfNow ? (
          <ConfirmLink to="?confirm=start">Start the meeting</ConfirmLink>
        ) : (
          <Intent intent="start" anchor="attendance">
            <Button>Start the meeting</Button>
          </Intent>
        ))}

      {(status === "agenda_published" || live) && (
        <>
          <h2 className="govuk-heading-m" id="attendance">Attendance</h2>
          <p className="govuk-body" data-testid="console-quorum">
            {quorum.quorate ? <Tag colour="green">Quorate</Tag> : <Tag colour="red">Not quorate</Tag>} {quorum.present} voting members present for this item; {quorum.required} needed.
          </p>
          <TableScroll label={"Attendance"}>
          <table className="govuk-table">
            <TableHead caption="Attendance" columns={["Member", "Now", "Record"]} />
            <tbody className="govuk-table__body">
              {members.map((m) => {
                const row = record.attendance.find((a) => a.id === m.memberId);
                return (
                  <tr className="govuk-table__row" key={m.memberId}>
                    <th scope="row" className="govuk-table__header">{m.name}{!m.voting && <span className="govuk-body-s"> (non-voting)</span>}</th>
                    <td className="govuk-table__cell">
                      {m.attendance ?? "not recorded"}
                      {row?.left_at ? ", left" : ""}
                      {m.recused ? ", left for this item (interest)" : ""}
                    </td>
                    <td className="govuk-table__cell">
                      <Intent intent="attendance" anchor="attendance" hidden={{ memberId: m.memberId }}>
                        {(["present", "apologies", "absent"] as const).map((s) => (
                          <SmallButton key={s} name="status" value={s} label={`${s[0]!.toUpperCase() + s.slice(1)}: ${m.name}`}>
                            {s[0]!.toUpperCase() + s.slice(1)}
                          </SmallButton>
                        ))}
                        {live && <SmallButton name="status" value="arrived" label={`Arrived late: ${m.name}`}>Arrived late</SmallButton>}
                        {live && m.inRoom && <SmallButton name="status" value="left" label={`Left: ${m.name}`}>Left</SmallButton>}
                      </Intent>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          </TableScroll>

          <h2 className="govuk-heading-m" id="declarations">Declare an interest</h2>
          {/* Keyed by what is recorded, so the form starts empty again after each success (also with JavaScript). */}
          <Intent key={`declare-${record.items.reduce((n, i) => n + i.declarations.length, 0)}`} intent="declare" anchor="declarations">
            <Select form={form} name="itemId" label="Agenda item" placeholder="Choose an item" options={record.items.map((i) => ({ value: String(i.id), label: `${i.position}. ${i.title}` }))} />
            <Select form={form} name="memberId" label="Member declaring" placeholder="Choose a member" options={memberOptions} />
            <Radios form={form} name="kind" label="Kind of interest" options={INTEREST_KINDS.map((k) => ({ value: k, label: INTEREST_LABELS[k], hint: k === "disclosable_pecuniary" ? "The member leaves the meeting for this item and cannot vote on it." : undefined }))} />
            <TextInput form={form} name="description" label="What the interest is" />
            <Button secondary>Record the declaration</Button>
          </Intent>
        </>
      )}

      {live && (
        <>
          <h2 className="govuk-heading-m" id="items">Agenda items</h2>
          <ol className="govuk-list">
            {record.items.map((i) => (
              <li key={i.id}>
                <Intent intent="open" anchor="current" hidden={{ itemId: i.id }} inline>
                  {i.position}. {i.title} {i.kind === "exempt" && <Tag colour="red">Exempt, paragraph {i.exemptParagraph}</Tag>}{" "}
                  {i.id === meeting.currentItemId ? (
                    <Tag colour="yellow">Now</Tag>
                  ) : d.notices.withdrawn.some((w) => w.itemId === i.id) ? (
                    <Tag colour="grey">Withdrawn</Tag>
                  ) : i.kind === "exempt" && !excluded.has(i.id) ? (
                    <a className="govuk-link govuk-body-s" href="#exclude">Needs a resolution to exclude the public<span className="govuk-visually-hidden"> for item {i.position}</span></a>
                  ) : (
                    <SmallButton>Open<span className="govuk-visually-hidden"> item {i.position}</span></SmallButton>
                  )}
                </Intent>
              </li>
            ))}
          </ol>

          {current && (
            <section aria-labelledby="current" className="govuk-!-margin-bottom-6">
              <h2 className="govuk-heading-m" id="current">Item {current.position}: {current.title}</h2>
              {current.recommendation && <p className="govuk-body"><strong>Recommendation:</strong> {current.recommendation}</p>}
              {current.motions.map((m) => (
                <div key={m.id} className="govuk-!-margin-bottom-6" id={`motion-${m.id}`}>
                  <p className="govuk-body"><strong>{m.amends_motion_id ? "Amendment" : "Motion"}:</strong> “{m.text}” <Tag>{m.status}</Tag></p>
                  <p className="govuk-body-s">Proposed by {m.proposer}, seconded by {m.seconder}.</p>
                  {m.status === "proposed" && (
                    <div className="govuk-button-group">
                      <Intent intent="call-vote" anchor={`motion-${m.id}`} hidden={{ motionId: m.id }} inline>
                        <Button>Call the vote<span className="govuk-visually-hidden"> on “{m.text}”</span></Button>
                      </Intent>
                      <Intent intent="withdraw" anchor={`motion-${m.id}`} hidden={{ motionId: m.id }} inline>
                        <Button secondary>Withdraw at the proposer’s request<span className="govuk-visually-hidden">: “{m.text}”</span></Button>
                      </Intent>
                    </div>
                  )}
                  {m.status === "voting" && (
                    <>
                      <table className="govuk-table">
                        <TableHead caption="Record the named vote" captionSize="s" columns={["Member", "Vote", "Record"]} />
                        <tbody className="govuk-table__body">
                          {voting.map((v) => (
                            <tr className="govuk-table__row" key={v.memberId}>
                              <th scope="row" className="govuk-table__header">{v.name}</th>
                              <td className="govuk-table__cell">{m.votes.find((x) => x.name === v.name)?.choice ?? (v.inRoom && !v.recused ? "not yet" : "cannot vote")}</td>
                              <td className="govuk-table__cell">
                                {v.inRoom && !v.recused && (
                                  <Intent intent="vote" anchor={`motion-${m.id}`} hidden={{ motionId: m.id, memberId: v.memberId }}>
                                    {(["for", "against", "abstain"] as const).map((c) => (
                                      <SmallButton key={c} name="choice" value={c} label={`${CHOICE_BUTTONS[c]}: ${v.name}`}>
                                        {CHOICE_BUTTONS[c]}
                                      </SmallButton>
                                    ))}
                                  </Intent>
                                )}
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                      <Intent intent="result" anchor={`motion-${m.id}`} hidden={{ motionId: m.id }}>
                        <Radios form={form} name="casting" label="Chair’s casting vote (only if the vote is tied)" inline options={[{ value: "", label: "No casting vote" }, { value: "for", label: "For" }, { value: "against", label: "Against" }]} />
                        <Button>Declare the result</Button>
                      </Intent>
                    </>
                  )}
                </div>
              ))}

              <h3 className="govuk-heading-s" id="new-motion">Propose a motion or amendment</h3>
              <Intent key={`motion-${current.id}-${current.motions.length}`} intent="motion" anchor="new-motion">
                <Textarea form={form} name="text" label="Wording" rows={3} />
                <Select form={form} name="proposerId" label="Proposed by" placeholder="Choose a member" options={takingPart} />
                <Select form={form} name="seconderId" label="Seconded by" placeholder="Choose a member" options={takingPart} />
                <Select form={form} name="amendsMotionId" label="Amends (for an amendment)" placeholder="Not an amendment" options={current.motions.filter((m) => m.status === "proposed" && !m.amends_motion_id).map((m) => ({ value: String(m.id), label: m.text }))} />
                <Button secondary>Record the motion</Button>
              </Intent>

              <h3 className="govuk-heading-s" id="record-decision">Record the decision</h3>
              <Intent key={`decision-${current.id}-${current.decisions.length}`} intent="decision" anchor="record-decision" hidden={{ itemId: current.id }}>
                <Select form={form} name="motionId" label="The vote it follows" placeholder="No vote" options={current.motions.filter((m) => m.status === "carried" || m.status === "lost").map((m) => ({ value: String(m.id), label: `${m.text} (${m.status})` }))} />
                <Textarea form={form} name="decision" label="Decision" rows={3} />
                <Textarea form={form} name="reasons" label="Reasons" rows={3} />
                <CitationPicker form={form} choices={{ evidenceGroups: d.evidenceGroups, outcomeNodes: d.outcomeNodes }} />
                <Button secondary>Record the decision</Button>
              </Intent>
            </section>
          )}

          <PrivateSession form={form} d={d} excluded={excluded} takingPart={takingPart} />

          <h2 className="govuk-heading-m">The meeting</h2>
          <div className="govuk-button-group">
            {meeting.adjourned ? (
              <Intent intent="resume" inline><Button secondary>Resume the meeting</Button></Intent>
            ) : (
              <Intent intent="adjourn" inline><Button secondary>Adjourn the meeting</Button></Intent>
            )}
            <ConfirmLink to="?confirm=close" warning>Close the meeting</ConfirmLink>
          </div>
        </>
      )}

      {status === "closed" && canManage && (
        <Intent intent="draft-minutes">
          <Button>Draft the minutes from the record</Button>
        </Intent>
      )}
      {status === "minutes_drafted" && canManage && (
        <>
          <Intent intent="save-minutes">
            <Textarea form={{ errors: form.errors, values: { minutes: meeting.minutes ?? "", confidentialMinutes: meeting.confidentialMinutes ?? "", ...form.values } }} name="minutes" label="Draft minutes" hint="A numbered line after a blank line is an item heading; a line starting “- ” is a list entry; every other line is a paragraph." rows={20} />
            {meeting.confidentialMinutes !== null && (
              <Textarea form={{ errors: form.errors, values: { minutes: meeting.minutes ?? "", confidentialMinutes: meeting.confidentialMinutes ?? "", ...form.values } }} name="confidentialMinutes" label="Confidential minutes of the exempt items (members only)" hint="Never published: only the board’s members and clerk see these." rows={10} />
            )}
            <Button secondary>Save the minutes</Button>
          </Intent>
          <Intent intent="publish-minutes">
            <Button>Publish the draft minutes</Button>
          </Intent>
        </>
      )}
      {(status === "minutes_published" || status === "minutes_approved") && (
        <InsetText>
          {status === "minutes_approved" ? "The minutes are approved and locked." : "The draft minutes are published. They are approved by a vote on the “minutes of the previous meeting” item at the next meeting."}
        </InsetText>
      )}

      <h2 className="govuk-heading-m">The record</h2>
      <AgendaRecord items={record.items} currentItemId={meeting.currentItemId} papers={d.papers} questions={d.questions.filter((q) => q.status === "accepted")} />
      {canManage && (
        <section aria-labelledby="citations-heading" className="govuk-!-margin-bottom-6">
          <h2 className="govuk-heading-m" id="citations-heading">Evidence and outcomes</h2>
          <p className="govuk-body">Link reports and decisions to the evidence they rely on and the outcomes they serve.</p>
          <ul className="govuk-list">
            {record.items.filter((i) => i.kind === "decision" || i.kind === "exempt" || i.decisions.length > 0).map((i) => (
              <li key={i.id}>
                <Link className="govuk-link" to={`/meetings/${meeting.id}/items/${i.id}/evidence`}>Item {i.position}: {i.title}<span className="govuk-visually-hidden">, its evidence and outcomes</span></Link>
                {i.decisions.map((dec, n) => (
                  <span key={dec.id}> · <Link className="govuk-link" to={`/decisions/${dec.id}/evidence`}>Decision{i.decisions.length > 1 ? ` ${n + 1}` : ""}<span className="govuk-visually-hidden"> on item {i.position}, its evidence and outcomes</span></Link></span>
                ))}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** Excluding the press and public for an exempt item (s100A(4)), and coming back into public session. */
function PrivateSession({ form, d, excluded, takingPart }: { form: FormState; d: ReturnType<typeof useLoaderData<typeof loader>>; excluded: Set<number>; takingPart: { value: string; label: string }[] }) {
  const { meeting, record } = d;
  if (meeting.inPrivate) {
    return (
      <section aria-labelledby="exclude" className="govuk-!-margin-bottom-6">
        <h2 className="govuk-heading-m" id="exclude">Private session</h2>
        <p className="govuk-body">The press and public are excluded. When the exempt business is done, bring them back in: the public log records that the meeting returned to public session.</p>
        <Intent intent="return-public" anchor="items">
          <Button secondary>Return to public session</Button>
        </Intent>
      </section>
    );
  }
  const exempt = record.items.filter((i) => i.kind === "exempt" && !excluded.has(i.id));
  if (!exempt.length) return null;
  const chosen = exempt.find((i) => String(i.id) === String(form.values.exemptItemId ?? "")) ?? exempt[0]!;
  return (
    <section aria-labelledby="exclude" className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m" id="exclude">Exclude the press and public</h2>
      <p className="govuk-body">An exempt item is taken in private only after the board resolves, in public, to exclude the press and public (section 100A(4) of the Local Government Act 1972). The resolution names the paragraph of Schedule 12A.</p>
      <div className="govuk-inset-text">{exclusionResolutionText({ position: chosen.position, paragraph: chosen.exemptParagraph ?? 0 })}</div>
      <Intent intent="exclude" anchor="exclude">
        {exempt.length === 1 ? (
          <input type="hidden" name="exemptItemId" value={chosen.id} />
        ) : (
          <Select form={form} name="exemptItemId" label="Exempt item" options={exempt.map((i) => ({ value: String(i.id), label: `${i.position}. ${i.title} (paragraph ${i.exemptParagraph})` }))} />
        )}
        <Select form={form} name="movedById" label="Mover of the resolution" placeholder="Choose a member" options={takingPart} />
        <Select form={form} name="secondedById" label="Seconder of the resolution" placeholder="Choose a member" options={takingPart} />
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">The vote, by a show of hands</legend>
          <TextInput form={form} name="votesFor" label="Number voting for" width="3" inputMode="numeric" />
          <TextInput form={form} name="votesAgainst" label="Number voting against" width="3" inputMode="numeric" />
          <TextInput form={form} name="abstentions" label="Number abstaining" width="3" inputMode="numeric" />
        </fieldset>
        <Button secondary>Record the resolution</Button>
      </Intent>
    </section>
  );
}

function QuestionReview({ form, d }: { form: FormState; d: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const waiting = d.questions.find((q) => q.status === "submitted");
  return (
    <>
      <h2 className="govuk-heading-m" id="questions">Public questions</h2>
      <ul className="govuk-list">
        {d.questions.map((q) => (
          <li key={q.id}>
            {q.display_name}: {q.question} <Tag colour={q.status === "accepted" ? "green" : q.status === "rejected" ? "red" : "blue"}>{q.status}</Tag>
            {q.rejection_reason && <span className="govuk-body-s"> Reason: {q.rejection_reason}</span>}
          </li>
        ))}
      </ul>
      {waiting && (
        <Intent intent="review-question" anchor="questions" hidden={{ questionId: waiting.id }}>
          <Radios form={form} name="verdict" label={`Accept or reject the question from ${waiting.display_name}`} options={[{ value: "accepted", label: "Accept" }, { value: "rejected", label: "Reject" }]} />
          <Textarea form={form} name="answer" label="Answer (if accepted)" rows={3} />
          <Textarea form={form} name="rejectionReason" label="Reason (if rejected)" rows={2} />
          <Button secondary>Record the decision on the question</Button>
        </Intent>
      )}
    </>
  );
}

function PaperUpload({ form, d }: { form: FormState; d: ReturnType<typeof useLoaderData<typeof loader>> }) {
  return (
    <>
      <h2 className="govuk-heading-m" id="papers">Add a paper</h2>
      <Intent intent="paper" anchor="papers" upload>
        <Select form={form} name="paperItemId" label="For agenda item" placeholder="Choose an item" options={d.record.items.map((i) => ({ value: String(i.id), label: `${i.position}. ${i.title}` }))} />
        <TextInput form={form} name="paperTitle" label="Title of the paper" />
        <FileUpload form={form} name="file" label="Upload a file" hint="PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG, smaller than 10 MB." />
        <Button secondary>Upload the paper</Button>
      </Intent>
    </>
  );
}

function AgendaBuilder({ form, d }: { form: FormState; d: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const items = d.record.items;
  return (
    <>
      {items.length > 0 && (
        <>
          <h2 className="govuk-heading-m" id="draft-agenda">The agenda so far</h2>
          <p className="govuk-body">You can reorder and remove items until the agenda is published. After that, changes need a supplementary agenda.</p>
          <ol className="govuk-list">
            {items.map((i, n) => (
              <li key={i.id} className="govuk-!-margin-bottom-2">
                <span className="govuk-!-margin-right-2">{i.position}. {i.title} <span className="govuk-body-s">({AGENDA_ITEM_LABELS[i.kind]})</span></span>
                <Intent intent="move-item" anchor="draft-agenda" hidden={{ itemId: i.id }} inline>
                  {n > 0 && <SmallButton name="direction" value="up" label={`Move up: item ${i.position}, ${i.title}`}>Move up</SmallButton>}
                  {n < items.length - 1 && <SmallButton name="direction" value="down" label={`Move down: item ${i.position}, ${i.title}`}>Move down</SmallButton>}
                </Intent>
                <Intent intent="remove-item" anchor="draft-agenda" hidden={{ itemId: i.id }} inline>
                  <SmallButton label={`Remove: item ${i.position}, ${i.title}`}>Remove</SmallButton>
                </Intent>
              </li>
            ))}
          </ol>
        </>
      )}
      <h2 className="govuk-heading-m" id="add-item">Add an agenda item</h2>
      <Intent intent="add-item" anchor="add-item">
        {/* The type's own fields show when it is chosen (decision: the recommendation; exempt: the Schedule 12A paragraph). */}
        <AgendaItemFields form={form} previousMeetings={d.previousMeetings} />
        <Button secondary>Add the item</Button>
      </Intent>

      <PaperUpload form={form} d={d} />

      <h2 className="govuk-heading-m" id="publish">Publish the agenda</h2>
      <p className="govuk-body">
        For five clear working days’ notice, publish by {d.publishBy}.{" "}
        {d.publishedOnTimeIfNow ? "Publishing today is in time." : "Publishing today is late: the chair’s reason of urgency is needed, and it will be shown on the public agenda."}
      </p>
      <Intent intent="publish" anchor="publish">
        {(!d.publishedOnTimeIfNow || form.errors.urgencyReason) && <Textarea form={form} name="urgencyReason" label="Chair’s reason of urgency" rows={3} />}
        <Button>Publish the agenda</Button>
      </Intent>
    </>
  );
}
