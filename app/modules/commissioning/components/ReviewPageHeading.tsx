import { ErrorSummary, type FormState } from "~/components/govuk/form";
import { DoneBanner } from "~/components/govuk/done-banner";

/** The top of a plan sub-page (risks, equality): errors, the done banner, back to the review, its heading. */
export function ReviewPageHeading({ form, review, heading }: { form: FormState; review: { id: number; serviceArea: string }; heading: string }) {
  return (
    <>
      <ErrorSummary form={form} />
      <DoneBanner />
      <a className="govuk-back-link" href={`/commissioning-reviews/${review.id}`}>Back to {review.serviceArea}</a>
      <span className="govuk-caption-l">{review.serviceArea}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
    </>
  );
}
