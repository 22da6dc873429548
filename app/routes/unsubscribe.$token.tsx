/**
 * One-click unsubscribe (RFC 8058): every subscription e-mail carries
 * `List-Unsubscribe: <…/unsubscribe/TOKEN>` and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`.
 * A mail client POSTs here with no session; a person following the link gets a page with a button.
 */
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/govuk/form";
import { subscriptionByToken, unsubscribeByToken } from "~/modules/notifications/subscriptions.server";

export const handle = { title: "Stop e-mails" };

export async function loader({ context, params }: LoaderFunctionArgs) {
  const sub = await subscriptionByToken(context.db, params.token ?? "");
  return { found: Boolean(sub) };
}

export async function action({ context, params }: ActionFunctionArgs) {
  const result = await unsubscribeByToken(context.db, params.token ?? "");
  return { done: result.ok };
}

export default function Unsubscribe() {
  const { found } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>()?.done;
  if (done || !found) {
    return (
      <>
        <h1 className="govuk-heading-l">You will not get these e-mails any more</h1>
        <p className="govuk-body">You can follow it again at any time from its page.</p>
      </>
    );
  }
  return (
    <>
      <h1 className="govuk-heading-l">Stop these e-mails</h1>
      <Form method="post">
        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
        <Button>Unsubscribe</Button>
      </Form>
    </>
  );
}
