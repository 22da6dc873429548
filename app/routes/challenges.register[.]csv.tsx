import type { LoaderFunctionArgs } from "@remix-run/node";
import { listRegister } from "~/modules/challenges/challenges.server";
import { registerCsv } from "~/modules/challenges/register-csv.server";
import { registerFilterSchema } from "~/modules/challenges/schema";

export async function loader({ context, request }: LoaderFunctionArgs) {
  const filter = registerFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const csv = registerCsv(await listRegister(context.db, filter));
  return new Response(csv, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="right-to-challenge-register.csv"' },
  });
}
