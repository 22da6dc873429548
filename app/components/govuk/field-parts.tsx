/** Hint and error message markup shared by the date, file upload and character count wrappers. */
import type { ReactNode } from "react";

export function FieldHint({ id, hint }: { id: string; hint?: ReactNode }) {
  if (!hint) return null;
  return (
    <div id={`${id}-hint`} className="govuk-hint">
      {hint}
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {error}
    </p>
  );
}

export const describedBy = (id: string, hint: unknown, error: unknown, ...more: string[]) =>
  [hint ? `${id}-hint` : null, ...more, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
