/**
 * A live feed as any page embeds it: polls, the comment form, the threaded comments. Every
 * control is a plain form posting to the page's own action (works without JavaScript); with
 * JavaScript the socket keeps the page current and a polite live region says what arrived,
 * without moving focus.
 */
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useMemo, type ReactNode } from "react";
import { InsetText, NotificationBanner, Tag } from "~/components/govuk/content";
import { Button, Checkboxes, ErrorSummary, Radios, TextInput, Textarea, useFormState } from "~/components/govuk/form";
import type { FeedAbilities, FeedPage } from "../feeds.server";
import { threads, type FeedState } from "../feed-state";
import { COMMENT_MAX, EDIT_WINDOW_MS, MAX_DEPTH, PAGE_SIZE, POLL_OPTIONS_MAX } from "../limits";
import type { CommentView, PollView } from "../types";
import { useLiveFeed } from "./useLiveFeed";
import { TableHead } from "~/components/govuk/table-head";
import { formatDateTime } from "~/lib/dates";

/** For a route whose page is a feed: its title is the feed's title; the feed's stylesheet. */
export const feedRouteHandle = { title: (data: unknown) => (data as { page?: { feed: { title: string } } })?.page?.feed.title ?? "Discussion" };
export const feedLinks = () => [{ rel: "stylesheet", href: "/styles/feeds.css" }];

/** The page data as it arrives in the browser (dates are already strings). */
export type FeedPageData = Omit<FeedPage, "abilities"> & { abilities: FeedAbilities };


/**
 * `closedNotice`: the feed's owner has ended (e.g. a closed consultation). While the feed is
 * paused this text replaces the moderator's pause message and the pause/resume button is not offered.
 */
export function Feed({ page, signInHref, closedNotice }: { page: FeedPageData; signInHref: string; closedNotice?: ReactNode }) {
  const initial = useMemo<FeedState>(
    () => ({ lastEventId: page.lastEventId, paused: page.feed.paused, comments: page.comments, polls: page.polls }),
    [page],
  );
  const live = useLiveFeed(page.feed.id, initial);
  const { state } = live;
  const done = useActionData() as { ok?: boolean; done?: string; at?: number; intent?: string } | undefined;
  // The page may have forms of its own (a meeting's public questions): only feed answers (they name their intent) are ours.
  const ours = done?.intent !== undefined;
  const answer = useFormState();
  const form = ours ? answer : { errors: {}, values: {} };
  const can = page.abilities;
  const mayWrite = can.participate && !state.paused;

  return (
    <div className="moot-feed">
      <ErrorSummary form={form} />
      {ours && done?.ok && done.done && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">{done.done}</p>
        </NotificationBanner>
      )}
      <div aria-live="polite" className="govuk-visually-hidden" data-testid="feed-announcer">
        {live.announced}
      </div>
      <p className="govuk-body-s moot-feed__status">
        {live.connected ? (
          <>
            <Tag colour="green">Live</Tag> {live.viewers !== null && `${live.viewers} ${live.viewers === 1 ? "person" : "people"} watching`}
          </>
        ) : (
          <>New comments appear when you reload the page.</>
        )}
      </p>
      {state.paused && (
        <InsetText>
          <p className="govuk-body">{closedNotice ?? "A moderator has paused this discussion. You can read it, but nobody can comment or vote for now."}</p>
        </InsetText>
      )}
      {can.moderate && !(closedNotice && state.paused) && (
        <Form method="post" preventScrollReset className="govuk-!-margin-bottom-4">
          <input type="hidden" name="intent" value={state.paused ? "resume" : "pause"} />
          <Button secondary>{state.paused ? "Resume this discussion" : "Pause this discussion"}</Button>
        </Form>
      )}

      {(state.polls.length > 0 || can.managePolls) && (
        <section aria-labelledby="feed-polls-heading">
          <h2 className="govuk-heading-m" id="feed-polls-heading">
            Polls
          </h2>
          {state.polls.map((poll) => (
            <Poll key={poll.id} poll={poll} mine={page.myVotes[poll.id] ?? []} can={can} paused={state.paused} />
          ))}
          {can.managePolls && !state.paused && <OpenPollForm form={form} />}
        </section>
      )}

      <section aria-labelledby="feed-comments-heading">
        <h2 className="govuk-heading-m" id="feed-comments-heading">
          Comments
        </h2>
        {mayWrite ? (
          <Form method="post" preventScrollReset noValidate key={done?.intent === "post" ? done.at : "post"}>
            <input type="hidden" name="intent" value="post" />
            <Textarea form={form} name="body" label="Add a comment" hint={
                <>
                  Plain text, up to {COMMENT_MAX.toLocaleString("en-GB")} characters. Be kind: comments that break the{" "}
                  <a className="govuk-link" href="/house-rules">
                    house rules
                  </a>{" "}
                  are hidden.
                </>
              } rows={4} />
            <Button>Post comment</Button>
          </Form>
        ) : !can.participate ? (
          <p className="govuk-body">
            <a className="govuk-link" href={signInHref}>
              Sign in to comment and vote
            </a>
          </p>
        ) : null}
        <p className="govuk-body-s">
          Sort:{" "}
          <SortLink sort="newest" current={page.sort}>
            newest first
          </SortLink>{" "}
          |{" "}
          <SortLink sort="agreed" current={page.sort}>
            most agreed first
          </SortLink>
        </p>
        {state.comments.length === 0 ? (
          <p className="govuk-body">No comments yet.</p>
        ) : (
          <ol className="moot-comments" aria-label="Comments">
            {threads(state.comments).map((thread) => (
              <li key={thread[0]!.id} className="moot-comments__thread">
                {thread.map((c) => (
                  <Comment key={c.id} comment={c} can={can} mayWrite={mayWrite} myReaction={page.myReactions[c.id]} />
                ))}
              </li>
            ))}
          </ol>
        )}
        {page.hasEarlier && (
          <p className="govuk-body">
            <Link className="govuk-link" to={`?sort=${page.sort}&shown=${page.shown + PAGE_SIZE}`} preventScrollReset>
              Load earlier comments
            </Link>
          </p>
        )}
      </section>
    </div>
  );
}

