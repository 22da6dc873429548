/**
 * The shape of most single-task pages: a two-thirds column, the error summary first, a caption
 * naming what the task is about, then the page heading (GOV.UK "question pages" pattern).
 */
import type { ReactNode } from "react";
import { ErrorSummary, type FormState } from "./form";

export function TwoThirds({ children }: { children: ReactNode }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">{children}</div>
    </div>
  );
}

/**
 * `before` goes above the error summary (a back link or breadcrumbs). Leave `title` out when the
 * page's one question is its heading (the field renders the h1).
 */
export function FormPage({ form, before, caption, title, children }: { form?: FormState; before?: ReactNode; caption?: ReactNode; title?: ReactNode; children: ReactNode }) {
  return (
    <TwoThirds>
      {before}
      {form && <ErrorSummary form={form} />}
      {caption && <span className="govuk-caption-l">{caption}</span>}
      {title && <h1 className="govuk-heading-l">{title}</h1>}
      {children}
    </TwoThirds>
  );
}
