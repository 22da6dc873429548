import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TableHead } from "~/components/govuk/table-head";
import { longDate } from "~/modules/evidence/dates";
import { DELIVERY_OPTION_LABELS } from "~/modules/evidence/review-schema";
import { STAGE_LABELS } from "~/modules/evidence/schema";
import { endingSoon } from "~/modules/providers/page.server";
import { marketWriting } from "~/modules/providers/intentions.server";
import { IntentionsTable, StatementSections } from "~/modules/providers/components/MarketWriting";
import { ARRANGEMENT_KIND_LABELS } from "~/modules/providers/schema";

export const handle = { title: "Market position: commissioning intentions and contracts ending" };

export async function loader({ context }: LoaderFunctionArgs) {
  const [ending, market] = await Promise.all([endingSoon(context.db), marketWriting(context.db, context.actor, { publicOnly: true })]);
  return { ...ending, market };
}

export default function Market() {
  const { rows, today, until, market } = useLoaderData<typeof loader>();
  const strategies = [...new Map([...market.statements, ...market.intentions].map((x) => [x.strategyId, x.strategyTitle])).entries()];
  const areas = [...new Set(rows.map((r) => r.service_area))];
  return (
    <>
      <a className="govuk-back-link" href="/contracts">Contracts and grants</a>
      <h1 className="govuk-heading-l">Market position: commissioning intentions and contracts ending</h1>
      <p className="govuk-body-l">So providers have time to plan: what the council intends to buy, change or stop buying under each commissioning strategy, its market position statements, and the contracts and grants ending between {longDate(today)} and {longDate(until)}.</p>
      <p className="govuk-body">
        Open data: intentions <a className="govuk-link" href="/open-data/commissioning-intentions.csv">CSV</a> · <a className="govuk-link" href="/open-data/commissioning-intentions.json">JSON</a>; contracts ending <a className="govuk-link" href="/open-data/contracts-ending.csv">CSV</a> · <a className="govuk-link" href="/open-data/contracts-ending.json">JSON</a>
      </p>
      <h2 className="govuk-heading-l">Commissioning intentions</h2>
      {strategies.length === 0 && <p className="govuk-body">No commissioning intentions have been published yet.</p>}
      {strategies.map(([id, title]) => {
        const statement = market.statements.find((m) => m.strategyId === id);
        return (
          <section key={id} aria-labelledby={`strategy-${id}`}>
            <h3 className="govuk-heading-m" id={`strategy-${id}`}><a className="govuk-link" href={`/commissioning-strategies/${id}`}>{title}</a></h3>
            <IntentionsTable intentions={market.intentions.filter((i) => i.strategyId === id)} caption={`Intentions: ${title}`} />
            {statement && (
              <details className="govuk-details">
                <summary className="govuk-details__summary"><span className="govuk-details__summary-text">Market position statement: {title}</span></summary>
                <div className="govuk-details__text"><StatementSections statement={statement} headingLevel={4} /></div>
              </details>
            )}
          </section>
        );
      })}
      <h2 className="govuk-heading-l">Contracts and grants ending in the next 18 months</h2>
      {areas.length === 0 && <p className="govuk-body">No contracts or grants end in the next 18 months.</p>}
      {areas.map((area) => {
        const list = rows.filter((r) => r.service_area === area);
        const review = list.find((r) => r.review_id);
        return (
          <section key={area} aria-labelledby={`area-${list[0]!.id}`}>
            <h3 className="govuk-heading-m" id={`area-${list[0]!.id}`}>{area}</h3>
            {review?.review_id && (
              <p className="govuk-body">
                Commissioning review: <a className="govuk-link" href={`/commissioning-reviews/${review.review_id}`}>review at the {STAGE_LABELS[review.review_stage!]} stage</a>
                {review.intended_option && `; intended option: ${DELIVERY_OPTION_LABELS[review.intended_option]}`}.
              </p>
            )}
            <table className="govuk-table">
              <TableHead caption={`Contracts and grants ending: ${area}`} columns={["Contract or grant", "Provider", "Ends", "Extension options", { text: "Value", numeric: true }]} />
              <tbody className="govuk-table__body">
                {list.map((r) => (
                  <tr className="govuk-table__row" key={r.id}>
                    <td className="govuk-table__cell"><a className="govuk-link" href={r.url}>{r.title}</a><br /><span className="govuk-body-s">{ARRANGEMENT_KIND_LABELS[r.kind]} · {r.locality}</span></td>
                    <td className="govuk-table__cell">{r.provider}</td>
                    <td className="govuk-table__cell">{longDate(r.ends_on)}</td>
                    <td className="govuk-table__cell">{r.extension_options || "None"}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{r.value_gbp === null ? "Confidential" : `£${r.value_gbp.toLocaleString("en-GB")}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </>
  );
}