function SortLink({ sort, current, children }: { sort: string; current: string; children: ReactNode }) {
  if (sort === current) return <strong aria-current="true">{children}</strong>;
  return (
    <Link className="govuk-link" to={`?sort=${sort}`}>
      {children}
    </Link>
  );
}

function IntentForm({ intent, children, fields = {} }: { intent: string; children: ReactNode; fields?: Record<string, string | number> }) {
  return (
    <Form method="post" preventScrollReset className="moot-inline-form">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {children}
    </Form>
  );
}

/** A small disclosure with one text field and a button (reply, edit, report, hide a comment or a poll). */
function TextAction({
  intent,
  targetId,
  targetField = intent === "post" ? "parentId" : "commentId",
  summary,
  label,
  name,
  button,
  defaultValue,
  rows = 3,
}: {
  intent: string;
  targetId: number;
  targetField?: string;
  summary: string;
  label: string;
  name: string;
  button: string;
  defaultValue?: string;
  rows?: number;
}) {
  const id = `${intent}-${targetId}`;
  const navigation = useNavigation();
  return (
    <details className="govuk-details moot-comment__action">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{summary}</span>
      </summary>
      <div className="govuk-details__text">
        <Form method="post" preventScrollReset key={navigation.state === "idle" ? "idle" : "busy"}>
          <input type="hidden" name="intent" value={intent} />
          <input type="hidden" name={targetField} value={targetId} />
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor={id}>
              {label}
            </label>
            <textarea className="govuk-textarea" id={id} name={name} rows={rows} defaultValue={defaultValue} />
          </div>
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            {button}
          </button>
        </Form>
      </div>
    </details>
  );
}

