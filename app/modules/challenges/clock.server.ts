/**
 * Community Right to Challenge: the statutory clock's settings and the bank holidays.
 */
import type { Database } from "../../../db/client";
import { ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { bankHolidaySet } from "../calendar/bank-holidays.server";
import { type Actor } from "../permissions/permissions";
import { type ClockSettings, type Holidays } from "./deadlines";
import { clockSettingsSchema } from "./schema";
import { permittedInput } from "../permissions/guard";

// ---------------------------------------------------------------- the clock's settings

/** The clock's settings, and the council's bank holidays (one table, kept on /admin/bank-holidays). */
export async function loadClock(db: Database): Promise<{ settings: ClockSettings; holidays: Holidays }> {
  const [row, holidays] = await Promise.all([db.selectFrom("challenge_settings").selectAll().where("id", "=", 1).executeTakeFirst(), bankHolidaySet(db)]);
  return {
    settings: {
      acknowledgeWorkingDays: row?.acknowledge_working_days ?? 10,
      decisionDateNoticeDays: row?.decision_date_notice_days ?? 30,
      warnDaysBeforeLapse: row?.warn_days_before_lapse ?? 14,
    },
    holidays,
  };
}

/** Admins set the clock: working days to acknowledge, and how early to warn of a lapsing window. */
export async function updateClockSettings(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = permittedInput(actor, "challenge.configure", clockSettingsSchema, input);
  if (!parsed.ok) return parsed;
  const values = { acknowledge_working_days: parsed.value.acknowledgeWorkingDays, warn_days_before_lapse: parsed.value.warnDaysBeforeLapse };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("challenge_settings").values({ id: 1, ...values }).onConflict((oc) => oc.column("id").doUpdateSet(values)).execute();
    await audit(trx, actor, "challenge.settings.updated", "challenge_settings", parsed.value);
  });
  return ok(null);
}
