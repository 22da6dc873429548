/**
 * The GOV.UK "are you sure" step for a consequential action, and the success banner that follows
 * it. Both work without JavaScript: a button first links to the page with `?confirm=<what>`,
 * which shows <ConfirmStep>; its form posts with `confirmed=yes`; the action redirects back with
 * `?done=<what>`, and <DoneNotice> says what happened and what comes next.
 */
import { Form, Link, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { NotificationBanner } from "./content";

export function ConfirmStep({
  heading,
  children,
  confirmLabel,
  cancelTo,
  hidden,
  warning,
  action,
}: {
  heading: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelTo: string;
  hidden: Record<string, string | number>;
  warning?: boolean;
  action?: string;
}) {
  return (
    <section aria-labelledby="confirm-heading" className="govuk-!-margin-bottom-8" data-testid="confirm-step">
      <h2 className="govuk-heading-l" id="confirm-heading">{heading}</h2>
      <Form method="post" action={action} noValidate>
        {children}
        {Object.entries(hidden).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
        <input type="hidden" name="confirmed" value="yes" />
        <div className="govuk-button-group">
          <button type="submit" className={`govuk-button${warning ? " govuk-button--warning" : ""}`} data-module="govuk-button">{confirmLabel}</button>
          <Link className="govuk-link" to={cancelTo}>Cancel</Link>
        </div>
      </Form>
    </section>
  );
}

/** A link styled as a button that opens the confirmation step (no JavaScript needed). */
export function ConfirmLink({ to, children, warning, secondary }: { to: string; children: ReactNode; warning?: boolean; secondary?: boolean }) {
  const modifier = warning ? " govuk-button--warning" : secondary ? " govuk-button--secondary" : "";
  return (
    <Link to={to} role="button" draggable={false} className={`govuk-button${modifier}`} data-module="govuk-button">
      {children}
    </Link>
  );
}

/** The success banner for `?done=<key>`: what happened, then what comes next. */
export function DoneNotice({ messages }: { messages: Record<string, { done: string; next?: ReactNode }> }) {
  const [params] = useSearchParams();
  const message = messages[params.get("done") ?? ""];
  if (!message) return null;
  return (
    <NotificationBanner success>
      <p className="govuk-notification-banner__heading" data-testid="done-heading">{message.done}</p>
      {message.next && <p className="govuk-body">{message.next}</p>}
    </NotificationBanner>
  );
}

/** The confirmation being asked for, from `?confirm=<what>`. */
export function useConfirming(): string | null {
  const [params] = useSearchParams();
  return params.get("confirm");
}
