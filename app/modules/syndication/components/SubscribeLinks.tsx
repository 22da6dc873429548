/** Visible subscription links (the same addresses as the page's `<link rel="alternate">`). */
export function SubscribeLinks({ links, heading = "Get updates" }: { links: { href: string; text: string; hint?: string }[]; heading?: string }) {
  return (
    <section aria-labelledby="subscribe-heading" className="govuk-!-margin-bottom-6" data-testid="subscribe-links">
      <h2 className="govuk-heading-s govuk-!-margin-bottom-2" id="subscribe-heading">{heading}</h2>
      <ul className="govuk-list">
        {links.map((l) => (
          <li key={l.href}>
            <a className="govuk-link" href={l.href}>{l.text}</a>
            {l.hint && <span className="govuk-body-s"> {l.hint}</span>}
          </li>
        ))}
      </ul>
      <p className="govuk-body-s">Copy a calendar link into your calendar app (“subscribe” or “add calendar from URL”) to keep it up to date. Feed links work in any feed reader.</p>
    </section>
  );
}
