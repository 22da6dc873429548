import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { notFound } from "~/lib/http.server";
import { findLocalityBySlug } from "~/modules/localities/localities.server";
import { whatsOpen } from "~/modules/whats-open/whats-open.server";
import { OpenNowList } from "~/modules/whats-open/components/OpenNowList";

export const handle = { title: (data: unknown) => (data as { locality?: { name: string } })?.locality?.name ?? "Locality" };

export async function loader({ context, params }: LoaderFunctionArgs) {
  const locality = await findLocalityBySlug(context.db, params.slug ?? "");
  if (!locality) notFound("There is no locality at this address.");
  const open = await whatsOpen(context.db, { localityId: locality.id });
  return { locality, open };
}

export default function LocalityPage() {
  const { locality, open } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="govuk-caption-l">Locality</span>
      <h1 className="govuk-heading-l">{locality.name}</h1>
      <p className="govuk-body-l">{locality.description}</p>
      <p className="govuk-body">
        <a className="govuk-link" href={`/outcomes/localities/${locality.slug}`}>
          Outcomes in {locality.name}: measures, evidence and decisions
        </a>
      </p>
      <p className="govuk-body">
        <a className="govuk-link" href={`/localities/${locality.slug}/discussion`}>
          {locality.name} discussion: talk with other residents
        </a>
      </p>
      <p className="govuk-body">
        <a className="govuk-link" href={`/follow?kind=locality&id=${locality.id}`}>Get e-mail updates about {locality.name}</a> (new consultations, results and decisions)
      </p>
      <h2 className="govuk-heading-m">Open now in {locality.name}</h2>
      <OpenNowList items={open} emptyText={`Nothing is open for comment in ${locality.name} right now.`} />
    </>
  );
}
