import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Tag } from "~/components/govuk/content";
import { listFeeds } from "~/modules/feeds/feeds.server";

export const handle = { title: "Discussions" };

export async function loader({ context }: LoaderFunctionArgs) {
  return { feeds: await listFeeds(context.db) };
}

export default function Discussions() {
  const { feeds } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Discussions</h1>
      <p className="govuk-body">Live discussions and quick polls. Anyone can read them; sign in to comment and vote.</p>
      <ul className="govuk-list">
        {feeds.map((f) => (
          <li key={f.id}>
            <Link className="govuk-link" to={`/feeds/${f.id}`}>
              {f.title}
            </Link>
            {f.paused && (
              <>
                {" "}
                <Tag colour="grey">Paused</Tag>
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
