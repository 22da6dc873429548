export const handle = { title: "Privacy notice" };

export default function Privacy() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Privacy notice</h1>
        <p className="govuk-body">The council is the data controller for the personal information this service holds.</p>
        <h2 className="govuk-heading-m">What we collect</h2>
        <ul className="govuk-list govuk-list--bullet">
          <li>your email address, name and the area you live in, when you create an account</li>
          <li>your responses to consultations, your comments and your votes</li>
          <li>equality monitoring answers, only if you choose to give them; they are kept apart from your responses and reported only in totals</li>
          <li>records of when you signed in, to keep your account secure</li>
        </ul>
        <h2 className="govuk-heading-m">Why we use it</h2>
        <p className="govuk-body">
          To run consultations and public meetings (our public task under the Local Government Act 1972 and the Localism Act 2011), to take what residents say into account, and to publish results.
          We publish your words only if you agree to it, and only in the way you chose (with your name or anonymously).
        </p>
        <h2 className="govuk-heading-m">How long we keep it</h2>
        <p className="govuk-body">
          Each consultation says how long responses are kept. After that date personal details are removed; the answers and published results stay. Meeting records are kept for at least six years, as the law requires.
        </p>
        <h2 className="govuk-heading-m">Your rights</h2>
        <p className="govuk-body">You can ask to see, correct or delete your information, or object to how we use it. You can complain to the Information Commissioner’s Office.</p>
      </div>
    </div>
  );
}
