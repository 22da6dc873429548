import type { OpenThing } from "../whats-open.server";

export function OpenNowList({ items, emptyText }: { items: OpenThing[]; emptyText: string }) {
  if (!items.length) return <p className="govuk-body">{emptyText}</p>;
  return (
    <ul className="govuk-list">
      {items.map((item) => (
        <li key={item.href} className="govuk-!-margin-bottom-4">
          <span className="govuk-caption-s">{item.kind}</span>
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
