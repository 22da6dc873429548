import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, Select, TextInput, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure } from "~/lib/http.server";
import { register } from "~/modules/auth/accounts.server";
import { listLocalities } from "~/modules/localities/localities.server";

export const handle = { title: "Create an account" };

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.actor.user) throw redirect("/account");
  return { localities: await listLocalities(context.db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const result = await register(context.db, context.actor, formInput(formData), { address: context.clientAddress });
  if (!result.ok) return formFailure(result, formData);
  // The same answer whether or not the email already had an account (docs/decisions/0020); after
  // signing in, the next step is what is open in the area they chose.
  return redirect(`/sign-in?registered=1&returnTo=${encodeURIComponent(`/localities/${result.value.localitySlug}`)}`);
}

export default function Register() {
  const { localities } = useLoaderData<typeof loader>();
  const form = useFormState();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} />
        <h1 className="govuk-heading-l">Create an account</h1>
        <p className="govuk-body">
          You need an account to respond to consultations, comment and vote. Already have one?{" "}
          <a className="govuk-link" href="/sign-in">Sign in</a>.
        </p>
        <Form method="post" noValidate>
          <TextInput form={form} name="email" label="Email address" type="email" autoComplete="email" spellCheck={false} hint="We will only use this to sign you in and to send you things you ask for." />
          <TextInput form={form} name="displayName" label="Your name" autoComplete="name" hint="This is shown beside comments you post." />
          <Select
            form={form}
            name="homeLocalityId"
            label="The area you live in"
            hint="We show you what is happening there first. You can change it later."
            placeholder="Choose an area"
            options={localities.map((l) => ({ value: String(l.id), label: l.name }))}
          />
          <TextInput form={form} name="password" label="Create a password" type="password" autoComplete="new-password" hint="Use 12 characters or more. A few unrelated words together make a good password. We refuse passwords that many people use." />
          <Button>Create account</Button>
        </Form>
      </div>
    </div>
  );
}
