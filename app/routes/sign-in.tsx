import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useSearchParams } from "@remix-run/react";
import { NotificationBanner } from "~/components/govuk/content";
import { Button, ErrorSummary, TextInput, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, redirectWithCookie } from "~/lib/http.server";
import { signIn } from "~/modules/auth/accounts.server";
import { safeReturnTo } from "~/modules/auth/schema";
import { startSession } from "~/modules/auth/session.server";

export const handle = { title: "Sign in" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  if (context.actor.user) throw redirect(safeReturnTo(new URL(request.url).searchParams.get("returnTo"), "/account"));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const result = await signIn(context.db, formInput(formData), { address: context.clientAddress });
  if (!result.ok) return formFailure(result, formData);
  const cookie = await startSession(context.db, result.value.userId, { secure: context.secure });
  return redirectWithCookie(safeReturnTo(formData.get("returnTo"), "/"), cookie);
}

export default function SignIn() {
  const form = useFormState();
  const [params] = useSearchParams();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} />
        {params.get("registered") && Object.keys(form.errors).length === 0 && (
          <NotificationBanner title="Now sign in">
            <p className="govuk-notification-banner__heading">Sign in with the email address and password you chose.</p>
            <p className="govuk-body">
              If you already had an account with that email address, nothing about it has changed: sign in with the password
              you set before. We have told the account's owner that someone tried to create an account with it.
            </p>
            <p className="govuk-body">Next, you will see what is open in the area you live in.</p>
          </NotificationBanner>
        )}
        <h1 className="govuk-heading-l">Sign in</h1>
        <Form method="post" noValidate>
          <input type="hidden" name="returnTo" value={params.get("returnTo") ?? "/"} />
          <TextInput form={form} name="email" label="Email address" type="email" autoComplete="email" spellCheck={false} />
          <TextInput form={form} name="password" label="Password" type="password" autoComplete="current-password" />
          <Button>Sign in</Button>
        </Form>
        <p className="govuk-body">
          No account yet? <a className="govuk-link" href="/register">Create an account</a>.
        </p>
      </div>
    </div>
  );
}
