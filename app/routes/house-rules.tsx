export const handle = { title: "House rules for discussions" };

/** The rules every comment in a discussion or live meeting feed is held to; linked from each comment box. */
export default function HouseRules() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">House rules for discussions</h1>
        <p className="govuk-body-l">Discussions are for residents to talk about their area and the council’s proposals. Everyone is welcome. To keep them useful and safe:</p>
        <ul className="govuk-list govuk-list--bullet">
          <li>be respectful: criticise ideas and decisions, not people</li>
          <li>keep to the subject of the discussion or meeting</li>
          <li>do not post anything abusive, threatening, discriminatory or obscene</li>
          <li>do not share anyone’s personal information, including your own phone number or address</li>
          <li>do not post adverts, spam or the same comment many times</li>
          <li>do not name or make allegations about council staff or members of the public</li>
          <li>do not post anything that breaks the law, including defamation or contempt of court</li>
        </ul>
        <h2 className="govuk-heading-m">What moderators do</h2>
        <p className="govuk-body">
          Anyone can report a comment. A moderator reads reported comments and hides those that break these rules, recording why. A hidden comment shows that it was hidden. Moderators can
          pause a discussion if it gets out of hand.
        </p>
        <h2 className="govuk-heading-m">Comments are not consultation responses</h2>
        <p className="govuk-body">
          Comments in a discussion are read by officers and board members, but they are not counted as responses. To have your say on a proposal, answer the consultation’s questions.
        </p>
        <p className="govuk-body">
          <a className="govuk-link" href="/privacy">Read how we use your information</a>
        </p>
      </div>
    </div>
  );
}
