import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FileUpload } from "~/components/govuk/file-upload";
import { Button, ErrorSummary, TextInput, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure } from "~/lib/http.server";
import { getConsultationPage } from "~/modules/consultations/consultations.server";
import { addDocumentFile, addDocumentLink, removeDocument } from "~/modules/consultations/documents.server";
import { loadManaged } from "~/modules/consultations/routes.server";
import { InlineAction } from "~/components/govuk/inline-action";
import { fileFromForm } from "~/lib/uploads.server";

export const handle = { title: "Supporting documents" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const c = await loadManaged(context, request, params.id);
  const page = await getConsultationPage(context.db, context.actor, c.id);
  return { consultation: { id: c.id, title: c.title }, documents: page.ok ? page.value.documents : [] };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const c = await loadManaged(context, request, params.id);
  const formData = await request.formData();
  const intent = formData.get("intent");
  let result;
  if (intent === "upload") {
    result = await addDocumentFile(context.db, context.actor, c.id, { title: formData.get("fileTitle"), file: await fileFromForm(formData) });
    if (!result.ok && result.errors.title) result.errors = { fileTitle: result.errors.title };
  } else if (intent === "remove") {
    result = await removeDocument(context.db, context.actor, c.id, formInput(formData));
  } else {
    result = await addDocumentLink(context.db, context.actor, c.id, formInput(formData));
  }
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const });
}

export default function DocumentsPage() {
  const { consultation, documents } = useLoaderData<typeof loader>();
  const form = useFormState();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} />
        <span className="govuk-caption-l">{consultation.title}</span>
        <h1 className="govuk-heading-l">Supporting documents</h1>
        {documents.length === 0 ? (
          <p className="govuk-body">No documents yet.</p>
        ) : (
          <ul className="govuk-list">
            {documents.map((d) => (
              <li key={d.id}>
                <a className="govuk-link" href={d.url ?? `/consultations/${consultation.id}/documents/${d.id}`}>
                  {d.title}
                </a>
                {d.size_bytes !== null && <span className="govuk-body-s"> ({Math.ceil(d.size_bytes / 1024)} KB)</span>}{" "}
                <InlineAction intent="remove" fields={{ documentId: d.id }}>
                  Remove<span className="govuk-visually-hidden"> {d.title}</span>
                </InlineAction>
              </li>
            ))}
          </ul>
        )}
        <h2 className="govuk-heading-m">Upload a document</h2>
        <Form method="post" encType="multipart/form-data" noValidate>
          <input type="hidden" name="intent" value="upload" />
          <TextInput form={form} name="fileTitle" label="Document title" />
          <FileUpload form={form} name="file" label="File" hint="A PDF, Word, Excel, PowerPoint or OpenDocument file, smaller than 10 MB." accept=".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp" />
          <Button>Upload document</Button>
        </Form>
        <h2 className="govuk-heading-m">Or link to a document</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="link" />
          <TextInput form={form} name="title" label="Link title" />
          <TextInput form={form} name="url" label="Address" type="url" spellCheck={false} />
          <Button secondary>Add link</Button>
        </Form>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/officer/consultations/${consultation.id}`}>Back to the consultation</Link>
        </p>
      </div>
    </div>
  );
}
