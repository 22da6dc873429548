import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { InsetText, Tag } from "~/components/govuk/content";
import { DoneBanner } from "~/components/govuk/done-banner";
import { Button, ErrorSummary, Textarea, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, rowIdParam } from "~/lib/http.server";
import { Feed, feedLinks } from "~/modules/feeds/components/Feed";
import { feedAction, feedLoader } from "~/modules/feeds/route.server";
import { citedForMeeting } from "~/modules/boards/decisions.server";
import { askQuestion, listQuestions } from "~/modules/meetings/questions.server";
import { AgendaRecord } from "~/modules/meetings/components/AgendaRecord";
import { MeetingLog, useMeetingEvents, type PublicLiveView } from "~/modules/meetings/components/LiveMeeting";
import { formatDate, formatDateTime } from "~/modules/meetings/format";
import { meetingAccess, meetingFeed, publicMeeting, publishedMeeting } from "~/modules/meetings/meetings.server";
import { Minutes } from "~/modules/meetings/components/Minutes";
import { SCHEDULE_12A } from "~/modules/meetings/schema";
import { meetingNotices } from "~/modules/meetings/notices.server";
import { CancellationNotice, Supplements } from "~/modules/meetings/components/MeetingNotices";
import { alternateLinks, boardAlternates, COUNCIL_CALENDAR } from "~/modules/syndication/links";
import { SubscribeLinks } from "~/modules/syndication/components/SubscribeLinks";
import { fileSize } from "~/lib/file-label";

export const handle = { title: (data: unknown) => { const d = data as { meeting?: { boardName: string; when: string } } | undefined; return d?.meeting ? `${d.meeting.boardName}, ${d.meeting.when}` : "Meeting"; } };

export const links: LinksFunction = feedLinks;

export const meta: MetaFunction<typeof loader> = ({ data: d }) => (d ? alternateLinks([...boardAlternates({ slug: d.meeting.boardSlug, name: d.meeting.boardName }), COUNCIL_CALENDAR]) : []);

export async function loader({ context, params, request }: LoaderFunctionArgs) {
  const shown = await publicMeeting(context.db, rowIdParam(params.id));
  if (!shown) notFound("There is no published meeting at this address.");
  const feed = await meetingFeed(context.db, shown.meeting);
  const [questions, cited, page, access, notices] = await Promise.all([
    listQuestions(context.db, shown.meeting.id, { all: false }),
    citedForMeeting(context.db, context.actor, shown.record.items),
    feedLoader(context, request, feed.id),
    meetingAccess(context.db, context.actor, shown.meeting.id),
    meetingNotices(context.db, shown.meeting.id),
  ]);
  return {
    ...shown,
    questions,
    cited,
    page,
    access,
    notices,
    path: new URL(request.url).pathname,
    signedIn: context.actor.user !== null,
    questionsClose: shown.questionDeadline ? formatDateTime(shown.questionDeadline) : null,
    meeting: {
      ...shown.meeting,
      when: formatDateTime(shown.meeting.startsAt),
      publishedOn: shown.meeting.agendaPublishedAt ? formatDate(shown.meeting.agendaPublishedAt) : null,
      // Shown when it differs from the published time (a meeting started early, or late).
      startedWhen: shown.meeting.startedAt && formatDateTime(shown.meeting.startedAt) !== formatDateTime(shown.meeting.startsAt) ? formatDateTime(shown.meeting.startedAt) : null,
    },
  };
}

