import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Breadcrumbs } from "~/components/govuk/breadcrumbs";
import { NotificationBanner, SummaryList, Tag } from "~/components/govuk/content";
import { DoneBanner } from "~/components/govuk/done-banner";
import { FileUpload } from "~/components/govuk/file-upload";
import { Button, ErrorSummary, TextInput, useFormState } from "~/components/govuk/form";
import { formInput } from "~/lib/forms";
import { formFailure, notFound, rowIdParam } from "~/lib/http.server";
import { fileFromForm } from "~/lib/uploads.server";
import { addAttachment, attachmentsOf, itemFor, removeAttachment } from "~/modules/evidence/attachments.server";
import { ThreadSections } from "~/modules/evidence/components/EvidenceList";
import { periodText } from "~/modules/evidence/dates";
import { evidenceLinks } from "~/modules/evidence/links";
import { CONFIDENCE_LABELS, EVIDENCE_TYPE_LABELS, STAGE_LABELS } from "~/modules/evidence/schema";
import { citingThread } from "~/modules/evidence/thread.server";
import { InlineAction } from "~/components/govuk/inline-action";

export const handle = { title: (data: unknown) => (data as { item?: { title: string } })?.item?.title ?? "Evidence" };
export const links = evidenceLinks;

export async function loader({ context, params }: LoaderFunctionArgs) {
  // Internal evidence asked for by someone who may not see it is "not found": its existence is not confirmed.
  const found = await itemFor(context.db, context.actor, rowIdParam(params.id));
  if (!found) notFound("There is no evidence at this address, or it is not published.");
  const { item, manage: canManage } = found;
  const [citing, attachments] = await Promise.all([citingThread(context.db, item.id, context.actor), attachmentsOf(context.db, item.id)]);
  return { item, citing, attachments, canManage };
}

export async function action({ context, params, request }: ActionFunctionArgs) {
  const id = rowIdParam(params.id);
  const formData = await request.formData();
  const result =
    formData.get("intent") === "remove"
      ? await removeAttachment(context.db, context.actor, id, formInput(formData))
      : await addAttachment(context.db, context.actor, id, { attachmentTitle: formData.get("attachmentTitle"), file: await fileFromForm(formData) });
  if (!result.ok) return formFailure(result, formData);
  return data({ ok: true as const, done: formData.get("intent") === "remove" ? "The attachment has been removed" : "The attachment has been added" });
}

const sizeText = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

export default function EvidenceItem() {
  const { item, citing, attachments, canManage } = useLoaderData<typeof loader>();
  const form = useFormState();
  const [params] = useSearchParams();
  return (
    <>
      <Breadcrumbs items={[{ href: "/outcomes", text: "Outcomes and evidence" }, { href: "/evidence", text: "Evidence library" }]} />
      <ErrorSummary form={form} />
      <DoneBanner />
      {params.get("changed") && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">Your changes have been saved</p>
        </NotificationBanner>
      )}
      <span className="govuk-caption-l">{EVIDENCE_TYPE_LABELS[item.type]}</span>
      <h1 className="govuk-heading-l">{item.title}</h1>
      {item.visibility === "internal" && (
        <p className="govuk-body">
          <Tag colour="orange">Internal</Tag> Only council staff and board members can see this.
        </p>
      )}
      {item.summary && <p className="govuk-body-l">{item.summary}</p>}
      <SummaryList
        rows={[
          {
            key: "Source",
            value: (
              <>
                {item.sourceOrganisation}
                <br />
                <a className="govuk-link" href={item.sourceUrl} rel="noreferrer noopener">
                  {item.sourceUrl}
                </a>
              </>
            ),
          },
          { key: "Period", value: periodText(item.periodStart, item.periodEnd) },
          { key: "Area", value: item.localityName ?? "Council-wide" },
          { key: "Commissioning stage", value: STAGE_LABELS[item.stage] },
          { key: "Confidence", value: CONFIDENCE_LABELS[item.confidence] },
          {
            key: "Outcomes",
            value: item.outcomes.length ? (
              <ul className="govuk-list">
                {item.outcomes.map((o) => (
                  <li key={o.id}>
                    <a className="govuk-link" href={`/outcomes/${o.id}`}>
                      {o.title}
                    </a>
                  </li>
                ))}
              </ul>
            ) : (
              "Not tagged to an outcome"
            ),
          },
        ]}
      />
      {canManage && (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/evidence/${item.id}/edit`}>
            Change this evidence
          </Link>
        </p>
      )}
      <h2 className="govuk-heading-m">Attachments</h2>
      {attachments.length ? (
        <ul className="govuk-list">
          {attachments.map((a) => (
            <li key={a.id}>
              <a className="govuk-link" href={`/evidence/${item.id}/attachments/${a.id}`} download>
                {a.title}
              </a>{" "}
              <span className="govuk-body-s">({a.fileName}, {sizeText(a.sizeBytes)})</span>
              {canManage && (
                <InlineAction intent="remove" fields={{ attachmentId: a.id }}>
                  Remove<span className="govuk-visually-hidden"> {a.title}</span>
                </InlineAction>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">No files are attached.</p>
      )}
      {canManage && (
        <Form method="post" encType="multipart/form-data" noValidate>
          <input type="hidden" name="intent" value="upload" />
          <TextInput form={form} name="attachmentTitle" label="Title of the file" />
          <FileUpload form={form} name="file" label="Attach a file" hint="A PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG file, smaller than 10 MB." />
          <Button secondary>Attach file</Button>
        </Form>
      )}
      <h2 className="govuk-heading-m">Where this evidence was used</h2>
      {citing.length ? (
        <ThreadSections sections={citing} emptyText={() => ""} />
      ) : (
        <p className="govuk-body">No consultation, decision, challenge or review cites this evidence yet.</p>
      )}
    </>
  );
}
