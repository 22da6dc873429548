import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { InsetText, SummaryList, Tag } from "~/components/govuk/content";
import { notFound, rowIdParam } from "~/lib/http.server";
import { getConsultationPage, visibleConsultation } from "~/modules/consultations/consultations.server";
import { consultationDiscussion, DISCUSSION_CLOSED } from "~/modules/consultations/discussion.server";
import { Feed, feedLinks } from "~/modules/feeds/components/Feed";
import { settle } from "~/lib/effects.server";
import { feedAction, feedLoader } from "~/modules/feeds/route.server";
import { formatLondon, formatLondonDate } from "~/lib/london-time";
import { myResponses } from "~/modules/consultations/responses.server";
import { STATUS_COLOURS, STATUS_LABELS } from "~/modules/consultations/transitions";
import { decisionsAbout } from "~/modules/commissioning/decision-subjects.server";
import { DecisionsCiting } from "~/modules/commissioning/components/DecisionsCiting";

export const handle = { title: (data: unknown) => (data as { consultation?: { title: string } })?.consultation?.title ?? "Consultation" };

export const links: LinksFunction = feedLinks;

/** The discussion, after settling any change the clock's catch-up just made (e.g. pausing it at the close). */
async function discussionOf(context: LoaderFunctionArgs["context"], consultation: Parameters<typeof consultationDiscussion>[1]) {
  return settle(context.bus, consultationDiscussion(context.db, consultation));
}

export async function loader({ context, params, request }: LoaderFunctionArgs) {
  const page = await getConsultationPage(context.db, context.actor, rowIdParam(params.id));
  if (!page.ok) notFound("There is no consultation at this address.");
  const { consultation: c, outcomes, documents, sections, mayManage } = page.value;
  const discussion = await discussionOf(context, c);
  const url = new URL(request.url);
  return {
    discussion: discussion && { closedNotice: discussion.closed ? DISCUSSION_CLOSED : undefined, page: await feedLoader(context, request, discussion.feed.id) },
    path: url.pathname,
    consultation: c,
    outcomes,
    documents,
    sectionCount: sections.length,
    mayManage,
    signedIn: Boolean(context.actor.user),
    myResponse: (await myResponses(context.db, context.actor, { consultationId: c.id }))[0] ?? null,
    citingDecisions: await decisionsAbout(context.db, "consultation", c.id, context.actor),
  };
}

/** The page's only forms are the discussion's: every intent goes to the feed. */
export async function action({ context, params, request }: ActionFunctionArgs) {
  const visible = await visibleConsultation(context.db, context.actor, rowIdParam(params.id));
  if (!visible.ok) notFound("There is no consultation at this address.");
  const discussion = await discussionOf(context, visible.value.consultation);
  if (!discussion) notFound("There is no consultation at this address.");
  return feedAction(context, request, discussion.feed.id);
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter(Boolean)
        .map((p, i) => (
          <p className="govuk-body" key={i}>
            {p}
          </p>
        ))}
    </>
  );
}