function Comment({ comment: c, can, mayWrite, myReaction }: { comment: CommentView; can: FeedAbilities; mayWrite: boolean; myReaction?: "agree" | "disagree" }) {
  const mine = can.userId === c.authorId;
  const visible = c.state === "visible";
  const editable = mine && visible && Date.now() - new Date(c.createdAt).getTime() < EDIT_WINDOW_MS;
  return (
    <article className={`moot-comment moot-comment--depth-${c.depth}`} id={`comment-${c.id}`} aria-labelledby={`comment-${c.id}-by`}>
      <p className="govuk-body-s moot-comment__meta" id={`comment-${c.id}-by`}>
        <strong>{c.authorName}</strong>
        {c.parentId !== null && <span className="govuk-visually-hidden"> replied</span>} <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
        {c.edited && visible && <span className="moot-comment__edited"> (edited)</span>}
      </p>
      {c.state === "hidden" ? (
        <p className="govuk-body moot-comment__gone">Comment hidden by a moderator{can.moderate && c.hiddenReason ? `: ${c.hiddenReason}` : ""}</p>
      ) : c.state === "deleted" ? (
        <p className="govuk-body moot-comment__gone">Comment deleted</p>
      ) : (
        <p className="govuk-body moot-comment__body">{c.body}</p>
      )}
      {visible && (
        <div className="govuk-body-s moot-comment__reactions">
          {mayWrite && !mine ? (
            <>
              {(["agree", "disagree"] as const).map((reaction) => (
                <IntentForm key={reaction} intent="react" fields={{ commentId: c.id, reaction: myReaction === reaction ? "none" : reaction }}>
                  <button
                    type="submit"
                    className="govuk-button govuk-button--secondary moot-reaction"
                    aria-pressed={myReaction === reaction}
                  >
                    {myReaction === reaction && <span aria-hidden="true">✓ </span>}
                    {reaction === "agree" ? "Agree" : "Disagree"} ({reaction === "agree" ? c.agree : c.disagree})
                  </button>
                </IntentForm>
              ))}
              {myReaction && <span className="moot-reaction__mine">You {myReaction}d. Select it again to take it back.</span>}
            </>
          ) : (
            <>
              {c.agree} agree, {c.disagree} disagree
            </>
          )}
          {mine && mayWrite && (
            <>
              {" "}
              <IntentForm intent="delete" fields={{ commentId: c.id }}>
                <button type="submit" className="moot-link-button">
                  Delete<span className="govuk-visually-hidden"> your comment</span>
                </button>
              </IntentForm>
            </>
          )}
        </div>
      )}
      {visible && c.depth === 0 && (
        <p className="govuk-body-s govuk-!-margin-bottom-1">
          <a className="govuk-link" href={`/follow?kind=thread&id=${c.id}`}>
            Follow replies<span className="govuk-visually-hidden"> to the comment by {c.authorName}</span>
          </a>
        </p>
      )}
      {visible && mayWrite && c.depth < MAX_DEPTH && <TextAction intent="post" targetId={c.id} summary="Reply" label={`Your reply to ${c.authorName}`} name="body" button="Post reply" />}
      {editable && mayWrite && <TextAction intent="edit" targetId={c.id} summary="Edit" label="Your comment" name="body" button="Save changes" defaultValue={c.body ?? ""} />}
      {visible && can.participate && !mine && <TextAction intent="flag" targetId={c.id} summary="Report" label="Why should a moderator check this comment?" name="reason" button="Report comment" rows={2} />}
      {can.moderate && visible && <TextAction intent="hide" targetId={c.id} summary="Hide (moderator)" label="Reason for hiding (shown to moderators)" name="reason" button="Hide comment" rows={2} />}
      {can.moderate && c.state === "hidden" && (
        <IntentForm intent="restore" fields={{ commentId: c.id }}>
          <button type="submit" className="moot-link-button">
            Restore<span className="govuk-visually-hidden"> comment by {c.authorName}</span>
          </button>
        </IntentForm>
      )}
    </article>
  );
}

