import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/http.server";
import { exportTable, toCsv, toXlsx } from "~/modules/consultations/analysis.server";
import { loadManaged } from "~/modules/consultations/routes.server";

/** Resource route: every sent response as CSV or XLSX (reference numbers, no names). */
export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const c = await loadManaged(context, request, params.id);
  if (params.format !== "csv" && params.format !== "xlsx") notFound();
  const table = await exportTable(context.db, context.actor, c.id);
  if (!table.ok) notFound();
  const name = `consultation-${c.id}-responses`;
  if (params.format === "csv") {
    return new Response(toCsv(table.value), { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}.csv"` } });
  }
  return new Response(new Uint8Array(await toXlsx(table.value)), {
    headers: { "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Content-Disposition": `attachment; filename="${name}.xlsx"` },
  });
}
