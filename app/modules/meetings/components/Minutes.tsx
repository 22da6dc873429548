/** Minutes rendered with their structure: a heading per item, paragraphs, lists (see minutes.ts). */
import { minutesBlocks } from "../minutes";

export function Minutes({ text, headingLevel = 3, testId }: { text: string; headingLevel?: 3 | 4; testId?: string }) {
  const Heading = `h${headingLevel}` as "h3" | "h4";
  return (
    <div className="moot-minutes" data-testid={testId}>
      {minutesBlocks(text).map((b, i) => {
        if (b.kind === "heading") return <Heading key={i} className="govuk-heading-s govuk-!-margin-top-6">{b.text}</Heading>;
        if (b.kind === "list") {
          return (
            <ul key={i} className="govuk-list govuk-list--bullet">
              {b.items.map((item, j) => <li key={j}>{item}</li>)}
            </ul>
          );
        }
        if (b.resolved) return <p key={i} className="govuk-body"><strong>RESOLVED:</strong>{b.text.slice("RESOLVED:".length)}</p>;
        return <p key={i} className="govuk-body">{b.text}</p>;
      })}
    </div>
  );
}
