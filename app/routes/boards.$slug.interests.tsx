import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound } from "~/lib/http.server";
import { boardBySlug, interestsRegister } from "~/modules/boards/boards.server";
import { formatDate } from "~/modules/meetings/format";
import { INTEREST_LABELS } from "~/modules/meetings/schema";

export const handle = { title: "Register of members’ interests" };

export async function loader({ context, params }: LoaderFunctionArgs) {
  const found = await boardBySlug(context.db, params.slug ?? "");
  if (!found) notFound("There is no board at this address.");
  return { board: found.board, interests: await interestsRegister(context.db, found.board.id) };
}

export default function Interests() {
  const { board, interests } = useLoaderData<typeof loader>();
  const members = [...new Map(interests.map((i) => [i.member_id, i.name])).entries()];
  return (
    <>
      <span className="govuk-caption-l">{board.name}</span>
      <h1 className="govuk-heading-l">Register of members’ interests</h1>
      <p className="govuk-body">Members register their interests when they join the board and keep them up to date. They also declare interests in any item at a meeting.</p>
      {members.map(([memberId, name]) => {
        const own = interests.filter((i) => i.member_id === memberId && i.id !== null);
        return (
          <section key={memberId}>
            <h2 className="govuk-heading-m">{name}</h2>
            {own.length ? (
              <dl className="govuk-summary-list">
                {own.map((i) => (
                  <div className="govuk-summary-list__row" key={i.id}>
                    <dt className="govuk-summary-list__key">{i.kind ? INTEREST_LABELS[i.kind] : ""}</dt>
                    <dd className="govuk-summary-list__value">
                      {i.description}
                      <br />
                      <span className="govuk-body-s">Registered {i.registered_on ? formatDate(i.registered_on) : ""}</span>
                    </dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="govuk-body">No interests registered.</p>
            )}
          </section>
        );
      })}
      <p className="govuk-body">
        <Link className="govuk-link" to={`/boards/${board.slug}`}>Back to the {board.name}</Link>
      </p>
    </>
  );
}
