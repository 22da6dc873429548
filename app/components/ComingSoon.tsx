import type { ReactNode } from "react";

/** A section whose capability has not landed yet: says plainly what will be here. */
export function ComingSoon({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{title}</h1>
        <p className="govuk-body-l">{intro}</p>
        <div className="govuk-inset-text">This part of the service is being built. Here is what it will do.</div>
        {children}
      </div>
    </div>
  );
}
