import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { notFound, rowIdParam } from "~/lib/http.server";
import { Feed, feedLinks, feedRouteHandle } from "~/modules/feeds/components/Feed";
import { feedAction, feedLoader } from "~/modules/feeds/route.server";
import { isRowId } from "~/lib/ids";

export const handle = feedRouteHandle;
export const links: LinksFunction = feedLinks;

function feedIdOf(params: { id?: string }): number {
  const id = rowIdParam(params.id);
  if (!isRowId(id)) notFound("There is no feed at this address.");
  return id;
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  return { page: await feedLoader(context, request, feedIdOf(params)), path: new URL(request.url).pathname };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  return feedAction(context, request, feedIdOf(params));
}

export default function FeedPage() {
  const { page, path } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="govuk-caption-l">Discussion</span>
      <h1 className="govuk-heading-l">{page.feed.title}</h1>
      <Feed page={page} signInHref={`/sign-in?returnTo=${encodeURIComponent(path)}`} />
    </>
  );
}
