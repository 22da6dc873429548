/**
 * Clerks are told an agenda must be published by a date (issue 16): for a draft meeting whose last
 * day for five clear working days' notice is near or passed, the officers who manage that board get
 * one e-mail (at most once per meeting and deadline), with an absolute link; nobody for a meeting
 * far off or already published. A daily schedule on the job queue runs it.
 */
import { describe, expect, it } from "vitest";
import { addAgendaItem, createMeeting, publishAgenda } from "../../app/modules/meetings/meetings.server";
import { latestPublicationDay, londonDate } from "../../app/modules/meetings/rules";
import { bankHolidaySet } from "../../app/modules/calendar/bank-holidays.server";
import { addCalendarDays } from "../../app/modules/calendar/days";
import { agendaDeadlineAlerts, ALERT_DAYS_BEFORE } from "../../app/modules/notifications/agenda-deadlines.server";
import { deliverDue } from "../../app/modules/notifications/deliver.server";
import { startNotificationWorker } from "../../app/modules/notifications/worker.server";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { recipientOf, useSmtpInbox } from "../support/mail";
import { value } from "../support/results";

const t = useTestDatabase({ seeded: true });
const ORIGIN = "http://moot.test";
const DAY = 86_400_000;
const mailer = useSmtpInbox();

describe("an agenda must be published by a date", () => {
  it("tells the board's clerks once per meeting and deadline, when the last day is near; not for a far or published meeting", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const board = await t.db.selectFrom("boards").select(["id", "name", "locality_id"]).where("slug", "=", "riverside-locality-board").executeTakeFirstOrThrow();
    const eastmere = await t.db.selectFrom("localities").select("id").where("slug", "=", "eastmere").executeTakeFirstOrThrow();
    const otherClerk = await newResident(t.db, "Eastmere Clerk");
    await t.db.insertInto("role_grants").values({ user_id: otherClerk.user!.id, role: "officer", scope: "locality", locality_id: eastmere.id, board_id: null, granted_by: null }).execute();
    const localClerk = await newResident(t.db, "Riverside Clerk");
    await t.db.insertInto("role_grants").values({ user_id: localClerk.user!.id, role: "officer", scope: "locality", locality_id: board.locality_id, board_id: null, granted_by: null }).execute();

    // A meeting whose last publication day is 1–ALERT_DAYS_BEFORE days from now (found with the same rule).
    const holidays = await bankHolidaySet(t.db);
    const now = new Date();
    const today = londonDate(now);
    let soon = new Date(now.getTime() + 6 * DAY);
    while (latestPublicationDay(londonDate(soon), holidays) <= today) soon = new Date(soon.getTime() + DAY);
    const lastDay = latestPublicationDay(londonDate(soon), holidays);
    expect(lastDay <= addCalendarDays(today, ALERT_DAYS_BEFORE), `test setup: ${lastDay}`).toBe(true);
    soon.setUTCHours(17, 30, 0, 0);

    const make = async (title: string, at: Date) => value(await createMeeting(t.db, officer, { boardId: board.id, title, startsAt: at.toISOString(), venue: "Hall" })).meetingId;
    const near = await make("Near meeting", soon);
    const far = await make("Far meeting", new Date(now.getTime() + 40 * DAY));
    const published = await make("Published meeting", new Date(soon.getTime() + DAY));
    value(await addAgendaItem(t.db, officer, { meetingId: published, kind: "information", title: "Report" }));
    value(await publishAgenda(t.db, officer, { meetingId: published, urgencyReason: "Test" }));

    expect((await agendaDeadlineAlerts(t.db, now)).length).toBeGreaterThan(0);
    await agendaDeadlineAlerts(t.db, now); // the schedule runs again: nothing more
    await agendaDeadlineAlerts(t.db, new Date(now.getTime() + DAY)); // next day: same deadline, nothing more
    const rows = async (meetingId: number) => t.db.selectFrom("outbox").select(["recipient", "event_key"]).where("event_key", "like", `agenda-due:${meetingId}:%`).orderBy("recipient").execute();
    expect((await rows(near)).map((r) => r.recipient).sort()).toEqual(["officer@moot.example", localClerk.user!.email.toLowerCase()].sort());
    expect((await rows(near))[0]!.event_key).toBe(`agenda-due:${near}:${lastDay}`);
    expect(await rows(far)).toEqual([]);
    expect(await rows(published)).toEqual([]);

    const before = mailer.inbox.received.length;
    const run = await deliverDue(t.db, mailer.smtp, { origin: ORIGIN });
    await mailer.inbox.waitFor(before + run.sent);
    const mail = mailer.inbox.received.slice(before).find((m) => recipientOf(m) === "officer@moot.example" && m.subject?.includes("Near meeting"))!;
    expect(mail.subject).toMatch(/^Publish the agenda by \d{1,2} \w+ \d{4}: Riverside Locality Board, Near meeting$/);
    expect(mail.text).toContain("5 clear working days’ notice");
    expect(mail.text).toContain(`${ORIGIN}/meetings/${near}/console`);

    // The meeting moves to another day: a new deadline, a new alert.
    const moved = new Date(soon.getTime() + 7 * DAY);
    await t.db.updateTable("meetings").set({ starts_at: moved }).where("id", "=", near).execute();
    await agendaDeadlineAlerts(t.db, new Date(moved.getTime() - 7 * DAY));
    expect(new Set((await rows(near)).map((r) => r.event_key)).size).toBe(2);
  });

  it("runs daily on the job queue's schedule", async () => {
    const worker = await startNotificationWorker({ connectionString: t.handle.url, db: t.db, bus: null, origin: ORIGIN, transport: null, onError: () => undefined });
    try {
      const schedules = await worker.boss.getSchedules();
      expect(schedules.find((s) => s.name === "agenda-deadlines")).toMatchObject({ cron: "30 7 * * *", timezone: "Europe/London" });
    } finally {
      await worker.stop();
    }
  });
});
