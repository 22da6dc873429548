import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, Checkboxes, ErrorSummary, fieldId, Select, Textarea, useFormState, type FormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, requireUser, rowIdParam } from "~/lib/http.server";
import { listLocalities } from "~/modules/localities/localities.server";
import { listFrameworkTrees } from "~/modules/outcomes/outcomes.server";
import { sectionValues } from "~/modules/challenges/answers";
import { getEoi, listServices, saveEoiSection } from "~/modules/challenges/challenges.server";
import { orThrow } from "~/modules/challenges/routes.server";
import { EOI_SECTIONS, PARTNER_ROLE_LABELS, SECTION_TITLES, type EoiSection } from "~/modules/challenges/schema";

export const handle = { title: (d: unknown) => (d as { title?: string })?.title ?? "Expression of interest" };

function sectionParam(value: string | undefined): EoiSection {
  if (!EOI_SECTIONS.includes(value as EoiSection)) throw data({ message: "Page not found" }, { status: 404 });
  return value as EoiSection;
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  const section = sectionParam(params.section);
  const view = orThrow(await getEoi(context.db, context.actor, rowIdParam(params.id)));
  if (!view.member) throw data({ message: "Only the people who act for this group can change it" }, { status: 403 });
  if (view.eoi.status !== "draft") throw redirect(`/challenges/eois/${view.eoi.id}`);
  if (!view.sections.includes(section)) throw data({ message: "Page not found" }, { status: 404 });
  const [services, localities, frameworks] = await Promise.all([listServices(context.db), listLocalities(context.db), listFrameworkTrees(context.db)]);
  return {
    title: SECTION_TITLES[section],
    section,
    eoi: { id: view.eoi.id, groupKind: view.eoi.groupKind, partners: view.eoi.partners },
    values: sectionValues(view.eoi, section),
    position: view.sections.indexOf(section) + 1,
    total: view.sections.length,
    services: services.filter((s) => s.excludedReason === null).map((s) => ({ value: String(s.id), label: `${s.name}${s.openNow ? "" : " (not open now)"}` })),
    localities: localities.map((l) => ({ value: String(l.id), label: l.name })),
    // one group of checkboxes per theme (a framework's top-level outcome and its priorities)
    outcomeThemes: frameworks.flatMap((f) =>
      f.outcomes.map((o) => ({ framework: f.name, title: o.title, options: [o, ...o.children].map((n) => ({ value: String(n.id), label: n === o ? `${n.title} (the theme as a whole)` : n.title })) })),
    ),
  };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const section = sectionParam(params.section);
  const eoiId = rowIdParam(params.id);
  const formData = await request.formData();
  const result = await saveEoiSection(context.db, context.actor, eoiId, section, formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  // The saved page says where to go next: reading the whole EOI again cost eleven queries.
  const { groupId, sections } = result.value;
  if (formData.get("then") === "later") return redirect(`/challenges/groups/${groupId}?saved=1`);
  const next = sections[sections.indexOf(section) + 1];
  return redirect(next && formData.get("then") !== "check" ? `/challenges/eois/${eoiId}/${next}` : `/challenges/eois/${eoiId}`);
}

/**
 * The council's outcomes as one fieldset per theme (27 checkboxes in one list were hard to scan).
 * All share the name outcomeNodeIds; the first box carries the id the error summary links to.
 */
function OutcomeThemes({ form, themes }: { form: FormState; themes: { framework: string; title: string; options: { value: string; label: string }[] }[] }) {
  const name = "outcomeNodeIds";
  const id = fieldId(name);
  const error = form.errors[name];
  const raw = form.values[name];
  const current = new Set(Array.isArray(raw) ? raw : raw ? [raw] : []);
  let n = 0;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <h2 className="govuk-heading-m">Which of the council's outcomes does it serve?</h2>
      <div className="govuk-hint" id={`${id}-hint`}>
        Select all that apply. The outcomes are grouped by theme.
      </div>
      {error && (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      {themes.map((t) => (
        <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={`${t.framework}-${t.title}`} aria-describedby={error ? `${id}-error` : undefined}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
            {t.title}
            <span className="govuk-caption-s">{t.framework}</span>
          </legend>
          <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
            {t.options.map((o) => {
              n += 1;
              const optionId = n === 1 ? id : `${id}-${n}`;
              return (
                <div className="govuk-checkboxes__item" key={o.value}>
                  <input className="govuk-checkboxes__input" id={optionId} name={name} type="checkbox" value={o.value} defaultChecked={current.has(o.value)} />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={optionId}>
                    {o.label}
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
      ))}
    </div>
  );
}

const CONFIDENTIAL_OPTION = [{ value: "yes", label: "Commercially confidential: do not publish this part" }];

function Fields({ section, form, d }: { section: EoiSection; form: FormState; d: ReturnType<typeof useLoaderData<typeof loader>> }) {
  switch (section) {
    case "service":
      return (
        <>
          <Select form={form} name="serviceId" label="Which service does the group want to run?" placeholder="Choose a service" options={d.services} />
          <Textarea form={form} name="title" label="A short title for your proposal" rows={2} />
          <Textarea form={form} name="areaDescription" label="The geographical area the proposal concerns" hint="For example, the wards, parishes or streets." />
          <Checkboxes form={form} name="localityIds" label="Localities the proposal covers" options={d.localities} />
        </>
      );
    case "finances":
      return (
        <>
          <Textarea form={form} name="finances" label="The financial resources of the group" hint="Income, reserves and any funding you would rely on." rows={6} />
          <Checkboxes form={form} name="financesConfidential" label="Is this part confidential?" options={CONFIDENTIAL_OPTION} />
          {d.eoi.partners.map((p, i) => (
            <div key={p.partnerId}>
              <h2 className="govuk-heading-m">{p.name}</h2>
              <p className="govuk-body">{PARTNER_ROLE_LABELS[p.role]}</p>
              <input type="hidden" name={`partners[${i}].partnerId`} value={p.partnerId} />
              <Textarea form={form} name={`partners[${i}].finances`} label={`The financial resources of ${p.name}`} rows={4} />
              <Checkboxes form={form} name={`partners[${i}].confidential`} label={`Are ${p.name}'s finances confidential?`} options={CONFIDENTIAL_OPTION} />
            </div>
          ))}
        </>
      );
    case "capability":
      return (
        <>
          <Textarea
            form={form}
            name="capability"
            label="Evidence that, by the time of any procurement, the group will be capable of providing (or helping to provide) the service"
            hint="Experience, staff, qualifications, safeguarding, premises, insurance."
            rows={8}
          />
          <Checkboxes form={form} name="capabilityConfidential" label="Is this part confidential?" options={CONFIDENTIAL_OPTION} />
        </>
      );
    case "outcomes":
      return (
        <>
          <Textarea form={form} name="outcomes" label="The outcomes the proposal would achieve" rows={5} />
          <Textarea form={form} name="wellbeing" label="How it would promote or improve the social, economic or environmental well-being of the area" rows={5} />
          <Textarea form={form} name="usersNeeds" label="How it would meet the needs of the service's users" rows={5} />
          <OutcomeThemes form={form} themes={d.outcomeThemes} />
          <Checkboxes form={form} name="outcomesConfidential" label="Is this part confidential?" options={CONFIDENTIAL_OPTION} />
        </>
      );
    case "engagement":
      return (
        <>
          <Textarea form={form} name="employeeEngagement" label="How will the group engage other council employees affected by the proposal?" rows={6} />
          <Checkboxes form={form} name="employeeEngagementConfidential" label="Is this part confidential?" options={CONFIDENTIAL_OPTION} />
        </>
      );
  }
}

export default function EoiSectionPage() {
  const d = useLoaderData<typeof loader>();
  const form = useFormState(d.values);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} />
        <span className="govuk-caption-l">Expression of interest – part {d.position} of {d.total}</span>
        <h1 className="govuk-heading-l">{d.title}</h1>
        <Form method="post" noValidate key={d.section}>
          <Fields section={d.section} form={form} d={d} />
          <div className="govuk-button-group">
            <Button name="then" value="next">Save and continue</Button>
            <Button secondary name="then" value="later">Save and come back later</Button>
          </div>
        </Form>
        <p className="govuk-body"><a className="govuk-link" href={`/challenges/eois/${d.eoi.id}`}>Check your answers</a></p>
      </div>
    </div>
  );
}
