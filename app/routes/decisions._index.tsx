import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { alternateLinks, DECISIONS_FEED } from "~/modules/syndication/links";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DateInput } from "~/components/govuk/date-input";
import { Button, ErrorSummary, Select, type FormState } from "~/components/govuk/form";
import { decisionFilterOptions, decisionsRegister } from "~/modules/boards/boards.server";
import { formInput } from "~/lib/forms";
import { formatDate } from "~/modules/meetings/format";

export const handle = { title: "Register of decisions" };

export const meta: MetaFunction = () => alternateLinks([DECISIONS_FEED]);

export async function loader({ context, request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const [register, options] = await Promise.all([decisionsRegister(context.db, formInput(params)), decisionFilterOptions(context.db)]);
  return {
    options,
    values: Object.fromEntries(params.entries()),
    errors: register.errors,
    decisions: register.decisions.map((d) => ({ ...d, date: formatDate(d.decided_at) })),
  };
}

export default function DecisionsRegister() {
  const { options, values, errors, decisions } = useLoaderData<typeof loader>();
  const form: FormState = { errors, values };
  return (
    <>
      <ErrorSummary form={form} />
      <h1 className="govuk-heading-l">Register of decisions</h1>
      <p className="govuk-body">Every decision boards make in public, with how each member voted, the reasons, and the outcomes it serves.</p>
      <p className="govuk-body"><a className="govuk-link" href="/decisions.atom">Follow new decisions (Atom feed)</a></p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <Form method="get" role="search" aria-label="Filter decisions">
            <Select form={form} name="board" label="Board" placeholder="All boards" options={options.boards.map((b) => ({ value: String(b.id), label: b.name }))} />
            <Select form={form} name="locality" label="Locality" placeholder="All localities" options={options.localities.map((l) => ({ value: String(l.id), label: l.name }))} />
            <Select form={form} name="outcome" label="Outcome" placeholder="All outcomes" options={options.outcomes.map((o) => ({ value: String(o.id), label: o.title }))} />
            <DateInput form={form} name="from" label="Decided on or after" hint="For example, 31 1 2026" />
            <DateInput form={form} name="to" label="Decided on or before" hint="For example, 31 12 2026" />
            <Button secondary>Filter decisions</Button>
          </Form>
        </div>
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body" role="status">{decisions.length === 1 ? "1 decision" : `${decisions.length} decisions`}</p>
          {decisions.map((d) => (
            <article key={d.id} className="govuk-!-margin-bottom-7" data-testid="decision">
              <h2 className="govuk-heading-s govuk-!-margin-bottom-1"><Link className="govuk-link" to={`/decisions/${d.id}`}>{d.text}</Link>{d.calledIn && <> <strong className="govuk-tag govuk-tag--orange">Called in</strong></>}</h2>
              <p className="govuk-body-s">
                {d.board_name}{d.locality_name ? `, ${d.locality_name}` : ""}. {d.date}. Item {d.position}: {d.item_title}.
              </p>
              <p className="govuk-body">Reasons: {d.reasons}</p>
              {d.motion_status && (
                <p className="govuk-body">
                  Vote: {d.motion_status}, {d.votes_for} for, {d.votes_against} against, {d.abstentions} abstained{d.casting_vote ? `, chair’s casting vote ${d.casting_vote}` : ""}.
                  {d.votes.length > 0 && <> {d.votes.map((v) => `${v.name} (${v.choice})`).join(", ")}.</>}
                </p>
              )}
              {d.outcomes.length > 0 && <p className="govuk-body-s">Outcomes: {d.outcomes.map((o) => o.title).join(", ")}</p>}
              <p className="govuk-body-s">
                <Link className="govuk-link" to={`/meetings/${d.meeting_id}`}>Agenda and minutes of the meeting<span className="govuk-visually-hidden"> for this decision</span></Link>
              </p>
            </article>
          ))}
        </div>
      </div>
    </>
  );
}
