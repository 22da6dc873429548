import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { InsetText } from "~/components/govuk/content";
import { DoneBanner } from "~/components/govuk/done-banner";
import { DateInput } from "~/components/govuk/date-input";
import { Button, EMPTY_FORM, ErrorSummary, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, rowIdParam } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { addServiceWindow, outcomeOptions, removeServiceWindow, serviceForEditing, updateService } from "~/modules/challenges/challenges.server";
import { DataTable } from "~/modules/challenges/components/EoiParts";
import { ServiceFields } from "~/modules/challenges/components/ServiceFields";
import { orThrow } from "~/modules/challenges/routes.server";
import { InlineAction } from "~/components/govuk/inline-action";

export const handle = { title: (d: unknown) => `Change ${(d as { service?: { name: string } })?.service?.name ?? "a service"}` };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requirePermission(context, request, "challenge.handle");
  const [service, outcomes] = await Promise.all([serviceForEditing(context.db, context.actor, rowIdParam(params.id)), outcomeOptions(context.db)]);
  return { service: orThrow(service), outcomes };
}

const ACTIONS = { details: updateService, "add-window": addServiceWindow, "remove-window": removeServiceWindow };
const DONE = { details: "The service has been saved", "add-window": "The period has been added", "remove-window": "The period has been removed" };

export async function action({ context, request, params }: ActionFunctionArgs) {
  requirePermission(context, request, "challenge.handle");
  const serviceId = String(rowIdParam(params.id));
  const formData = await request.formData();
  const intent = String(formData.get("intent")) as keyof typeof ACTIONS;
  if (!(intent in ACTIONS)) throw data({ message: "Unknown action" }, { status: 400 });
  const result = await ACTIONS[intent](context.db, context.actor, { ...formInput(formData), serviceId });
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, done: DONE[intent] });
}

export default function EditService() {
  const { service, outcomes } = useLoaderData<typeof loader>();
  const form = useFormState();
  const failed = form.values.intent;
  const details =
    failed === "details"
      ? form
      : {
          errors: {},
          values: {
            name: service.name,
            description: service.description,
            excludedReason: service.excludedReason ?? "",
            anyTime: service.anyTime ? "yes" : "",
            procurementMinMonths: String(service.procurementMinMonths),
            procurementMaxMonths: String(service.procurementMaxMonths),
            outcomeNodeIds: service.outcomes.map((o) => String(o.id)),
          },
        };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} />
        <DoneBanner />
        <span className="govuk-caption-l">Right to Challenge services register</span>
        <h1 className="govuk-heading-l">Change {service.name}</h1>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="details" />
          <ServiceFields form={details} outcomes={outcomes} />
          <Button>Save service</Button>
        </Form>

        <h2 className="govuk-heading-m">Periods for expressions of interest</h2>
        {service.excludedReason !== null && <InsetText>This service is excluded, so it is never open, whatever the periods.</InsetText>}
        {service.anyTime && <InsetText>Groups can submit at any time, so the periods are not used.</InsetText>}
        <DataTable
          caption="Periods"
          headings={["Opens", "Closes", <span className="govuk-visually-hidden" key="a">Action</span>]}
          rows={service.windows.map((w) => ({
            key: w.id,
            cells: [
              w.opensOn,
              w.closesOn,
              <InlineAction key="remove" intent="remove-window" fields={{ windowId: w.id }}>
                Remove<span className="govuk-visually-hidden"> the period {w.opensOn} to {w.closesOn}</span>
              </InlineAction>,
            ],
          }))}
        />
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="add-window" />
          <DateInput form={failed === "add-window" ? form : EMPTY_FORM} name="opensOn" label="A new period opens on" hint="For example, 1 4 2027." />
          <DateInput form={failed === "add-window" ? form : EMPTY_FORM} name="closesOn" label="and closes on" hint="For example, 30 6 2027." />
          <Button secondary>Add period</Button>
        </Form>
        <p className="govuk-body"><a className="govuk-link" href="/challenges">Back to the services register</a></p>
      </div>
    </div>
  );
}
