export const handle = { title: "Open data" };

const FILES = [
  { name: "Evidence", base: "/open-data/evidence", text: "Every published evidence item: title, type, summary, source organisation and link, period, area, commissioning stage, confidence and the outcomes it is tagged to." },
  { name: "Indicator values", base: "/open-data/indicator-values", text: "Every indicator value: the measure (number, title and unit), the area (a locality or council-wide), the period and the value." },
  { name: "Forward plan", base: "/forward-plan", text: "Every key decision on the forward plan: what, the decision-maker, when it is due, when notice was first published, spending and saving in pence, the localities affected, any exception route, and the decision once taken." },
  { name: "Contracts ending in the next 18 months", base: "/open-data/contracts-ending", text: "Contracts and grants ending in the next 18 months by service area: provider, area, start and end dates, extension options, value in pounds (empty where commercially confidential) and the commissioning review’s stage and intended option." },
  { name: "Commissioning intentions", base: "/open-data/commissioning-intentions", text: "Published commissioning intentions by strategy: buy, change or stop buying, what, from when, estimated value a year in pounds (empty where not given) and the route to market; the JSON also carries each published market position statement (demand, supply, what we want from the market)." },
];

export default function OpenData() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Open data</h1>
        <p className="govuk-body-l">The evidence base behind our outcomes, free to reuse. The addresses below are stable: link to them or fetch them on a schedule.</p>
        {FILES.map((f) => (
          <section key={f.base} aria-labelledby={f.base.replace(/\W/g, "")}>
            <h2 className="govuk-heading-m" id={f.base.replace(/\W/g, "")}>
              {f.name}
            </h2>
            <p className="govuk-body">{f.text}</p>
            <ul className="govuk-list">
              <li>
                <a className="govuk-link" href={`${f.base}.csv`}>{f.name} as CSV</a> <code>{`${f.base}.csv`}</code>
              </li>
              <li>
                <a className="govuk-link" href={`${f.base}.json`}>{f.name} as JSON</a> <code>{`${f.base}.json`}</code>
              </li>
            </ul>
          </section>
        ))}
        <h2 className="govuk-heading-m">Licence</h2>
        <p className="govuk-body">
          You may use and reuse this data free of charge under the{" "}
          <a className="govuk-link" href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" rel="license">
            Open Government Licence v3.0
          </a>
          , except where a source says otherwise. Say where it came from: “Contains public sector information licensed under the Open Government Licence v3.0.”
        </p>
        <h2 className="govuk-heading-m">Notes</h2>
        <ul className="govuk-list govuk-list--bullet">
          <li>Dates in the files are written year, month, day with hyphens (ISO 8601), so 31 March 2026 is <code>2026-03-31</code>. An annual value’s period is the first day of its year: the value for 2025 has the period <code>2025-01-01</code>.</li>
          <li>Evidence the council holds for internal use only (for example commercially confidential figures) is not included.</li>
          <li>The files are UTF-8. CSV files have a header row.</li>
        </ul>
      </div>
    </div>
  );
}
