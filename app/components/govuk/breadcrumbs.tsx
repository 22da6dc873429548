/** GOV.UK breadcrumbs: the pages above this one. */
export function Breadcrumbs({ items }: { items: { href: string; text: string }[] }) {
  return (
    <nav className="govuk-breadcrumbs" aria-label="Breadcrumb">
      <ol className="govuk-breadcrumbs__list">
        {items.map((item) => (
          <li className="govuk-breadcrumbs__list-item" key={item.href}>
            <a className="govuk-breadcrumbs__link" href={item.href}>
              {item.text}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
