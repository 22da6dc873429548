/** Follow something by e-mail: /follow?kind=board|locality|consultation|thread&id=3 (issue 16). */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, Radios, TextInput, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure } from "~/lib/http.server";
import { followTarget, subscribe } from "~/modules/notifications/subscriptions.server";

export const handle = { title: "Get e-mail updates" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const target = await followTarget(context.db, url.searchParams.get("kind") ?? "", Number(url.searchParams.get("id")));
  if (!target.ok) throw data({ message: "There is nothing to follow at this address" }, { status: 404 });
  return { target: target.value, email: context.actor.user?.email ?? "", signedIn: Boolean(context.actor.user), done: url.searchParams.get("done") === "1" };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const result = await subscribe(context.db, context.actor, formInput(formData));
  if (!result.ok) return formFailure(result, formData);
  const url = new URL(request.url);
  return redirect(`/follow?kind=${encodeURIComponent(url.searchParams.get("kind") ?? "")}&id=${encodeURIComponent(url.searchParams.get("id") ?? "")}&done=1`);
}

export default function Follow() {
  const { target, email, signedIn, done } = useLoaderData<typeof loader>();
  const form = useFormState({ email, frequency: "immediate" });
  return (
    <>
      <ErrorSummary form={form} />
      <h1 className="govuk-heading-l">Get e-mail updates about {target.name}</h1>
      {done ? (
        <div className="govuk-panel govuk-panel--confirmation">
          <h2 className="govuk-panel__title">You are following {target.name}</h2>
          <div className="govuk-panel__body">Every e-mail has a link to stop them.</div>
        </div>
      ) : null}
      {done && signedIn ? (
        <p className="govuk-body">
          <a className="govuk-link" href="/account#following">See and change everything you follow</a>
        </p>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="kind" value={target.kind} />
        <input type="hidden" name="targetId" value={String(target.id)} />
        <TextInput form={form} name="email" label="Email address" type="email" spellCheck={false} autoComplete="email" />
        <Radios
          form={form}
          name="frequency"
          label="How often"
          options={[
            { value: "immediate", label: "As it happens" },
            { value: "daily", label: "Once a day, in one e-mail" },
          ]}
        />
        <Button>Follow</Button>
      </Form>
    </>
  );
}
