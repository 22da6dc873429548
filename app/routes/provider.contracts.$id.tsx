import { data, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, MaxPartSizeExceededError, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { NotificationBanner, Tag } from "~/components/govuk/content";
import { Button, EMPTY_FORM, ErrorSummary, Select, Textarea, TextInput, type FormState } from "~/components/govuk/form";
import { TableHead } from "~/components/govuk/table-head";
import { formInput, withValues } from "~/lib/forms";
import { notFound, rowIdParam } from "~/lib/http.server";
import { requirePermission } from "~/modules/permissions/route.server";
import { formatValue } from "~/modules/evidence/chart";
import { returnForm } from "~/modules/providers/page.server";
import { monthLabel } from "~/modules/providers/periods";
import { importReturns, submitReturn } from "~/modules/providers/returns.server";
import { FREQUENCY_LABELS } from "~/modules/providers/schema";
import { RowProblems } from "~/modules/evidence/components/RowProblems";
import { FileUpload } from "~/components/govuk/file-upload";
import { fileFromForm } from "~/lib/uploads.server";
import { addReturnFile, MAX_RETURN_FILE_BYTES } from "~/modules/providers/return-files.server";

export const handle = { title: (d: unknown) => ((d as { form?: { arrangement: { title: string } } })?.form ? `Send a return: ${(d as { form: { arrangement: { title: string } } }).form.arrangement.title}` : "Send a return") };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requirePermission(context, request, "provider.report", { kind: "anywhere" });
  const form = await returnForm(context.db, context.actor, rowIdParam(params.id));
  if (!form) notFound("There is no contract or grant of yours at this address.");
  return { form };
}

type Answer =
  | { ok: true; done: string }
  | { ok: false; errors: Record<string, string>; values: Record<string, string | string[]>; problems?: { line: number; reason: string }[]; problemCount?: number; csv?: boolean; attach?: boolean };

export async function action({ context, request, params }: ActionFunctionArgs) {
  requirePermission(context, request, "provider.report", { kind: "anywhere" });
  const id = rowIdParam(params.id);
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    let formData: FormData;
    // Files sent with a return may be bigger than a CSV; importReturns still refuses a CSV over its own limit.
    try {
      formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_RETURN_FILE_BYTES }));
    } catch (error) {
      const message = error instanceof MaxPartSizeExceededError ? `The file must be smaller than ${MAX_RETURN_FILE_BYTES / 1024 / 1024} MB` : "Select a file";
      return data<Answer>({ ok: false, errors: { file: message }, values: {}, csv: true }, { status: 400 });
    }
    if (formData.get("intent") === "attach") {
      const added = await addReturnFile(context.db, context.actor, id, { period: formData.get("attach.period"), title: formData.get("attach.title"), file: await fileFromForm(formData, "attach.file") });
      if (!added.ok) {
        const errors = Object.fromEntries(Object.entries(added.errors).map(([k, v]) => [k === "_form" ? k : `attach.${k}`, v]));
        return data<Answer>({ ok: false, errors, values: { "attach.period": String(formData.get("attach.period") ?? ""), "attach.title": String(formData.get("attach.title") ?? "") }, attach: true }, { status: added.status ?? 400 });
      }
      return data<Answer>({ ok: true, done: `The file has been added to your return for ${monthLabel(added.value.period)}` });
    }
    const file = formData.get("file");
    const result = await importReturns(context.db, context.actor, { arrangementId: id, csv: file instanceof File ? await file.text() : "", fileName: file instanceof File ? file.name : undefined });
    if (!result.ok) return data<Answer>({ ok: false, errors: result.errors, values: {}, problems: result.problems, problemCount: result.problemCount, csv: true }, { status: result.status });
    return data<Answer>({ ok: true, done: `${result.value.rows} KPI ${result.value.rows === 1 ? "value" : "values"} imported for ${result.value.periods.map(monthLabel).join(", ")}` });
  }
  const formData = await request.formData();
  const result = await submitReturn(context.db, context.actor, { ...formInput(formData), arrangementId: String(id) });
  if (!result.ok) return data<Answer>(withValues(result.errors, formData), { status: result.status ?? 400 });
  return data<Answer>({ ok: true, done: `Your return for ${monthLabel(result.value.period)} has been sent` });
}

