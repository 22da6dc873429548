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

export function FormPage({ form, caption, title, children }: { form?: FormState; caption?: ReactNode; title: ReactNode; children: ReactNode }) {
  return (
    <TwoThirds>
      {form && <ErrorSummary form={form} />}
      {caption && <span className="govuk-caption-l">{caption}</span>}
      <h1 className="govuk-heading-l">{title}</h1>
      {children}
    </TwoThirds>
  );
}