export default function ConsultationPage() {
  const { consultation: c, outcomes, documents, sectionCount, mayManage, signedIn, discussion, path, myResponse, citingDecisions } = useLoaderData<typeof loader>();
  const respondHref = `/consultations/${c.id}/respond`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <span className="govuk-caption-l">Consultation</span>
        <h1 className="govuk-heading-l">{c.title}</h1>
        <Tag colour={STATUS_COLOURS[c.status]}>{STATUS_LABELS[c.status]}</Tag>
        <p className="govuk-body-l govuk-!-margin-top-4">{c.summary}</p>
        <SummaryList
          rows={[
            { key: "Opens", value: formatLondon(c.opens_at) },
            { key: "Closes", value: formatLondon(c.closes_at) },
            { key: "Where", value: c.whole_council ? "The whole council area" : c.localities.map((l) => l.name).join(", ") },
          ]}
        />
        {c.status !== "draft" && (
          <p className="govuk-body">
            <a className="govuk-link" href={`/follow?kind=consultation&id=${c.id}`}>Get e-mail updates about this consultation</a> (when it is closing, and its results)
          </p>
        )}
        {myResponse?.status === "submitted" && (
          <InsetText>
            You responded on {formatLondonDate(myResponse.submittedAt)} (reference <strong>{myResponse.reference}</strong>).{" "}
            <Link className="govuk-link" to={`${respondHref}/check`}>
              {c.status === "open" ? "View or change your response" : "View your response"}
            </Link>
          </InsetText>
        )}
        {c.status === "open" && myResponse?.status === "draft" && (
          <>
            <p className="govuk-body">You have started a response. Your answers are saved but you have not sent it yet.</p>
            <Link to={`${respondHref}/1`} className="govuk-button" draggable="false">
              Continue your response
            </Link>
          </>
        )}
        {c.status === "open" && !myResponse && (
          <>
            <p className="govuk-body">
              There {sectionCount === 1 ? "is 1 page" : `are ${sectionCount} pages`} of questions. You can save your answers and come back later.
            </p>
            <Link to={respondHref} className="govuk-button govuk-button--start" role="button" draggable="false">
              Respond to this consultation
              <svg className="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
                <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
              </svg>
            </Link>
            {!signedIn && <p className="govuk-body-s">You will be asked to sign in or create an account first.</p>}
          </>
        )}
        {c.status === "scheduled" && <InsetText>This consultation opens at {formatLondon(c.opens_at)}. You can respond from then.</InsetText>}
        {c.status === "closed" && <InsetText>This consultation has closed. We are considering the responses and will publish the results here.</InsetText>}
        {c.status === "results_published" && (
          <InsetText>
            This consultation has closed. <Link className="govuk-link" to={`/consultations/${c.id}/results`}>Read what we asked, what you said and what we did</Link>.
          </InsetText>
        )}
        <h2 className="govuk-heading-m">Background</h2>
        <Paragraphs text={c.background} />
        <h2 className="govuk-heading-m">What we are proposing</h2>
        <Paragraphs text={c.proposal} />
        {c.no_decision_statement && <InsetText>{c.no_decision_statement}</InsetText>}
        <h2 className="govuk-heading-m">Options we considered</h2>
        <Paragraphs text={c.options_considered} />
        <h2 className="govuk-heading-m">Who we are asking</h2>
        <Paragraphs text={c.who_is_consulted} />
        <h2 className="govuk-heading-m">How we will use your response</h2>
        <Paragraphs text={c.how_responses_used} />
        {documents.length > 0 && (
          <>
            <h2 className="govuk-heading-m">Supporting documents</h2>
            <ul className="govuk-list">
              {documents.map((d) => (
                <li key={d.id}>
                  <a className="govuk-link" href={d.url ?? `/consultations/${c.id}/documents/${d.id}`}>
                    {d.title}
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
        {outcomes.length > 0 && (
          <>
            <h2 className="govuk-heading-m">Outcomes this relates to</h2>
            <ul className="govuk-list govuk-list--bullet">
              {outcomes.map((o) => (
                <li key={o.id}>
                  <Link className="govuk-link" to="/outcomes">
                    {o.title}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        )}
        <DecisionsCiting decisions={citingDecisions} what="consultation" />
        <h2 className="govuk-heading-m">Privacy notice</h2>
        <Paragraphs text={c.privacy_notice} />
        <h2 className="govuk-heading-m">Contact</h2>
        <p className="govuk-body">{c.contact}</p>
        {mayManage && (
          <p className="govuk-body">
            <Link className="govuk-link" to={`/officer/consultations/${c.id}`}>Manage this consultation</Link>
          </p>
        )}
      </div>
      {discussion && (
        <section className="govuk-grid-column-full" aria-labelledby="discussion-heading">
          <h2 className="govuk-heading-l" id="discussion-heading">
            Residents’ discussion
          </h2>
          <p className="govuk-body">
            Talk about this consultation with other residents. Comments here are not responses: to be counted, {c.status === "open" ? "respond to the consultation" : "responses had to be sent"} using the questions.
          </p>
          <Feed page={discussion.page} signInHref={`/sign-in?returnTo=${encodeURIComponent(path)}`} closedNotice={discussion.closedNotice} />
        </section>
      )}
    </div>
  );
}
