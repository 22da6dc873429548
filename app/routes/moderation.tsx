import type { ReactNode } from "react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Tag } from "~/components/govuk/content";
import { DoneBanner } from "~/components/govuk/done-banner";
import { Button, ErrorSummary, useFormState } from "~/components/govuk/form";
import { settle } from "~/lib/effects.server";
import { formInput } from "~/lib/forms";
import { formFailure } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { ANYWHERE } from "~/modules/permissions/permissions";
import { hideComment, moderationQueue, restoreComment, restorePoll, setFeedPaused } from "~/modules/feeds/feeds.server";
import { InlineAction } from "~/components/govuk/inline-action";
import { TableHead } from "~/components/govuk/table-head";

export const handle = { title: "Moderation" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "feed.moderate", ANYWHERE);
  const queue = await moderationQueue(context.db, context.actor);
  if (!queue.ok) throw data({ message: "You do not have permission to moderate" }, { status: 403 });
  return queue.value;
}

const ACTIONS = {
  hide: { run: hideComment, done: "The comment has been hidden" },
  restore: { run: restoreComment, done: "The comment has been restored" },
  "restore-poll": { run: restorePoll, done: "The poll has been restored" },
  pause: { run: (db, actor, input) => setFeedPaused(db, actor, input, true), done: "The discussion is paused" },
  resume: { run: (db, actor, input) => setFeedPaused(db, actor, input, false), done: "The discussion is open again" },
} satisfies Record<string, { run: typeof hideComment; done: string }>;

export async function action({ context, request }: ActionFunctionArgs) {
  requirePermission(context, request, "feed.moderate", ANYWHERE);
  const formData = await request.formData();
  const chosen = ACTIONS[String(formData.get("intent")) as keyof typeof ACTIONS];
  if (!chosen) return formFailure({ errors: { _form: "Choose what you want to do" } }, formData);
  const result = await settle(context.bus, chosen.run(context.db, context.actor, formInput(formData)));
  if (!result.ok) return formFailure({ errors: { _form: Object.values(result.errors)[0]! }, status: result.status }, formData);
  return { ok: true as const, done: chosen.done };
}

export default function Moderation() {
  const { flagged, hidden, hiddenPolls, feeds } = useLoaderData<typeof loader>();
  const form = useFormState();
  return (
    <>
      <ErrorSummary form={form} />
      <DoneBanner />
      <h1 className="govuk-heading-l">Moderation</h1>

      <h2 className="govuk-heading-m">Reported comments ({flagged.length})</h2>
      {flagged.length === 0 && <p className="govuk-body">Nothing is waiting for a moderator.</p>}
      {flagged.map((c) => (
        <div key={c.id} className="govuk-summary-card">
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">
              {c.authorName} in <Link className="govuk-link" to={`/feeds/${c.feedId}#comment-${c.id}`}>{c.feedTitle}</Link>
            </h3>
          </div>
          <div className="govuk-summary-card__content">
            <p className="govuk-body moot-comment__body">{c.text}</p>
            <p className="govuk-body-s">Reported because: {c.reasons.join("; ")}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="hide" />
              <input type="hidden" name="commentId" value={c.id} />
              <div className="govuk-form-group">
                <label className="govuk-label" htmlFor={`reason-${c.id}`}>
                  Reason for hiding
                </label>
                <input className="govuk-input" id={`reason-${c.id}`} name="reason" type="text" />
              </div>
              <Button warning>Hide comment</Button>
            </Form>
          </div>
        </div>
      ))}

      <HiddenList
        what="comments"
        rows={hidden.map((c) => ({
          key: c.id,
          shown: (
            <>
              <strong>{c.authorName}</strong> in {c.feedTitle}
              <br />
              <span className="moot-comment__body">{c.text}</span>
            </>
          ),
          reason: c.hiddenReason,
          restore: { intent: "restore", fields: { commentId: c.id }, label: `comment by ${c.authorName}` },
        }))}
      />
      <HiddenList
        what="polls"
        rows={hiddenPolls.map((p) => ({
          key: p.id,
          shown: (
            <>
              {p.question}
              <br />
              <span className="govuk-body-s">in {p.feedTitle}</span>
            </>
          ),
          reason: p.hiddenReason,
          restore: { intent: "restore-poll", fields: { pollId: p.id }, label: `poll “${p.question}”` },
        }))}
      />

      <h2 className="govuk-heading-m">Discussions</h2>
      <table className="govuk-table">
        <TableHead caption="Discussions and whether they are paused" columns={["Discussion", "Status"]} action />
        <tbody className="govuk-table__body">
          {feeds.map((f) => (
            <tr className="govuk-table__row" key={f.id}>
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/feeds/${f.id}`}>{f.title}</Link>
              </td>
              <td className="govuk-table__cell">{f.paused ? <Tag colour="grey">Paused</Tag> : <Tag colour="green">Open</Tag>}</td>
              <td className="govuk-table__cell">
                <InlineAction intent={f.paused ? "resume" : "pause"} fields={{ feedId: f.id }}>
                  {f.paused ? "Resume" : "Pause"}<span className="govuk-visually-hidden"> {f.title}</span>
                </InlineAction>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

interface HiddenRow {
  key: number;
  shown: ReactNode;
  reason: string | null;
  restore: { intent: string; fields: Record<string, number>; label: string };
}

/** Hidden comments or polls: what was hidden, why, and a button to restore each. */
function HiddenList({ what, rows }: { what: "comments" | "polls"; rows: HiddenRow[] }) {
  return (
    <>
      <h2 className="govuk-heading-m">Hidden {what}</h2>
      {rows.length === 0 ? (
        <p className="govuk-body">No {what} are hidden.</p>
      ) : (
        <table className="govuk-table">
          <TableHead caption={`Hidden ${what}`} columns={[what === "comments" ? "Comment" : "Poll", "Why hidden"]} action />
          <tbody className="govuk-table__body">
            {rows.map((r) => (
              <tr className="govuk-table__row" key={r.key}>
                <td className="govuk-table__cell">{r.shown}</td>
                <td className="govuk-table__cell">{r.reason}</td>
                <td className="govuk-table__cell">
                  <InlineAction intent={r.restore.intent} fields={r.restore.fields}>
                    Restore<span className="govuk-visually-hidden"> {r.restore.label}</span>
                  </InlineAction>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
