import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Tag } from "~/components/govuk/content";
import { DoneBanner } from "~/components/govuk/done-banner";
import { Button, Checkboxes, EMPTY_FORM, ErrorSummary, Radios, Textarea, TextInput, type FormState } from "~/components/govuk/form";
import { InlineAction } from "~/components/govuk/inline-action";
import { TableHead } from "~/components/govuk/table-head";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, requireUser, rowIdParam } from "~/lib/http.server";
import type { FormFailure } from "~/lib/result";
import { longDate } from "~/modules/evidence/dates";
import { addIntention, intentionsPage, saveStatement, setIntentionPublished } from "~/modules/providers/intentions.server";
import { CHANGE_LABELS, ROUTE_LABELS } from "~/modules/providers/market-schema";
import { formatPounds } from "~/modules/providers/money";

export const handle = { title: (d: unknown) => `Commissioning intentions: ${(d as { strategy?: { title: string } })?.strategy?.title ?? "strategy"}` };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  const page = await intentionsPage(context.db, context.actor, rowIdParam(params.id));
  if (!page) notFound("There is no commissioning strategy here whose intentions you may write.");
  return page;
}

const DONE = { intention: "The intention has been added", publish: "The intention has been published", withdraw: "The intention is a draft again", statement: "The market position statement has been saved" } as const;
type Intent = keyof typeof DONE;

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "") as Intent;
  const input = { ...formInput(formData), strategyId: params.id };
  const run = {
    intention: () => addIntention(context.db, context.actor, input),
    publish: () => setIntentionPublished(context.db, context.actor, { ...input, published: "yes" }),
    withdraw: () => setIntentionPublished(context.db, context.actor, { ...input, published: "" }),
    statement: () => saveStatement(context.db, context.actor, input),
  }[intent];
  if (!run) return formFailure({ errors: { _form: "Choose what to do" }, status: 400 }, formData);
  const result = await run();
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, done: DONE[intent] });
}

export default function StrategyMarket() {
  const { strategy, intentions, statement } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormFailure | { ok: true; done: string } | undefined;
  const failed = result && !result.ok ? result : null;
  const formFor = (intent: Intent, defaults: FormState["values"] = {}): FormState =>
    failed && failed.values.intent === intent ? { errors: failed.errors, values: failed.values } : { ...EMPTY_FORM, values: defaults };
  const summary: FormState = failed ? { errors: failed.errors, values: failed.values } : EMPTY_FORM;
  const statementForm = formFor("statement", statement ? { demand: statement.demand, supply: statement.supply, marketAsks: statement.marketAsks, publishStatement: statement.published ? ["yes"] : [] } : {});
  return (
    <>
      <ErrorSummary form={summary} />
      <DoneBanner />
      <a className="govuk-back-link" href={`/commissioning-strategies/${strategy.id}`}>{strategy.title}</a>
      <span className="govuk-caption-l">Commissioning strategy</span>
      <h1 className="govuk-heading-l">Commissioning intentions and market position statement</h1>
      <p className="govuk-body">
        What the council intends to buy, change or stop buying under “{strategy.title}”, and what it tells the market. Published ones appear on the strategy page, on the <a className="govuk-link" href="/market">market position page</a> and in the open data{strategy.published ? "" : " once the strategy itself is published"}.
      </p>

      <table className="govuk-table">
        <TableHead caption="Intentions" captionSize="m" columns={["What", "From", { text: "Estimated value a year", numeric: true }, "Route to market", "Status"]} action />
        <tbody className="govuk-table__body">
          {intentions.length ? (
            intentions.map((i) => (
              <tr className="govuk-table__row" key={i.id}>
                <td className="govuk-table__cell"><strong>{CHANGE_LABELS[i.change]}:</strong> {i.what}</td>
                <td className="govuk-table__cell">{longDate(i.fromOn)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{i.estimatedValuePence === null ? "Not given" : formatPounds(i.estimatedValuePence)}</td>
                <td className="govuk-table__cell">{ROUTE_LABELS[i.route]}</td>
                <td className="govuk-table__cell">{i.published ? <Tag colour="green">Published</Tag> : <Tag colour="grey">Draft</Tag>}</td>
                <td className="govuk-table__cell">
                  <InlineAction intent={i.published ? "withdraw" : "publish"} fields={{ intentionId: i.id }}>
                    {i.published ? "Make draft" : "Publish"}<span className="govuk-visually-hidden">: {i.what}</span>
                  </InlineAction>
                </td>
              </tr>
            ))
          ) : (
            <tr className="govuk-table__row"><td className="govuk-table__cell" colSpan={6}>No intentions written yet.</td></tr>
          )}
        </tbody>
      </table>

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Add an intention</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="intention" />
            <Radios form={formFor("intention")} name="change" label="The council intends to" inline options={Object.entries(CHANGE_LABELS).map(([value, label]) => ({ value, label }))} />
            <TextInput form={formFor("intention")} name="what" label="What" hint="The service or support, like “Befriending for older people in every locality”" />
            <Textarea form={formFor("intention")} name="detail" label="More detail (optional)" rows={2} />
            <TextInput form={formFor("intention")} name="fromOn" label="From" hint="The date it starts, like 2027-04-01" width="10" />
            <TextInput form={formFor("intention")} name="estimatedValue" label="Estimated value a year, in pounds (optional)" hint="Leave empty if it is not yet known or cannot be shared" width="10" inputMode="decimal" />
            <Radios form={formFor("intention")} name="route" label="How it will go to the market" options={Object.entries(ROUTE_LABELS).map(([value, label]) => ({ value, label }))} />
            <Checkboxes form={formFor("intention")} name="published" label="Publishing" options={[{ value: "yes", label: "Publish it now (otherwise it stays a draft only officers see)" }]} />
            <Button>Add intention</Button>
          </Form>

          <h2 className="govuk-heading-m">Market position statement</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="statement" />
            <Textarea form={statementForm} name="demand" label="Demand" hint="Who needs what, now and in the years ahead" rows={4} />
            <Textarea form={statementForm} name="supply" label="Supply" hint="Who provides it now, where there are gaps" rows={4} />
            <Textarea form={statementForm} name="marketAsks" label="What we want from the market" rows={4} />
            <Checkboxes form={statementForm} name="publishStatement" label="Publishing the statement" options={[{ value: "yes", label: "Publish the statement" }]} />
            <Button>Save the statement</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
