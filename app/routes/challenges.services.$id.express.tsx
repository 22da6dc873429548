import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { InsetText } from "~/components/govuk/content";
import { Button, ErrorSummary, Radios, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, requireUser, rowIdParam } from "~/lib/http.server";
import { formatPeriod } from "~/lib/dates";
import { listMyGroups, listServices, startEoi } from "~/modules/challenges/challenges.server";
import { RELEVANT_BODY_LABELS } from "~/modules/challenges/schema";
import { can } from "~/modules/permissions/permissions";

export const handle = { title: (d: unknown) => `Express an interest in ${(d as { service?: { name: string } })?.service?.name ?? "a service"}` };

/** "Express an interest" on a service: choose which of your groups it is from, then the EOI form starts with the service chosen. */
export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  const serviceId = rowIdParam(params.id);
  const [services, groups] = await Promise.all([listServices(context.db), listMyGroups(context.db, context.actor)]);
  const service = services.find((s) => s.id === serviceId && s.excludedReason === null);
  if (!service) throw data({ message: "There is no service open to challenge at this address." }, { status: 404 });
  return {
    service: { id: service.id, slug: service.slug, name: service.name, openNow: service.openNow, anyTime: service.anyTime, windows: service.windows },
    groups: groups.map((g) => ({ id: g.id, name: g.name, kind: RELEVANT_BODY_LABELS[g.kind] })),
    mayRegister: can(context.actor, "challenge.submit"),
  };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  const result = await startEoi(context.db, context.actor, { ...formInput(formData), serviceId: String(rowIdParam(params.id)) });
  if (!result.ok) return formFailure(result, formData);
  return redirect(`/challenges/eois/${result.value.eoiId}/service`);
}

export default function ExpressInterest() {
  const { service, groups, mayRegister } = useLoaderData<typeof loader>();
  const form = useFormState(groups.length === 1 ? { groupId: String(groups[0]!.id) } : {});
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`/challenges#service-${service.slug}`}>
          Back
        </Link>
        <ErrorSummary form={form} />
        <span className="govuk-caption-l">Community Right to Challenge</span>
        <h1 className="govuk-heading-l">Express an interest in running {service.name}</h1>
        {!service.openNow && (
          <InsetText>
            This service is not open to expressions of interest today
            {service.windows.length > 0 && <> (periods: {service.windows.map((w) => formatPeriod(w.opensOn, w.closesOn)).join("; ")})</>}. You can prepare one now and submit it when a period opens.
          </InsetText>
        )}
        {groups.length === 0 ? (
          <>
            <p className="govuk-body">An expression of interest comes from a relevant body: a voluntary or community body, a charity, a parish council, or two or more council employees.</p>
            {mayRegister ? (
              <>
                <p className="govuk-body">Register your group first. Then come back to this service and express an interest.</p>
                <Link className="govuk-button" to="/challenges/groups/new">
                  Register a group
                </Link>
              </>
            ) : (
              <p className="govuk-body">Your account cannot submit expressions of interest. Ask the council to add you as a community group representative.</p>
            )}
          </>
        ) : (
          <Form method="post" noValidate>
            <Radios
              form={form}
              name="groupId"
              label="Which group is the expression of interest from?"
              options={groups.map((g) => ({ value: String(g.id), label: g.name, hint: g.kind }))}
            />
            <p className="govuk-body">There are up to 5 short parts to answer. Your answers are saved as you go, and you can check them before you submit.</p>
            <Button>Start expression of interest</Button>
          </Form>
        )}
      </div>
    </div>
  );
}
