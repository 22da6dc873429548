/**
 * One bank-holiday table for the whole council: a day an admin adds on /admin/bank-holidays moves
 * both the boards' five-clear-working-days rule and the Right to Challenge acknowledgement clock.
 */
import { Migrator, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { addBankHoliday, bankHolidaySet, removeBankHoliday } from "../../app/modules/calendar/bank-holidays.server";
import { officerDashboard } from "../../app/modules/challenges/challenges.server";
import { addAgendaItem, createMeeting, publishAgenda } from "../../app/modules/meetings/meetings.server";
import { clearWorkingDaysBetween, isWorkingDay, londonDate } from "../../app/modules/meetings/rules";
import { migrations } from "../../db/migrations/index";
import { actorFor } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });
const bare = useTestDatabase({ empty: true });

const nextDay = (day: string) => new Date(new Date(`${day}T12:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);

describe("a bank holiday added by an admin", () => {
  it("makes an agenda that had exactly five clear working days' notice late", async () => {
    const admin = await actorFor(t.db, "admin@moot.example");
    const officer = await actorFor(t.db, "officer@moot.example");
    const today = londonDate(new Date());
    const holidays = await bankHolidaySet(t.db);
    // The first meeting day with exactly five clear working days' notice from today.
    let meetingDay = nextDay(today);
    while (clearWorkingDaysBetween(today, meetingDay, holidays) < 5) meetingDay = nextDay(meetingDay);
    let closure = nextDay(today);
    while (!isWorkingDay(closure, holidays)) closure = nextDay(closure);

    const board = await t.db.selectFrom("boards").select("id").where("slug", "=", "northgate-locality-board").executeTakeFirstOrThrow();
    const created = await createMeeting(t.db, officer, { boardId: board.id, title: "Just in time", startsAt: `${meetingDay}T17:30:00Z`, venue: "Town Hall" });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const meetingId = created.value.meetingId;
    expect((await addAgendaItem(t.db, officer, { meetingId, kind: "apologies", title: "Apologies" })).ok).toBe(true);

    expect(await addBankHoliday(t.db, admin, { day: closure, title: "Council closure day" })).toEqual({ ok: true, value: null });
    expect(await publishAgenda(t.db, officer, { meetingId })).toMatchObject({ ok: false, errors: { urgencyReason: expect.stringMatching(/five clear working days/) } });

    expect((await removeBankHoliday(t.db, admin, { day: closure })).ok).toBe(true);
    expect((await publishAgenda(t.db, officer, { meetingId })).ok).toBe(true);
    const published = await t.db.selectFrom("meetings").select(["status", "urgency_reason"]).where("id", "=", meetingId).executeTakeFirstOrThrow();
    expect(published).toEqual({ status: "agenda_published", urgency_reason: null });
  });

  it("moves the Right to Challenge acknowledgement deadline by a working day", async () => {
    const admin = await actorFor(t.db, "admin@moot.example");
    const officer = await actorFor(t.db, "officer@moot.example");
    const seededAt = new Date("2026-11-23T09:00:00Z");
    const acknowledgeBy = async () => {
      const board = await officerDashboard(t.db, officer, seededAt);
      return board.ok ? board.value.find((r) => r.title === "Branch libraries run by a staff mutual")?.due?.dueOn : undefined;
    };
    // Received Friday 20 November 2026; ten working days.
    expect(await acknowledgeBy()).toBe("2026-12-04");
    expect((await addBankHoliday(t.db, admin, { day: "2026-11-24", title: "Council closure day" })).ok).toBe(true);
    expect(await acknowledgeBy()).toBe("2026-12-07");
    expect(await addBankHoliday(t.db, officer, { day: "2026-11-25", title: "Not theirs to add" })).toMatchObject({ ok: false, status: 403 });
    expect((await removeBankHoliday(t.db, admin, { day: "2026-11-24" })).ok).toBe(true);
    expect(await acknowledgeBy()).toBe("2026-12-04");
  });
});

describe("the migration that merges the two tables", () => {
  it("copies the challenges' own days into bank_holidays, drops the old table, and puts it back on the way down", async () => {
    const migrator = new Migrator({ db: bare.db, provider: { getMigrations: async () => migrations }, migrationTableName: "kysely_migration", migrationLockTableName: "kysely_migration_lock" });
    expect((await migrator.migrateTo("2026-11-23T1040_evidence")).error).toBeUndefined();
    await sql`INSERT INTO bank_holidays (day, title) VALUES ('2027-01-01', 'New Year''s Day')`.execute(bare.db);
    await sql`INSERT INTO challenge_bank_holidays (day, title) VALUES ('2027-01-01', 'Duplicate'), ('2027-06-07', 'Only the challenges had this')`.execute(bare.db);

    expect((await migrator.migrateTo("2026-11-23T1120_one_bank_holiday_table")).error).toBeUndefined();
    const days = await sql<{ day: string; title: string }>`SELECT to_char(day, 'YYYY-MM-DD') AS day, title FROM bank_holidays ORDER BY day`.execute(bare.db);
    expect(days.rows).toEqual([
      { day: "2027-01-01", title: "New Year's Day" },
      { day: "2027-06-07", title: "Only the challenges had this" },
    ]);
    expect((await sql`SELECT to_regclass('challenge_bank_holidays') AS t`.execute(bare.db)).rows).toEqual([{ t: null }]);

    expect((await migrator.migrateTo("2026-11-23T1040_evidence")).error).toBeUndefined();
    const back = await sql<{ n: string }>`SELECT count(*) AS n FROM challenge_bank_holidays`.execute(bare.db);
    expect(Number(back.rows[0]!.n)).toBe(2);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
});
