import { describe, expect, it } from "vitest";
import { addBankHoliday } from "../../app/modules/calendar/bank-holidays.server";
import { officerDashboard, updateClockSettings } from "../../app/modules/challenges/challenges.server";
import { actorFor } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });
const SEEDED_AT = new Date("2026-11-23T09:00:00Z");
const TITLE = "Branch libraries run by a staff mutual"; // received Friday 20 November 2026

async function acknowledgeBy() {
  const board = await officerDashboard(t.db, await actorFor(t.db, "officer@moot.example"), SEEDED_AT);
  return board.ok ? board.value.find((r) => r.title === TITLE)?.due?.dueOn : undefined;
}

describe("the clock's settings", () => {
  it("the clock reads the council's one bank-holiday table, seeded from the project's own copy", async () => {
    const rows = await t.db.selectFrom("bank_holidays").select("title").execute();
    expect(rows.length).toBe(32);
  });

  it("only an admin changes them; the acknowledgement deadline follows the setting and the holiday table", async () => {
    expect(await acknowledgeBy()).toBe("2026-12-04");
    const officer = await actorFor(t.db, "officer@moot.example");
    const admin = await actorFor(t.db, "admin@moot.example");
    expect(await updateClockSettings(t.db, officer, { acknowledgeWorkingDays: "3", warnDaysBeforeLapse: "14" })).toMatchObject({ ok: false, status: 403 });
    expect(await updateClockSettings(t.db, admin, { acknowledgeWorkingDays: "0", warnDaysBeforeLapse: "14" })).toMatchObject({ ok: false, errors: { acknowledgeWorkingDays: "Enter between 1 and 60 working days" } });
    expect(await updateClockSettings(t.db, admin, { acknowledgeWorkingDays: "3", warnDaysBeforeLapse: "14" })).toEqual({ ok: true, value: null });
    expect(await acknowledgeBy()).toBe("2026-11-25");
    expect(await addBankHoliday(t.db, admin, { day: "2026-11-24", title: "Council closure day" })).toEqual({ ok: true, value: null });
    expect(await addBankHoliday(t.db, admin, { day: "2026-11-24", title: "Again" })).toMatchObject({ ok: false, status: 409 });
    expect(await addBankHoliday(t.db, admin, { day: "2027-02-30", title: "No such day" })).toMatchObject({ ok: false, errors: { day: expect.any(String) } });
    expect(await acknowledgeBy()).toBe("2026-11-26");
  });
});
