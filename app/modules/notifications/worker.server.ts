/**
 * The job queue (pg-boss, docs/decisions/0090-job-queue.md) and what runs on it:
 * - `notify` (nudged after a commit by the `deliver` effect, and swept every minute): expand new
 *   events to recipients, then hand due outbox rows to the transport. A failed row schedules a
 *   `notify-retry` job for when its backoff ends.
 * - schedules (cron, once per minute/day across ALL processes, surviving restarts): the
 *   consultation clock, the retention job, the daily digest and the clerks' agenda deadlines. The
 *   first three used to be per-process timers.
 *
 * One worker per process; several processes share the queue in PostgreSQL (jobs are fetched with
 * SKIP LOCKED, outbox rows locked while sent), so nothing is sent twice by two processes.
 */
import PgBoss from "pg-boss";
import type { Database } from "../../../db/client";
import type { EffectSink } from "../../lib/effects";
import { settle } from "../../lib/effects.server";
import { advanceConsultations } from "../consultations/consultations.server";
import { anonymiseExpiredResponses } from "../consultations/retention.server";
import { deliverDue, type DeliveryRun } from "./deliver.server";
import { consultationsClosingSoon } from "./events.server";
import { challengeDeadlineAlerts } from "../challenges/notices.server";
import { agendaDeadlineAlerts } from "./agenda-deadlines.server";
import { expandEvents, gatherDigests } from "./outbox.server";
import { transportFromEnv, type Transport } from "./transport.server";

const NOTIFY = "notify";
const RETRY = "notify-retry";
const SWEEP = "notify-sweep";
const CLOCK = "consultation-clock";
const RETENTION = "retention";
const DIGEST = "daily-digest";
const AGENDA_DEADLINES = "agenda-deadlines";

export interface NotificationWorkerOptions {
  connectionString: string;
  db: Database;
  /** Where the consultation clock's effects go (null: no sockets in this process). */
  bus: EffectSink | null;
  /** The site's address for links in e-mails, e.g. https://moot.example.gov.uk. */
  origin: string;
  /** Defaults to the one the environment chooses (transportFromEnv); null keeps messages queued. */
  transport?: Transport | null;
  /** Run the cron schedules (clock, retention, digest, agenda deadlines). Default true. */
  schedules?: boolean;
  onError?: (error: unknown, job: string) => void;
  /** Called after each delivery run (tests and the bench watch it). */
  onRun?: (run: DeliveryRun) => void;
}

export interface NotificationWorker {
  boss: PgBoss;
  transport: Transport | null;
  /** Run expansion + delivery now, in this process (what a `notify` job does). */
  pump(): Promise<DeliveryRun | null>;
  stop(): Promise<void>;
}

let current: NotificationWorker | null = null;

/** The `deliver` effect: queue a `notify` job (coalesced: at most one waits at a time). */
export function nudgeDelivery(): void {
  if (!current) return; // no worker in this process: the next sweep (any process) picks the rows up
  void current.boss.send(NOTIFY, {}).catch(() => undefined);
}

export async function startNotificationWorker(options: NotificationWorkerOptions): Promise<NotificationWorker> {
  const onError = options.onError ?? ((error: unknown, job: string) => console.error(`job ${job} failed`, error));
  const transport = options.transport === undefined ? transportFromEnv() : options.transport;
  const boss = new PgBoss({ connectionString: options.connectionString, schema: "pgboss", max: 4, application_name: "moot-jobs" });
  boss.on("error", (error) => onError(error, "pg-boss"));
  await boss.start();
  // 'short': at most one job waiting in the queue, so a burst of nudges is one run.
  for (const name of [NOTIFY, RETRY]) await boss.createQueue(name, { name, policy: "short", retryLimit: 3, retryDelay: 5, retryBackoff: true });
  for (const name of [SWEEP, CLOCK, RETENTION, DIGEST, AGENDA_DEADLINES]) await boss.createQueue(name, { name, policy: "short", retryLimit: 2, retryDelay: 30 });

  const { db, origin } = options;
  const pump = async (): Promise<DeliveryRun | null> => {
    await expandEvents(db, origin);
    if (!transport) return null; // no provider configured: messages wait in the outbox (/admin/outbox)
    const run = await deliverDue(db, transport, { origin });
    if (run.nextRetryAt) await boss.send(RETRY, {}, { startAfter: run.nextRetryAt });
    options.onRun?.(run);
    return run;
  };
  const guard = (name: string, body: () => Promise<unknown>) => async () => {
    try {
      await body();
    } catch (error) {
      onError(error, name);
      throw error; // pg-boss retries the job with backoff
    }
  };
  await boss.work(NOTIFY, { pollingIntervalSeconds: 0.5 }, guard(NOTIFY, pump));
  await boss.work(RETRY, { pollingIntervalSeconds: 2 }, guard(RETRY, pump));
  await boss.work(SWEEP, { pollingIntervalSeconds: 5 }, guard(SWEEP, pump));
  await boss.work(CLOCK, { pollingIntervalSeconds: 5 }, guard(CLOCK, async () => {
    await (options.bus ? settle(options.bus, advanceConsultations(db, new Date())) : advanceConsultations(db, new Date()));
    // "closes soon" reminders to a consultation's followers, once each (events.server.ts)
    // and Right to Challenge statutory dates near or passed, to officers, once each (challenges/notices.server.ts)
    const reminders = [...(await consultationsClosingSoon(db, new Date())), ...(await challengeDeadlineAlerts(db, new Date()))];
    if (reminders.length) await boss.send(NOTIFY, {});
  }));
  await boss.work(RETENTION, { pollingIntervalSeconds: 30 }, guard(RETENTION, () => anonymiseExpiredResponses(db)));
  await boss.work(DIGEST, { pollingIntervalSeconds: 30 }, guard(DIGEST, async () => {
    await expandEvents(db, origin);
    if (await gatherDigests(db, origin)) await pump();
  }));
  // Clerks: an agenda that must be published within a few days, once per meeting and deadline.
  await boss.work(AGENDA_DEADLINES, { pollingIntervalSeconds: 30 }, guard(AGENDA_DEADLINES, async () => {
    if ((await agendaDeadlineAlerts(db, new Date())).length) await boss.send(NOTIFY, {});
  }));
  if (options.schedules ?? true) {
    await boss.schedule(SWEEP, "* * * * *");
    await boss.schedule(CLOCK, "* * * * *");
    await boss.schedule(RETENTION, "15 3 * * *", {}, { tz: "Europe/London" });
    await boss.schedule(DIGEST, "0 7 * * *", {}, { tz: "Europe/London" });
    await boss.schedule(AGENDA_DEADLINES, "30 7 * * *", {}, { tz: "Europe/London" });
    // Catch up at start-up (a consultation due to open while no process ran opens now).
    await boss.send(CLOCK, {});
  }
  await boss.send(NOTIFY, {});

  const worker: NotificationWorker = {
    boss,
    transport,
    pump,
    stop: async () => {
      if (current === worker) current = null;
      await boss.stop({ graceful: true, wait: true, timeout: 5_000 });
      transport?.close();
    },
  };
  current = worker;
  return worker;
}