function Poll({ poll, mine, can, paused }: { poll: PollView; mine: number[]; can: FeedAbilities; paused: boolean }) {
  if (poll.hidden) return <HiddenPoll poll={poll} can={can} />;
  const open = poll.status === "open";
  const total = poll.options.reduce((n, o) => n + o.votes, 0);
  const headingId = `poll-${poll.id}`;
  const options = poll.options.map((o) => ({ value: String(o.id), label: o.label }));
  const voteForm = { errors: {}, values: { optionIds: mine.map(String) } };
  return (
    <div className="moot-poll" aria-labelledby={headingId} role="group">
      <h3 className="govuk-heading-s" id={headingId}>
        {poll.question} {open ? <Tag colour="green">Open</Tag> : <Tag colour="grey">Closed</Tag>}
      </h3>
      {open && can.participate && !paused && (
        <Form method="post" preventScrollReset>
          <input type="hidden" name="intent" value="vote" />
          <input type="hidden" name="pollId" value={poll.id} />
          {poll.multiple ? (
            <Checkboxes form={voteForm} name="optionIds" label={<span className="govuk-visually-hidden">{poll.question}</span>} hint="Choose all that apply" options={options} />
          ) : (
            <Radios form={voteForm} name="optionIds" label={<span className="govuk-visually-hidden">{poll.question}</span>} options={options} />
          )}
          <Button secondary>{mine.length ? "Change vote" : "Vote"}</Button>
        </Form>
      )}
      <table className="govuk-table moot-poll__results">
        <TableHead caption={<>{open ? "Votes so far" : "Result"}: {poll.voters} {poll.voters === 1 ? "person" : "people"}</>} captionSize="s" columns={["Option", { text: "Votes", numeric: true }, { text: "Share", numeric: true }]} />
        <tbody className="govuk-table__body">
          {poll.options.map((o) => (
            <tr className="govuk-table__row" key={o.id}>
              <th scope="row" className="govuk-table__header">{o.label}</th>
              <td className="govuk-table__cell govuk-table__cell--numeric" data-testid={`votes-${o.id}`}>{o.votes}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{total ? Math.round((100 * o.votes) / total) : 0}%</td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && can.managePolls && (
        <IntentForm intent="close-poll" fields={{ pollId: poll.id }}>
          <Button warning>Close this poll</Button>
        </IntentForm>
      )}
      {can.moderate && (
        <TextAction intent="hide-poll" targetId={poll.id} targetField="pollId" summary="Hide poll (moderator)" label="Reason for hiding (shown to moderators)" name="reason" button="Hide poll" rows={2} />
      )}
    </div>
  );
}

/** A poll a moderator has hidden: no question, options or counts; moderators see why and can restore it. */
function HiddenPoll({ poll, can }: { poll: PollView; can: FeedAbilities }) {
  return (
    <div className="moot-poll" id={`poll-${poll.id}`}>
      <p className="govuk-body moot-comment__gone">Poll hidden by a moderator{can.moderate && poll.hiddenReason ? `: ${poll.hiddenReason}` : ""}</p>
      {can.moderate && (
        <IntentForm intent="restore-poll" fields={{ pollId: poll.id }}>
          <button type="submit" className="moot-link-button">
            Restore<span className="govuk-visually-hidden"> the hidden poll</span>
          </button>
        </IntentForm>
      )}
    </div>
  );
}

function OpenPollForm({ form }: { form: ReturnType<typeof useFormState> }) {
  const values = form.values.options;
  const given = Array.isArray(values) ? values : values ? [values] : [];
  const errored = Boolean(form.errors.question || form.errors.options);
  return (
    <details className="govuk-details" open={errored || undefined}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Open a quick poll</span>
      </summary>
      <div className="govuk-details__text">
        <Form method="post" preventScrollReset noValidate>
          <input type="hidden" name="intent" value="open-poll" />
          <TextInput form={form} name="question" label="Question" />
          <div className={`govuk-form-group${form.errors.options ? " govuk-form-group--error" : ""}`} id="options">
            <fieldset className="govuk-fieldset" aria-describedby="options-hint">
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Options</legend>
              <div className="govuk-hint" id="options-hint">
                Between 2 and {POLL_OPTIONS_MAX}. Leave the rest empty.
              </div>
              {form.errors.options && (
                <p className="govuk-error-message">
                  <span className="govuk-visually-hidden">Error:</span> {form.errors.options}
                </p>
              )}
              {Array.from({ length: POLL_OPTIONS_MAX }, (_, i) => (
                <div className="govuk-form-group" key={i}>
                  <label className="govuk-label" htmlFor={`option-${i}`}>
                    Option {i + 1}
                  </label>
                  <input className="govuk-input govuk-!-width-two-thirds" id={`option-${i}`} name="options" type="text" defaultValue={given[i] ?? ""} />
                </div>
              ))}
            </fieldset>
          </div>
          <Checkboxes form={form} name="multiple" label="Choices" options={[{ value: "yes", label: "People may choose more than one option" }]} />
          <Button>Open poll</Button>
        </Form>
      </div>
    </details>
  );
}
