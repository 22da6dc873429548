import { data, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, MaxPartSizeExceededError, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { NotificationBanner } from "~/components/govuk/content";
import { Button, ErrorSummary } from "~/components/govuk/form";
import { requirePermission } from "~/modules/permissions/route.server";
import { importIndicatorValues, type ImportResult } from "~/modules/evidence/indicators.server";
import { MAX_CSV_BYTES, MAX_CSV_ROWS } from "~/modules/evidence/limits";
import { RowProblems } from "~/modules/evidence/components/RowProblems";

export const handle = { title: "Import indicator values" };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(context, request, "evidence.manage");
  return null;
}

const tooLarge = `The file must be smaller than ${MAX_CSV_BYTES / 1024 / 1024} MB. Split it into smaller files`;

export async function action({ context, request }: ActionFunctionArgs) {
  requirePermission(context, request, "evidence.manage");
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_CSV_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return data({ ok: false as const, errors: { file: tooLarge }, values: {}, problems: [], problemCount: 0 }, { status: 400 });
    // not a file upload at all (a form sent some other way): the same answer as no file
    return data({ ok: false as const, errors: { file: "Select a CSV file to import" }, values: {}, problems: [], problemCount: 0 }, { status: 400 });
  }
  const file = formData.get("file");
  const csv = file instanceof File ? await file.text() : "";
  const result: ImportResult = await importIndicatorValues(context.db, context.actor, { csv, fileName: file instanceof File ? file.name : undefined });
  if (!result.ok) return data({ ...result, values: {} }, { status: result.status });
  return data(result);
}

export default function ImportIndicatorValues() {
  const result = useActionData<typeof action>();
  const failed = result && !result.ok ? result : null;
  const form = { errors: failed?.errors ?? {}, values: {} };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} />
        {result?.ok && (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">
              {result.value.imported} indicator {result.value.imported === 1 ? "value" : "values"} imported
            </p>
          </NotificationBanner>
        )}
        <h1 className="govuk-heading-l">Import indicator values</h1>
        <p className="govuk-body">Upload a CSV file with one value per row. Every row is checked first: if any row has a problem, nothing is imported and each problem is listed with its line number.</p>
        <p className="govuk-body">The first row must name these columns:</p>
        <ul className="govuk-list govuk-list--bullet">
          <li><strong>measure</strong>: the measure’s exact title or its number</li>
          <li><strong>locality</strong>: a locality’s name, or <code>council-wide</code></li>
          <li><strong>period</strong>: a year (2025), a month (2025-03) or a date (2025-03-31)</li>
          <li><strong>value</strong>: a number</li>
          <li><strong>unit</strong>: the measure’s unit, for example % or £</li>
        </ul>
        <p className="govuk-body">
          At most {MAX_CSV_ROWS.toLocaleString("en-GB")} rows and {MAX_CSV_BYTES / 1024 / 1024} MB per file. A period already held for a measure and locality cannot be imported again.
        </p>
        <Form method="post" encType="multipart/form-data" noValidate>
          <div className={`govuk-form-group${form.errors.file ? " govuk-form-group--error" : ""}`}>
            <label className="govuk-label govuk-label--s" htmlFor="file">
              CSV file
            </label>
            {form.errors.file && (
              <p id="file-error" className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {form.errors.file}
              </p>
            )}
            <input className={`govuk-file-upload${form.errors.file ? " govuk-file-upload--error" : ""}`} id="file" name="file" type="file" accept=".csv,text/csv" aria-describedby={form.errors.file ? "file-error" : undefined} />
          </div>
          <Button>Import</Button>
        </Form>
        {failed && <RowProblems problems={failed.problems} problemCount={failed.problemCount} />}
      </div>
    </div>
  );
}
