import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listLocalities } from "~/modules/localities/localities.server";

export const handle = { title: "Localities" };

export async function loader({ context }: LoaderFunctionArgs) {
  return { localities: await listLocalities(context.db) };
}

export default function Localities() {
  const { localities } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Localities</h1>
      <p className="govuk-body">The council works with residents in each of these areas.</p>
      <dl className="govuk-summary-list">
        {localities.map((l) => (
          <div className="govuk-summary-list__row" key={l.id}>
            <dt className="govuk-summary-list__key">
              <a className="govuk-link" href={`/localities/${l.slug}`}>
                {l.name}
              </a>
            </dt>
            <dd className="govuk-summary-list__value">{l.description}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
