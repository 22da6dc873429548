import type { OpenThing } from "../provider.server";

export function OpenNowList({ items, emptyText }: { items: OpenThing[]; emptyText: string }) {
  if (!items.length) return <p className="govuk-body">{emptyText}</p>;
  return (
    <ul className="govuk-list">
      {items.map((item) => (
        <li key={item.href} className="govuk-!-margin-bottom-4">
          <strong className="govuk-tag govuk-tag--grey moot-open-now__kind">{item.kind}</strong>
          <span className="govuk-visually-hidden">: </span>{" "}
          <a className="govuk-link govuk-!-font-weight-bold" href={item.href}>
            {item.title}
          </a>
          <p className="govuk-body-s govuk-!-margin-bottom-0">
            {item.detail}
            {item.localityNames.length > 0 && ` · ${item.localityNames.join(", ")}`}
          </p>
        </li>
      ))}
    </ul>
  );
}
