/** The success banner an action shows after it worked: `return data({ ok: true, done: "…" })`. */
import { useActionData } from "@remix-run/react";
import { NotificationBanner } from "./content";

export function DoneBanner() {
  const answer = useActionData() as { done?: string } | undefined;
  if (!answer?.done) return null;
  return (
    <NotificationBanner success>
      <p className="govuk-notification-banner__heading">{answer.done}</p>
    </NotificationBanner>
  );
}
