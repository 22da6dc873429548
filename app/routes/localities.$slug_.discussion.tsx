import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound } from "~/lib/http.server";
import { Feed, feedLinks, feedRouteHandle } from "~/modules/feeds/components/Feed";
import { getOrCreateFeed } from "~/modules/feeds/feeds.server";
import { feedAction, feedLoader } from "~/modules/feeds/route.server";
import { findLocalityBySlug } from "~/modules/localities/localities.server";

export const handle = feedRouteHandle;
export const links: LinksFunction = feedLinks;

/** Every locality has one discussion feed, created the first time someone opens it. */
async function localityFeed(context: LoaderFunctionArgs["context"], slug: string | undefined) {
  const locality = await findLocalityBySlug(context.db, slug ?? "");
  if (!locality) notFound("There is no locality at this address.");
  const feed = await getOrCreateFeed(context.db, { kind: "locality", id: locality.id, title: `${locality.name} discussion`, localityId: locality.id });
  return { locality, feed };
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { locality, feed } = await localityFeed(context, params.slug);
  return { locality, page: await feedLoader(context, request, feed.id), path: new URL(request.url).pathname };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const { feed } = await localityFeed(context, params.slug);
  return feedAction(context, request, feed.id);
}

export default function LocalityDiscussion() {
  const { locality, page, path } = useLoaderData<typeof loader>();
  return (
    <>
      <Link to={`/localities/${locality.slug}`} className="govuk-back-link">
        Back to {locality.name}
      </Link>
      <span className="govuk-caption-l">{locality.name}</span>
      <h1 className="govuk-heading-l">{page.feed.title}</h1>
      <p className="govuk-body">Talk about what matters in {locality.name}. Officers and board members read this discussion.</p>
      <Feed page={page} signInHref={`/sign-in?returnTo=${encodeURIComponent(path)}`} />
    </>
  );
}
