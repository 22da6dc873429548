import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { SummaryList, Tag } from "~/components/govuk/content";
import { DoneBanner } from "~/components/govuk/done-banner";
import { Button, EMPTY_FORM, ErrorSummary, Select, Textarea, TextInput, type FormState } from "~/components/govuk/form";
import { TableHead } from "~/components/govuk/table-head";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, requireUser, rowIdParam } from "~/lib/http.server";
import type { FormFailure } from "~/lib/result";
import { londonDay } from "~/modules/calendar/days";
import { longDate } from "~/modules/evidence/dates";
import { approveByBoard, approveByPanel, declareInterest, grantApprovalPage } from "~/modules/providers/grants.server";
import { SEAT_LABELS } from "~/modules/providers/market-schema";

export const handle = { title: (d: unknown) => `Grant approval: ${(d as { page?: { grant: { title: string } } })?.page?.grant.title ?? "grant"}` };

export async function loader({ context, params }: LoaderFunctionArgs) {
  const page = await grantApprovalPage(context.db, context.actor, rowIdParam(params.id));
  if (!page) notFound("There is no grant at this address.");
  return { page, today: londonDay(new Date()) };
}

const DONE = { interest: "The declaration of interest has been recorded", panel: "The grant panel’s approval has been recorded", board: "The board’s approval has been recorded" } as const;
type Intent = keyof typeof DONE;

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "") as Intent;
  const run = { interest: declareInterest, panel: approveByPanel, board: approveByBoard }[intent];
  if (!run) return formFailure({ errors: { _form: "Choose what to do" }, status: 400 }, formData);
  const result = await run(context.db, context.actor, { ...formInput(formData), arrangementId: params.id });
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, done: DONE[intent] });
}

export default function GrantApproval() {
  const { page, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormFailure | { ok: true; done: string } | undefined;
  const failed = result && !result.ok ? result : null;
  const formFor = (intent: Intent, defaults: FormState["values"] = {}): FormState =>
    failed && failed.values.intent === intent ? { errors: failed.errors, values: failed.values } : { ...EMPTY_FORM, values: defaults };
  const summary: FormState = failed ? { errors: failed.errors, values: failed.values } : EMPTY_FORM;
  const { grant, view, members } = page;
  const a = view.approval;
  const seatOptions = (seat: keyof typeof SEAT_LABELS) => members.filter((m) => m.seat === seat).map((m) => ({ value: String(m.id), label: m.organisation ? `${m.name} (${m.organisation})` : m.name }));
  const approvalDefaults = { approvedOn: today, conditions: view.conditions };

  return (
    <>
      <ErrorSummary form={summary} />
      <DoneBanner />
      <a className="govuk-back-link" href={`/contracts/${grant.id}`}>{grant.title}</a>
      <span className="govuk-caption-l">Grant · {grant.providerName}</span>
      <h1 className="govuk-heading-l">Grant approval: {grant.title}</h1>
      <p className="govuk-body">
        A grant is approved by the grant panel — a councillor, a voluntary-sector representative and an officer, none of whom may have an interest in it — or by a board decision. Payments wait until it is approved.
      </p>
      <SummaryList
        rows={[
          { key: "Approval route", value: view.route === "grant_panel" ? "Grant panel" : "Board decision" },
          { key: "Status", value: a ? <Tag colour="green">{`Approved ${longDate(a.approvedOn)}`}</Tag> : <Tag colour="orange">Awaiting approval</Tag> },
          ...(a?.decision ? [{ key: "Decision", value: <a className="govuk-link" href={`/decisions/${a.decision.id}`}>{`${a.decision.board}: ${a.decision.text}`}</a> }] : []),
          ...(a ? a.seats.map((s) => ({ key: SEAT_LABELS[s.seat], value: s.organisation ? `${s.name} (${s.organisation})` : s.name })) : []),
          { key: "Conditions of grant", value: view.conditions || "None recorded yet" },
        ]}
      />

      {view.route === "grant_panel" && (
        <table className="govuk-table">
          <TableHead caption="Declarations of interest" captionSize="m" columns={["Panel member", "Seat", "Interest"]} />
          <tbody className="govuk-table__body">
            {view.interests.length ? (
              view.interests.map((i) => (
                <tr className="govuk-table__row" key={i.memberId}>
                  <td className="govuk-table__cell">{i.name}</td>
                  <td className="govuk-table__cell">{SEAT_LABELS[i.seat]}</td>
                  <td className="govuk-table__cell">{i.interest} (did not sit)</td>
                </tr>
              ))
            ) : (
              <tr className="govuk-table__row"><td className="govuk-table__cell" colSpan={3}>No interests declared.</td></tr>
            )}
          </tbody>
        </table>
      )}

      {page.manage && !a && (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            {view.route === "grant_panel" ? (
              <>
                <h2 className="govuk-heading-m">Declare an interest</h2>
                <Form method="post" noValidate>
                  <input type="hidden" name="intent" value="interest" />
                  <Select form={formFor("interest")} name="memberId" label="Panel member" placeholder="Choose the member" options={members.map((m) => ({ value: String(m.id), label: `${m.name} (${SEAT_LABELS[m.seat].toLowerCase()})` }))} />
                  <Textarea form={formFor("interest")} name="interest" label="Their interest" rows={2} hint="Like “Trustee of the grant’s recipient”. A member with an interest cannot sit on the approval." />
                  <Button secondary>Record the declaration</Button>
                </Form>
                <h2 className="govuk-heading-m">Record the panel’s approval</h2>
                <p className="govuk-body">
                  Not listed? <a className="govuk-link" href="/contracts/grant-panel">Add a member to the grant panel</a>.
                </p>
                <Form method="post" noValidate>
                  <input type="hidden" name="intent" value="panel" />
                  <Select form={formFor("panel")} name="councillorId" label="Councillor" placeholder="Choose the councillor who sat" options={seatOptions("councillor")} />
                  <Select form={formFor("panel")} name="voluntarySectorId" label="Voluntary-sector representative" placeholder="Choose the representative who sat" options={seatOptions("voluntary_sector")} />
                  <Select form={formFor("panel")} name="officerId" label="Officer" placeholder="Choose the officer who sat" options={seatOptions("officer")} />
                  <TextInput form={formFor("panel", approvalDefaults)} name="approvedOn" label="Date of approval" hint="Like 2026-11-20" width="10" />
                  <Textarea form={formFor("panel", approvalDefaults)} name="conditions" label="Conditions of grant" rows={3} />
                  <Button>Record the panel’s approval</Button>
                </Form>
              </>
            ) : (
              <>
                <h2 className="govuk-heading-m">Record the board’s approval</h2>
                <Form method="post" noValidate>
                  <input type="hidden" name="intent" value="board" />
                  <Select form={formFor("board")} name="decisionId" label="Board decision" placeholder="Choose the decision" options={page.decisions.map((d) => ({ value: String(d.id), label: d.label }))} />
                  <TextInput form={formFor("board", approvalDefaults)} name="approvedOn" label="Date of approval" hint="Like 2026-11-20" width="10" />
                  <Textarea form={formFor("board", approvalDefaults)} name="conditions" label="Conditions of grant" rows={3} />
                  <Button>Record the board’s approval</Button>
                </Form>
              </>
            )}
          </div>
        </div>
      )}
    </>
  );
}