/** Two kinds of form post here: a public question (intent "question"), or anything in the residents' feed. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const forFeed = request.clone();
  const formData = await request.formData();
  if (String(formData.get("intent") ?? "question") !== "question") {
    const meeting = await publishedMeeting(context.db, rowIdParam(params.id));
    if (!meeting) notFound("There is no published meeting at this address.");
    return feedAction(context, forFeed, (await meetingFeed(context.db, meeting)).id);
  }
  const result = await askQuestion(context.db, context.actor, { ...formInput(formData), meetingId: params.id });
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, done: "Your question has been sent to the clerk. If it is accepted it will appear on the agenda with its answer." });
}

export default function MeetingPage() {
  const loaded = useLoaderData<typeof loader>();
  const { events, minutes, papers, previous, questions, signedIn, questionsClose, questionsOpen, cited, page, path, access, notices } = loaded;
  // The feed's answers (they name their intent) are shown by the feed itself, beside its forms.
  const fromFeed = (useActionData() as { intent?: string } | undefined)?.intent !== undefined;
  const answer = useFormState();
  const form = fromFeed ? { errors: {}, values: {} } : answer;
  // What changes during the meeting comes from the newest live view: the page's, or one an event carried.
  const follow = ["agenda_published", "in_progress"].includes(loaded.meeting.status);
  const { events: log, live: now, connected } = useMeetingEvents(loaded.meeting.id, events, loaded.live as PublicLiveView, follow);
  const meeting = { ...loaded.meeting, ...now.meeting };
  const { members, quorum } = now;
  const current = now.current ? { ...now.current, title: now.current.title || loaded.current?.title || "" } : null;
  const changes = new Map(now.items.map((i) => [i.id, i]));
  const record = { ...loaded.record, items: loaded.record.items.map((item) => ({ ...item, ...(changes.get(item.id) ?? {}) })) as typeof loaded.record.items };
  const live = meeting.status === "in_progress";
  const packPapers = papers.filter((p) => !notices.withdrawn.some((w) => w.itemId === p.agenda_item_id));
  // A member who left for an item because of a declared interest is not in the room for it.
  const present = members.filter((m) => m.inRoom && !m.recused);
  const leftForItem = members.filter((m) => m.inRoom && m.recused);
  return (
    <>
      <ErrorSummary form={form} />
      {!fromFeed && <DoneBanner />}
      <span className="govuk-caption-l">
        <Link className="govuk-link govuk-link--no-visited-state" to={`/boards/${meeting.boardSlug}`}>{meeting.boardName}</Link>
      </span>
      <h1 className="govuk-heading-l">{meeting.title}: {meeting.when}</h1>
      <p className="govuk-body">
        {notices.cancellation ? <Tag colour="red">Cancelled</Tag> : <Tag colour={live ? "green" : "grey"}>{meeting.statusLabel}</Tag>}
      </p>
      {notices.cancellation && <CancellationNotice cancellation={notices.cancellation} />}
      {access.canRun && (
        <p className="govuk-body">
          <Link className="govuk-link govuk-!-font-weight-bold" to={`/meetings/${meeting.id}/console`}>Open the meeting console<span className="govuk-visually-hidden"> for {meeting.title}</span></Link>
        </p>
      )}
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row"><dt className="govuk-summary-list__key">When</dt><dd className="govuk-summary-list__value">{meeting.when}</dd></div>
        {meeting.startedWhen && <div className="govuk-summary-list__row"><dt className="govuk-summary-list__key">Started</dt><dd className="govuk-summary-list__value" data-testid="started-at">{meeting.startedWhen}</dd></div>}
        {meeting.venue && <div className="govuk-summary-list__row"><dt className="govuk-summary-list__key">Where</dt><dd className="govuk-summary-list__value">{meeting.venue}</dd></div>}
        {meeting.onlineLink && <div className="govuk-summary-list__row"><dt className="govuk-summary-list__key">Online</dt><dd className="govuk-summary-list__value"><a className="govuk-link" href={meeting.onlineLink}>Watch or join online</a></dd></div>}
        {meeting.publishedOn && <div className="govuk-summary-list__row"><dt className="govuk-summary-list__key">Agenda published</dt><dd className="govuk-summary-list__value">{meeting.publishedOn}</dd></div>}
      </dl>
      <p className="govuk-body"><a className="govuk-link" href={`/meetings/${meeting.id}/calendar.ics`} download>Add this meeting to your calendar (iCal file)</a></p>
      <p className="govuk-body" data-testid="agenda-pack">
        <a className="govuk-link" href={`/meetings/${meeting.id}/agenda-pack.zip`} download>Download the agenda pack</a>{" "}
        <span className="govuk-body-s">(ZIP file: the agenda and {packPapers.length === 1 ? "1 public paper" : `${packPapers.length} public papers`}{packPapers.length ? `, ${fileSize(packPapers.reduce((n, p) => n + p.size_bytes, 0))}` : ""})</span>
      </p>
      <InsetText>
        This meeting is held in public. Anyone attending may film, photograph, record or report on it, under the Openness of Local Government Bodies Regulations 2014. The meeting may be filmed or recorded.
      </InsetText>
      {meeting.urgencyReason && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            This agenda was published less than five clear working days before the meeting. The chair’s reason of urgency: {meeting.urgencyReason}
          </strong>
        </div>
      )}

      {(live || meeting.status !== "agenda_published") && (
        <section aria-labelledby="live-heading" data-testid="live-view">
          <h2 className="govuk-heading-m" id="live-heading">{live ? "The meeting now" : "Attendance"}</h2>
          {live && meeting.inPrivate && (
            <div className="govuk-notification-banner" role="region" aria-labelledby="private-title" data-testid="private-notice">
              <div className="govuk-notification-banner__header"><h3 className="govuk-notification-banner__title" id="private-title">In private</h3></div>
              <div className="govuk-notification-banner__content">
                <p className="govuk-notification-banner__heading">
                  The meeting is in private{current ? ` for item ${current.position} under paragraph ${current.exemptParagraph} of Schedule 12A (${SCHEDULE_12A[current.exemptParagraph ?? 0]})` : ""}. The public feed is paused.
                </p>
              </div>
            </div>
          )}
          {live && meeting.adjourned && <p className="govuk-body"><strong>The meeting is adjourned.</strong></p>}
          {live && current && !meeting.inPrivate && <p className="govuk-body-l" data-testid="current-item">Now: item {current.position}, {current.title}</p>}
          {live && log.length > 0 && (
            <p className="govuk-body" data-testid="latest-event">
              Latest: {log[log.length - 1]!.text}
            </p>
          )}
          <p className="govuk-body" data-testid="quorum">
            {quorum.quorate ? <Tag colour="green">Quorate</Tag> : <Tag colour="red">Not quorate</Tag>} {quorum.present} voting members present; {quorum.required} needed.
          </p>
          <p className="govuk-body" data-testid="attendance">
            Present: {present.length ? present.map((m) => m.name).join(", ") : "nobody yet"}.
            {live && leftForItem.length > 0 && <> Left the meeting for this item (declared interest): {leftForItem.map((m) => m.name).join(", ")}.</>}
            {members.some((m) => m.attendance === "apologies") && <> Apologies: {members.filter((m) => m.attendance === "apologies").map((m) => m.name).join(", ")}.</>}
          </p>
        </section>
      )}
      <h2 className="govuk-heading-m">Agenda</h2>
      <AgendaRecord items={record.items} currentItemId={live ? current?.id : null} papers={papers} questions={questions} cited={cited} withdrawn={notices.withdrawn} />
      {notices.supplements.length > 0 && (
        <section aria-labelledby="supplements-heading" id="supplements">
          <h2 className="govuk-heading-m" id="supplements-heading">Changes to the agenda since it was published</h2>
          <Supplements supplements={notices.supplements} />
        </section>
      )}
      {/* what is happening now and the agenda come first; the full log (long on a phone) is behind a details element */}
      {(live || log.length > 0) && meeting.status !== "minutes_approved" && (
        <details className="govuk-details" data-testid="meeting-log-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Everything that has happened at this meeting ({log.length} {log.length === 1 ? "entry" : "entries"})</span>
          </summary>
          <div className="govuk-details__text">
            <MeetingLog events={log} connected={connected} />
          </div>
        </details>
      )}
      {questionsOpen && !notices.cancellation && (
        <section aria-labelledby="ask-heading">
          <h2 className="govuk-heading-m" id="ask-heading">Ask the board a question</h2>
          <p className="govuk-body">Questions close on {questionsClose}. The clerk accepts or rejects each question; accepted questions are answered at the meeting.</p>
          {signedIn ? (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="question" />
              <Textarea form={form} name="question" label="Your question" rows={4} />
              <Button>Send your question</Button>
            </Form>
          ) : (
            <p className="govuk-body"><Link className="govuk-link" to={`/sign-in?returnTo=/meetings/${meeting.id}`}>Sign in to ask a question</Link></p>
          )}
        </section>
      )}
      {previous && <p className="govuk-body"><Link className="govuk-link" to={`/meetings/${previous.id}`}>The previous meeting</Link></p>}
      <SubscribeLinks
        links={[
          { href: `/boards/${meeting.boardSlug}/calendar.ics`, text: "Subscribe to this board’s meetings (iCal)" },
          { href: "/meetings/calendar.ics", text: "Subscribe to all the council’s public meetings (iCal)" },
          { href: `/boards/${meeting.boardSlug}/feed.atom`, text: "This board’s agendas, minutes and decisions (Atom feed)" },
        ]}
      />

      {minutes && (
        <section aria-labelledby="minutes-heading">
          <h2 className="govuk-heading-m" id="minutes-heading">Minutes</h2>
          <p className="govuk-body">{meeting.minutesApprovedAt ? <Tag colour="green">Approved</Tag> : <Tag colour="yellow">Draft: to be approved at the next meeting</Tag>}</p>
          <Minutes text={minutes} testId="minutes" />
        </section>
      )}
      {access.confidentialMinutes && (
        <section aria-labelledby="confidential-minutes-heading" data-testid="confidential-minutes">
          <h2 className="govuk-heading-m" id="confidential-minutes-heading">Confidential minutes: exempt items</h2>
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
            <strong className="govuk-warning-text__text"><span className="govuk-visually-hidden">Warning</span>Not for publication. You see these because you are a member or the clerk of this board.</strong>
          </div>
          <Minutes text={access.confidentialMinutes} />
        </section>
      )}

      <section aria-labelledby="residents-feed-heading" data-slot="residents-comment-feed" className="govuk-!-margin-top-8" data-testid="residents-feed">
        <h2 className="govuk-heading-m" id="residents-feed-heading">Residents’ comments</h2>
        <InsetText>Comments from residents are not part of the meeting: the board does not see them as evidence and they are not in the minutes.</InsetText>
        <Feed page={page} signInHref={`/sign-in?returnTo=${encodeURIComponent(path)}`} />
      </section>
    </>
  );
}
