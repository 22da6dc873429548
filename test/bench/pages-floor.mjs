/**
 * The floor for `npm run bench -- pages`: a bare node:http server that renders a React page of
 * about the size of a Moot page (231 elements, a GOV.UK-like shell around a list and a table)
 * with renderToString on every request. Nothing else: no Express, no Remix, no database.
 * Usage: node test/bench/pages-floor.mjs PORT (prints "listening" when ready).
 */
import { createServer } from "node:http";
import { createElement as h } from "react";
import { renderToString } from "react-dom/server";

function Page({ now }) {
  const links = ["Consultations", "Meetings", "Decisions", "Challenges", "Evidence", "Outcomes", "Localities", "Sign in"];
  return h("html", { lang: "en" },
    h("head", null, h("meta", { charSet: "utf-8" }), h("title", null, "Floor page"), h("link", { rel: "stylesheet", href: "/styles.css" })),
    h("body", { className: "govuk-template__body" },
      h("a", { href: "#main", className: "govuk-skip-link" }, "Skip to main content"),
      h("header", { className: "govuk-header" }, h("div", { className: "govuk-header__container govuk-width-container" }, h("a", { href: "/", className: "govuk-header__link" }, "Moot"))),
      h("nav", { className: "govuk-service-navigation" }, h("ul", { className: "govuk-service-navigation__list" }, links.map((l) => h("li", { key: l, className: "govuk-service-navigation__item" }, h("a", { className: "govuk-service-navigation__link", href: `/${l.toLowerCase()}` }, l))))),
      h("main", { id: "main", className: "govuk-main-wrapper" },
        h("h1", { className: "govuk-heading-l" }, "A page of similar size"),
        h("p", { className: "govuk-body" }, `Rendered at ${now}.`),
        h("ul", { className: "govuk-list" }, Array.from({ length: 12 }, (_, i) => h("li", { key: i }, h("a", { className: "govuk-link", href: `/consultations/${i}` }, `Consultation number ${i}`), h("p", { className: "govuk-body-s" }, "Closes on 12 March 2027 at 5pm")))),
        h("table", { className: "govuk-table" },
          h("thead", null, h("tr", null, ["Item", "Title", "Locality", "Status", "Date"].map((c) => h("th", { key: c, scope: "col", className: "govuk-table__header" }, c)))),
          h("tbody", null, Array.from({ length: 25 }, (_, r) => h("tr", { key: r, className: "govuk-table__row" }, ["1", "Decision on the market day", "Northgate", "Made", "3 March 2027"].map((c, i) => h("td", { key: i, className: "govuk-table__cell" }, c)))))),
      ),
      h("footer", { className: "govuk-footer" }, h("p", null, "Footer")),
    ),
  );
}

const server = createServer((_req, res) => {
  const html = "<!DOCTYPE html>" + renderToString(h(Page, { now: new Date().toISOString() }));
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": Buffer.byteLength(html) });
  res.end(html);
});
server.listen(Number(process.argv[2]), "127.0.0.1", () => console.log("listening"));
