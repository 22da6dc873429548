/**
 * The council's one table of England and Wales bank holidays (`bank_holidays`). Every working-day
 * rule reads it: boards' five clear working days' notice of a meeting and the Right to Challenge
 * acknowledgement clock. Admins keep it up to date on /admin/bank-holidays.
 */
import { dateInput } from "../../lib/date-input";
import { sql } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/client";
import { cached, forget } from "../../lib/cache.server";
import { permittedInput } from "../permissions/guard";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import type { Actor } from "../permissions/permissions";

const dayText = sql<string>`to_char(day, 'YYYY-MM-DD')`;

export const bankHolidaySchema = z.object({
  day: dateInput({ label: "Date", required: "Enter the date of the bank holiday" }),
  title: z.string({ error: "Enter the name of the bank holiday" }).trim().min(1, "Enter the name of the bank holiday").max(100, "The name must be 100 characters or fewer"),
});
export const removeBankHolidaySchema = z.object({ day: z.iso.date("Choose a bank holiday") });

const CACHE_KEY = "bank-holidays";

/** Every bank holiday as "YYYY-MM-DD", for working-day arithmetic (cached, see app/lib/cache.server.ts). */
export async function bankHolidaySet(db: Database): Promise<Set<string>> {
  const days = await cached(db, CACHE_KEY, async () => (await db.selectFrom("bank_holidays").select(dayText.as("day")).execute()).map((r) => r.day));
  return new Set(days);
}

export function listBankHolidays(db: Database) {
  return db.selectFrom("bank_holidays").select([dayText.as("day"), "title"]).orderBy("day").execute();
}

export async function addBankHoliday(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = permittedInput(actor, "bank_holidays.manage", bankHolidaySchema, input);
  if (!parsed.ok) return parsed;
  const result = await db.transaction().execute(async (trx) => {
    const row = await trx.insertInto("bank_holidays").values(parsed.value).onConflict((oc) => oc.column("day").doNothing()).returning("day").executeTakeFirst();
    if (!row) return fail({ day: "That day is already a bank holiday" }, 409);
    await audit(trx, actor, "bank_holiday.added", `bank_holiday:${parsed.value.day}`, parsed.value);
    return ok(null);
  });
  forget(db, CACHE_KEY);
  return result;
}

export async function removeBankHoliday(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = permittedInput(actor, "bank_holidays.manage", removeBankHolidaySchema, input);
  if (!parsed.ok) return parsed;
  const result = await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("bank_holidays").where("day", "=", sql<Date>`${parsed.value.day}::date`).execute();
    await audit(trx, actor, "bank_holiday.removed", `bank_holiday:${parsed.value.day}`, {});
    return ok(null);
  });
  forget(db, CACHE_KEY);
  return result;
}
