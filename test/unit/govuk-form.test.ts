/**
 * The GOV.UK form wrappers render the markup GOV.UK Frontend and assistive technology rely on:
 * ids that error-summary links target, hints and errors joined to the control by
 * aria-describedby, what the person typed shown again, and the CSS-only conditional reveal.
 */
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Checkboxes, Radios, Select, Textarea, TextInput, type FormState } from "../../app/components/govuk/form";

const form = (values: FormState["values"], errors: FormState["errors"] = {}): FormState => ({ values, errors });
const html = (el: ReturnType<typeof h>) => renderToStaticMarkup(el);

describe("GOV.UK form fields", () => {
  it("a text input with an error: error group, label for the id, hint then error described, the typed value kept", () => {
    const out = html(h(TextInput, { form: form({ title: "Parks" }, { title: "Enter a shorter title" }), name: "title", label: "Title", hint: "Up to 180 characters" }));
    expect(out).toContain('class="govuk-form-group govuk-form-group--error"');
    expect(out).toContain('<label class="govuk-label govuk-label--s" for="title">Title</label>');
    expect(out).toContain('<div id="title-hint" class="govuk-hint">Up to 180 characters</div>');
    expect(out).toContain('<p id="title-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> Enter a shorter title</p>');
    expect(out).toMatch(/<input class="govuk-input govuk-input--error" id="title" name="title" type="text" aria-describedby="title-hint title-error" value="Parks"\/>/);
    expect(out.indexOf("title-hint")).toBeLessThan(out.indexOf('id="title-error"'));
  });

  it("a page-heading label sits in an h1; a password is never echoed back", () => {
    const out = html(h(TextInput, { form: form({ password: "secret" }), name: "password", label: "Password", type: "password", isPageHeading: true }));
    expect(out).toContain('<h1 class="govuk-label-wrapper"><label class="govuk-label govuk-label--l" for="password">Password</label></h1>');
    expect(out).not.toContain("secret");
  });

  it("a textarea and a select keep what was typed and chosen, with no describedby when there is nothing to describe", () => {
    const ta = html(h(Textarea, { form: form({ body: "Line one" }), name: "body", label: "Comment", rows: 3 }));
    expect(ta).toBe('<div class="govuk-form-group"><label class="govuk-label govuk-label--s" for="body">Comment</label><textarea class="govuk-textarea" id="body" name="body" rows="3">Line one</textarea></div>');
    const sel = html(h(Select, { form: form({ ward: "b" }, { ward: "Choose a ward" }), name: "ward", label: "Ward", placeholder: "Choose", options: [{ value: "a", label: "A" }, { value: "b", label: "B" }] }));
    expect(sel).toContain('<select class="govuk-select govuk-select--error" id="ward" name="ward" aria-describedby="ward-error">');
    expect(sel).toContain('<option value="b" selected="">B</option>');
    expect(sel).toContain('<option value="">Choose</option>');
  });

  it("radios: the first item takes the field id, later ones -2, -3; item hints are described; the conditional reveal follows its item", () => {
    const out = html(h(Radios, { form: form({ kind: "exempt" }, { kind: "Choose a kind" }), name: "kind", label: "Kind of item", options: [{ value: "info", label: "For information" }, { value: "exempt", label: "Exempt", hint: "Schedule 12A", conditional: h("p", null, "Paragraph") }] }));
    expect(out).toContain('<fieldset class="govuk-fieldset" aria-describedby="kind-error"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Kind of item</legend>');
    expect(out).toContain('<input class="govuk-radios__input" id="kind" name="kind" type="radio" value="info"/>');
    expect(out).toContain('<input class="govuk-radios__input" id="kind-2" name="kind" type="radio" aria-describedby="kind-2-item-hint" checked="" value="exempt"/>');
    expect(out).toContain('<label class="govuk-label govuk-radios__label" for="kind-2">Exempt</label><div id="kind-2-item-hint" class="govuk-hint govuk-radios__hint">Schedule 12A</div><div class="govuk-radios__conditional moot-reveal" id="conditional-kind-2"><p>Paragraph</p></div>');
  });

  it("checkboxes tick every value chosen and never render a conditional reveal", () => {
    const out = html(h(Checkboxes, { form: form({ outcomes: ["1", "3"] }), name: "outcomes", label: "Outcomes", isPageHeading: true, options: [{ value: "1", label: "One" }, { value: "2", label: "Two" }, { value: "3", label: "Three", conditional: h("p", null, "x") }] }));
    expect(out).toContain('<h1 class="govuk-fieldset__heading">Outcomes</h1>');
    expect(out).toContain('id="outcomes" name="outcomes" type="checkbox" checked="" value="1"');
    expect(out).toContain('id="outcomes-2" name="outcomes" type="checkbox" value="2"/>');
    expect(out).toContain('id="outcomes-3" name="outcomes" type="checkbox" checked="" value="3"');
    expect(out).not.toContain("conditional");
  });
});
