import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TableHead } from "~/components/govuk/table-head";
import { longDate } from "~/modules/evidence/dates";
import { DELIVERY_OPTION_LABELS } from "~/modules/evidence/review-schema";
import { STAGE_LABELS } from "~/modules/evidence/schema";
import { endingSoon } from "~/modules/providers/page.server";
import { ARRANGEMENT_KIND_LABELS } from "~/modules/providers/schema";

export const handle = { title: "Market position: contracts ending in the next 18 months" };

export async function loader({ context }: LoaderFunctionArgs) {
  return endingSoon(context.db);
}

export default function Market() {
  const { rows, today, until } = useLoaderData<typeof loader>();
  const areas = [...new Set(rows.map((r) => r.service_area))];
  return (
    <>
      <a className="govuk-back-link" href="/contracts">Contracts and grants</a>
      <h1 className="govuk-heading-l">Market position: contracts ending in the next 18 months</h1>
      <p className="govuk-body-l">Our commissioning intentions, so providers have time to plan: each service area’s contracts and grants ending between {longDate(today)} and {longDate(until)}, and where its commissioning review stands.</p>
      <p className="govuk-body">
        Open data: <a className="govuk-link" href="/open-data/contracts-ending.csv">CSV</a> · <a className="govuk-link" href="/open-data/contracts-ending.json">JSON</a>
      </p>
      {areas.length === 0 && <p className="govuk-body">No contracts or grants end in the next 18 months.</p>}
      {areas.map((area) => {
        const list = rows.filter((r) => r.service_area === area);
        const review = list.find((r) => r.review_id);
        return (
          <section key={area} aria-labelledby={`area-${list[0]!.id}`}>
            <h2 className="govuk-heading-m" id={`area-${list[0]!.id}`}>{area}</h2>
            {review?.review_id && (
              <p className="govuk-body">
                Commissioning intention: <a className="govuk-link" href={`/commissioning-reviews/${review.review_id}`}>review at the {STAGE_LABELS[review.review_stage!]} stage</a>
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