export default function SendReturn() {
  const { form } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as Answer | undefined;
  const failed = answer && !answer.ok ? answer : null;
  const attachState: FormState = failed?.attach ? { errors: failed.errors, values: failed.values } : { ...EMPTY_FORM, values: { "attach.period": form.openReturns[0]?.period.slice(0, 7) ?? "" } };
  const state: FormState = failed && !failed.csv && !failed.attach ? { errors: failed.errors, values: failed.values } : { ...EMPTY_FORM, values: { period: form.periods[0]?.slice(0, 7) ?? "" } };
  const csvState: FormState = failed?.csv ? { errors: failed.errors, values: {} } : EMPTY_FORM;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={failed ? { errors: failed.errors, values: {} } : EMPTY_FORM} />
        {answer?.ok && (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">{answer.done}</p>
          </NotificationBanner>
        )}
        <a className="govuk-back-link" href="/provider">Your provider area</a>
        <span className="govuk-caption-l">{form.arrangement.providerName}</span>
        <h1 className="govuk-heading-l">Send a return: {form.arrangement.title}</h1>
        {form.late.length > 0 && (
          <p className="govuk-body"><Tag colour="red">Late</Tag> Returns are overdue for {form.late.map(monthLabel).join(", ")}.</p>
        )}
        {form.periods.length ? (
          <Form method="post" noValidate>
            <Select form={state} name="period" label="Month" hint="A month can be sent for once it has ended, until the contract manager rates it. Sending again replaces the earlier return." options={form.periods.map((p) => ({ value: p.slice(0, 7), label: monthLabel(p) }))} />
            <h2 className="govuk-heading-m">KPI values</h2>
            {form.kpis.map((k) => (
              <TextInput
                key={k.id}
                form={state}
                name={`kpi_${k.id}`}
                label={`${k.title} (${k.unit})`}
                hint={`${FREQUENCY_LABELS[k.frequency]}${k.frequency === "monthly" ? "" : ": only due at the end of its period"}. Target ${formatValue(k.target)}; between ${formatValue(k.min_value)} and ${formatValue(k.max_value)}.`}
                width="10"
                inputMode="decimal"
              />
            ))}
            <Textarea form={state} name="narrative" label="What happened this month" rows={4} />
            {form.commitments.length > 0 && (
              <>
                <h2 className="govuk-heading-m">Social value delivered</h2>
                {form.commitments.map((c) => (
                  <TextInput key={c.id} form={state} name={`sv_${c.id}`} label={`${c.measure} (${c.unit})`} hint="This month; leave blank if none" width="10" inputMode="decimal" />
                ))}
                <Textarea form={state} name="socialValueNarrative" label="Social value: what you did" rows={3} />
              </>
            )}
            <Button>Send return</Button>
          </Form>
        ) : (
          <p className="govuk-body">There is no month open for a return at the moment.</p>
        )}

        <h2 className="govuk-heading-m">Or upload a CSV file</h2>
        <p className="govuk-body">One KPI value per row, with the columns <strong>period</strong> (2026-03), <strong>kpi</strong> (the KPI’s number or exact title), <strong>value</strong> and <strong>unit</strong>. Every row is checked first: if any row has a problem, nothing is imported.</p>
        <table className="govuk-table">
          <TableHead caption="KPI numbers for the file" columns={["Number", "KPI", "Unit"]} />
          <tbody className="govuk-table__body">
            {form.kpis.map((k) => (
              <tr className="govuk-table__row" key={k.id}>
                <td className="govuk-table__cell">{k.id}</td>
                <td className="govuk-table__cell">{k.title}</td>
                <td className="govuk-table__cell">{k.unit}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Form method="post" encType="multipart/form-data" noValidate>
          <div className={`govuk-form-group${csvState.errors.file ? " govuk-form-group--error" : ""}`}>
            <label className="govuk-label govuk-label--s" htmlFor="file">CSV file</label>
            {csvState.errors.file && (
              <p id="file-error" className="govuk-error-message"><span className="govuk-visually-hidden">Error:</span> {csvState.errors.file}</p>
            )}
            <input className={`govuk-file-upload${csvState.errors.file ? " govuk-file-upload--error" : ""}`} id="file" name="file" type="file" accept=".csv,text/csv" aria-describedby={csvState.errors.file ? "file-error" : undefined} />
          </div>
          <Button secondary>Import</Button>
        </Form>
        {failed?.problems && <RowProblems problems={failed.problems} problemCount={failed.problemCount} />}

        <h2 className="govuk-heading-m">Files sent with your returns</h2>
        {form.openReturns.some((r) => r.files.length) && (
          <ul className="govuk-list">
            {form.openReturns.flatMap((r) =>
              r.files.map((f) => (
                <li key={f.id}>
                  {monthLabel(r.period)}: <a className="govuk-link" href={`/contracts/${form.arrangement.id}/files/${f.id}`} download>{f.title}<span className="govuk-visually-hidden"> ({f.fileName})</span></a>
                </li>
              )),
            )}
          </ul>
        )}
        {form.openReturns.length ? (
          <Form method="post" encType="multipart/form-data" noValidate>
            <input type="hidden" name="intent" value="attach" />
            <Select form={attachState} name="attach.period" label="Return the file goes with" hint="A file can be added until the contract manager rates the month." options={form.openReturns.map((r) => ({ value: r.period.slice(0, 7), label: monthLabel(r.period) }))} />
            <TextInput form={attachState} name="attach.title" label="Title of the file" />
            <FileUpload form={attachState} name="attach.file" label="File" hint="A PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG file, smaller than 10 MB" />
            <Button secondary>Add file</Button>
          </Form>
        ) : (
          <p className="govuk-body">Send a return first: files can be added to a return until its month is rated.</p>
        )}
      </div>
    </div>
  );
}
