import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Tag } from "~/components/govuk/content";
import { notFound } from "~/lib/http.server";
import { formatValue, periodLabel } from "~/modules/evidence/chart";
import { LineChart } from "~/modules/evidence/components/LineChart";
import { localityDashboard } from "~/modules/evidence/dashboard.server";
import { evidenceLinks } from "~/modules/evidence/links";
import { findLocalityBySlug } from "~/modules/localities/localities.server";
import { TableHead } from "~/components/govuk/table-head";
import { TableScroll } from "~/components/govuk/table-scroll";
import { spendByOutcome } from "~/modules/providers/spend.server";
import { SpendByOutcome } from "~/modules/providers/components/SpendByOutcome";

export const handle = { title: (data: unknown) => `Outcomes in ${(data as { locality?: { name: string } })?.locality?.name ?? "your area"}` };
export const links = evidenceLinks;

export async function loader({ context, params }: LoaderFunctionArgs) {
  const locality = await findLocalityBySlug(context.db, params.slug ?? "");
  if (!locality) notFound("There is no locality at this address.");
  const [dashboard, spend] = await Promise.all([localityDashboard(context.db, context.actor, locality), spendByOutcome(context.db, locality.id)]);
  return { locality, dashboard, spend };
}

const TREND_TAG = {
  improving: <Tag colour="green">Improving</Tag>,
  worsening: <Tag colour="red">Getting worse</Tag>,
  "no change": <Tag colour="grey">No change</Tag>,
  "no data": <Tag colour="grey">Not enough data</Tag>,
} as const;

export default function LocalityDashboard() {
  const { locality, dashboard, spend } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="govuk-caption-l">Outcomes and evidence</span>
      <h1 className="govuk-heading-l">Outcomes in {locality.name}</h1>
      <p className="govuk-body-l">
        Every outcome the council works towards, how {locality.name} is doing on each measure compared with the council as a whole, and the evidence behind it.
      </p>
      {dashboard.frameworks.map((f) => (
        <section key={f.id} aria-labelledby={`framework-${f.id}`} className="govuk-!-margin-bottom-8">
          <h2 className="govuk-heading-m" id={`framework-${f.id}`}>
            {f.name}
          </h2>
          <TableScroll label={`${f.name} in ${locality.name} at a glance`}>
          <table className="govuk-table">
            <TableHead caption={<>{f.name} in {locality.name} at a glance</>} captionSize="s" columns={["Outcome and measure", { text: "Latest", numeric: true }, "Trend", "Target"]} />
            {f.outcomes.map((o) => (
              <tbody className="govuk-table__body" key={o.id}>
                <tr className="govuk-table__row">
                  <th scope="rowgroup" colSpan={4} className="govuk-table__header">
                    <a className="govuk-link" href={`/outcomes/${o.id}?locality=${locality.slug}`}>
                      {o.title}
                    </a>
                    <span className="govuk-body-s govuk-!-font-weight-regular">
                      {" "}
                      – {o.evidenceCount} evidence {o.evidenceCount === 1 ? "item" : "items"}, {o.threadCount} linked {o.threadCount === 1 ? "review or decision" : "reviews and decisions"}
                    </span>
                  </th>
                </tr>
                {o.measures.map((m) => (
                  <tr className="govuk-table__row" key={m.id}>
                    <td className="govuk-table__cell">{m.chart.title}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">
                      {m.latest ? `${formatValue(m.latest.value)} ${m.chart.unit} (${periodLabel(m.latest.period)})` : "No data"}
                    </td>
                    <td className="govuk-table__cell">{TREND_TAG[m.trend]}</td>
                    <td className="govuk-table__cell">
                      {m.onTarget === null ? "No target" : m.onTarget ? <Tag colour="green">Met</Tag> : <Tag colour="yellow">Not yet met</Tag>}
                    </td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
          </TableScroll>
          {f.outcomes.map((o) =>
            o.measures.some((m) => m.latest) ? (
              <section key={o.id} aria-labelledby={`outcome-${o.id}`}>
                <h3 className="govuk-heading-s govuk-!-margin-bottom-2" id={`outcome-${o.id}`}>
                  Charts: {o.title}
                </h3>
                {o.measures.filter((m) => m.latest).map((m) => (
                  <LineChart key={m.id} data={m.chart} headingLevel={4} />
                ))}
              </section>
            ) : null,
          )}
        </section>
      ))}
      <SpendByOutcome localityName={locality.name} outcomes={dashboard.frameworks.flatMap((f) => f.outcomes)} spend={spend} />
    </>
  );
}
