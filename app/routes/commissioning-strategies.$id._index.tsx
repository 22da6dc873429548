import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SummaryList, Tag } from "~/components/govuk/content";
import { TableHead } from "~/components/govuk/table-head";
import { notFound, rowIdParam } from "~/lib/http.server";
import { formatPounds } from "~/modules/commissioning/money";
import { getStrategy } from "~/modules/commissioning/strategies.server";
import { STAGE_LABELS } from "~/modules/evidence/schema";
import { marketWriting, mayWriteIntentions } from "~/modules/providers/intentions.server";
import { IntentionsTable, StatementSections } from "~/modules/providers/components/MarketWriting";

export const handle = { title: (d: unknown) => (d as { strategy?: { title: string } })?.strategy?.title ?? "Commissioning strategy" };

export async function loader({ context, params }: LoaderFunctionArgs) {
  const found = await getStrategy(context.db, context.actor, rowIdParam(params.id));
  if (!found) notFound("There is no commissioning strategy at this address.");
  const market = await marketWriting(context.db, context.actor, { strategyId: found.strategy.id });
  return { ...found, market, canWriteIntentions: mayWriteIntentions(context.actor, found.strategy.locality_id) };
}

const text = (t: string) => (t ? t : <span className="govuk-hint govuk-!-margin-0">Not written yet.</span>);

export default function Strategy() {
  const { strategy: s, consultations, contributions, evidence, outcomes, reviews, canManage, market, canWriteIntentions } = useLoaderData<typeof loader>();
  return (
    <>
      <a className="govuk-back-link" href="/commissioning-strategies">All commissioning strategies</a>
      <span className="govuk-caption-l">Commissioning strategy · {s.area || "No area given"} · {s.locality_name ?? "Council-wide"}</span>
      <h1 className="govuk-heading-l">{s.title}</h1>
      {!s.published && <p className="govuk-body"><Tag colour="grey">Draft: not published</Tag></p>}
      {canManage && <p className="govuk-body"><a className="govuk-link" href={`/commissioning-strategies/${s.id}/edit`}>Change the strategy</a></p>}
      <h2 className="govuk-heading-m">Scope</h2>
      <SummaryList rows={[{ key: "In scope", value: text(s.scope_in) }, { key: "Out of scope", value: text(s.scope_out) }, { key: "Why", value: text(s.scope_why) }]} />
      <h2 className="govuk-heading-m">Stakeholders and engagement</h2>
      <p className="govuk-body">{text(s.stakeholders)}</p>
      {consultations.length > 0 && (
        <ul className="govuk-list govuk-list--bullet">
          {consultations.map((c) => <li key={c.id}><a className="govuk-link" href={`/consultations/${c.id}`}>{c.title}</a>{c.how_engaged ? `: ${c.how_engaged}` : ""}</li>)}
        </ul>
      )}
      <h2 className="govuk-heading-m">What each service area contributes</h2>
      {contributions.length ? (
        <SummaryList rows={contributions.map((c) => ({ key: c.service_area, value: c.contribution }))} />
      ) : <p className="govuk-body">None recorded yet.</p>}
      <h2 className="govuk-heading-m">Outcomes and measures</h2>
      {outcomes.length ? <ul className="govuk-list">{outcomes.map((o) => <li key={o.id}><a className="govuk-link" href={`/outcomes/${o.id}`}>{o.title}</a>{o.kind === "measure" ? " (measure)" : ""}</li>)}</ul> : <p className="govuk-body">None chosen yet.</p>}
      <h2 className="govuk-heading-m">Influential documents</h2>
      {evidence.length ? <ul className="govuk-list">{evidence.map((e) => <li key={e.id}><a className="govuk-link" href={`/evidence/${e.id}`}>{e.title}</a></li>)}</ul> : <p className="govuk-body">None cited yet.</p>}
      <h2 className="govuk-heading-m">Starting position</h2>
      <p className="govuk-body">{text(s.starting_position)}</p>
      <h2 className="govuk-heading-m">Interdependencies and assumptions</h2>
      <SummaryList rows={[{ key: "Interdependencies", value: text(s.interdependencies) }, { key: "Assumptions", value: text(s.assumptions) }]} />
      <h2 className="govuk-heading-m">Money</h2>
      <SummaryList rows={[{ key: "Budget requirement", value: formatPounds(s.budget_pence) }, { key: "Current spend", value: formatPounds(s.current_spend_pence) }]} />
      <table className="govuk-table">
        <TableHead caption="Commissioning reviews under this strategy" captionSize="m" columns={["Service", "Cycle", "Stage"]} />
        <tbody className="govuk-table__body">
          {reviews.length ? reviews.map((r) => (
            <tr className="govuk-table__row" key={r.id}>
              <td className="govuk-table__cell"><a className="govuk-link" href={`/commissioning-reviews/${r.id}`}>{r.service_area}</a></td>
              <td className="govuk-table__cell">{r.cycle}</td>
              <td className="govuk-table__cell"><Tag colour="blue">{STAGE_LABELS[r.stage]}</Tag></td>
            </tr>
          )) : <tr className="govuk-table__row"><td className="govuk-table__cell" colSpan={3}>No reviews yet.</td></tr>}
        </tbody>
      </table>
      {canManage && <p className="govuk-body"><a className="govuk-link" href="/commissioning-reviews">Start a review under this strategy</a></p>}
      <h2 className="govuk-heading-m">Commissioning intentions</h2>
      {market.intentions.length ? <IntentionsTable intentions={market.intentions} caption={`What the council intends to buy, change or stop buying: ${s.title}`} /> : <p className="govuk-body">None published yet.</p>}
      <h2 className="govuk-heading-m">Market position statement</h2>
      {market.statements[0] ? <StatementSections statement={market.statements[0]} /> : <p className="govuk-body">None published yet.</p>}
      {canWriteIntentions && <p className="govuk-body"><a className="govuk-link" href={`/commissioning-strategies/${s.id}/market`}>Write the commissioning intentions and market position statement</a></p>}
    </>
  );
}
