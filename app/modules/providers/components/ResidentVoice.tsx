/** What residents say about a service, for council staff beside the KPIs: feedback from the public form and consultation comments on the same outcomes. */
import { longDate } from "~/modules/evidence/dates";
import { EXPERIENCE_LABELS } from "../changes-schema";

export interface ResidentVoiceData {
  feedback: { id: number; experience: "good" | "mixed" | "poor"; feedback: string; receivedOn: string }[];
  counts: Partial<Record<"good" | "mixed" | "poor", number>>;
  comments: { id: number; body: string; on: string; consultation: { id: number; title: string } }[];
}

export function ResidentVoice({ voice, arrangementId }: { voice: ResidentVoiceData; arrangementId: number }) {
  const total = (voice.counts.good ?? 0) + (voice.counts.mixed ?? 0) + (voice.counts.poor ?? 0);
  return (
    <section aria-labelledby="resident-voice">
      <h2 className="govuk-heading-m" id="resident-voice">What residents say</h2>
      <p className="govuk-body-s">
        Feedback from the <a className="govuk-link" href={`/contracts/${arrangementId}/feedback`}>public form</a> is seen only by council staff and is not published.
      </p>
      <h3 className="govuk-heading-s">Feedback about the service</h3>
      {total ? (
        <>
          <p className="govuk-body">
            {total} {total === 1 ? "response" : "responses"}: {voice.counts.good ?? 0} good, {voice.counts.mixed ?? 0} mixed, {voice.counts.poor ?? 0} poor.
          </p>
          <ul className="govuk-list">
            {voice.feedback.map((f) => (
              <li key={f.id} className="govuk-!-margin-bottom-3">
                <strong>{EXPERIENCE_LABELS[f.experience].split(":")[0]}</strong>, {longDate(f.receivedOn)}: {f.feedback}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="govuk-body">No feedback has been sent yet.</p>
      )}
      <h3 className="govuk-heading-s">Comments in consultations on the outcomes it serves</h3>
      {voice.comments.length ? (
        <ul className="govuk-list">
          {voice.comments.map((c) => (
            <li key={c.id} className="govuk-!-margin-bottom-3">
              “{c.body}” <span className="govuk-hint govuk-!-display-inline">({longDate(c.on)}, <a className="govuk-link" href={`/consultations/${c.consultation.id}`}>{c.consultation.title}</a>)</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">No consultation tagged to these outcomes has comments yet.</p>
      )}
    </section>
  );
}
