/**
 * Notifications (issue 16): 10,000 people follow one locality; something happens there.
 * - cost added to the triggering request: writing the one event row inside its transaction
 *   (the fan-out to 10,000 is NOT done there);
 * - time from the triggering commit until all 10,000 messages have been handed to SMTP (a real
 *   smtp-server in this process; the real pg-boss worker expanding and delivering).
 */
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import { SMTPServer } from "smtp-server";
import { recordEvent } from "../../app/modules/notifications/outbox.server";
import { smtpTransport } from "../../app/modules/notifications/transport.server";
import { nudgeDelivery, startNotificationWorker } from "../../app/modules/notifications/worker.server";
import { percentile, printTable, withBenchDatabase } from "./support";

const FOLLOWERS = Number(process.env.BENCH_FOLLOWERS ?? 10_000);

await withBenchDatabase(async ({ db, url }) => {
  const [locality, quiet] = await db.selectFrom("localities").select("id").orderBy("id").limit(2).execute();
  await sql`
    INSERT INTO subscriptions (email, target_kind, target_id, frequency, token)
    SELECT 'follower' || n || '@bench.example', 'locality', ${locality!.id}, 'immediate', 'tok' || n
      FROM generate_series(1, ${FOLLOWERS}) n`.execute(db);

  // 1. The cost a command pays: one event row in its transaction (measured against the same
  //    transaction without it), for a locality with followers elsewhere.
  const samples: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < 220; i++) {
    const a = performance.now();
    await db.transaction().execute(async (trx) => {
      await sql`SELECT 1`.execute(trx);
      await recordEvent(trx, { key: `bench:cost:${i}`, target: { kind: "locality", id: quiet!.id }, subject: "x", body: "y", link: "/" });
    });
    const b = performance.now();
    await db.transaction().execute(async (trx) => {
      await sql`SELECT 1`.execute(trx);
    });
    const c = performance.now();
    if (i >= 20) {
      samples.push(b - a);
      baseline.push(c - b);
    }
  }
  samples.sort((x, y) => x - y);
  baseline.sort((x, y) => x - y);
  await db.updateTable("notification_events").set({ expanded_at: new Date() }).execute();

  // 2. Commit → all messages handed to SMTP.
  let received = 0;
  let done!: () => void;
  const all = new Promise<void>((r) => (done = r));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 200,
    onData(stream, _s, cb) {
      stream.on("data", () => undefined);
      stream.on("end", () => {
        cb();
        if (++received === FOLLOWERS) done();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.server.address() as AddressInfo).port;
  const worker = await startNotificationWorker({
    connectionString: url,
    db,
    bus: null,
    origin: "http://moot.bench",
    transport: smtpTransport({ url: `smtp://127.0.0.1:${port}`, from: "Moot <no-reply@moot.bench>" }),
    schedules: false,
    onError: (e) => console.error(e),
  });
  await new Promise((r) => setTimeout(r, 1000)); // the start-up run has found nothing to do

  const start = performance.now();
  await db.transaction().execute((trx) => recordEvent(trx, { key: "bench:locality", target: { kind: "locality", id: locality!.id }, subject: "A new consultation in your area", body: "Tell us what you think.", link: "/consultations/1" }));
  const committed = performance.now();
  nudgeDelivery(); // what settle() does with the command's `deliver` effect
  await all;
  const delivered = performance.now();
  const expandedAt = await db.selectFrom("notification_events").select("expanded_at").where("key", "=", "bench:locality").executeTakeFirstOrThrow();
  const sent = await db.selectFrom("outbox").select((eb) => eb.fn.countAll<number>().as("n")).where("event_key", "=", "bench:locality").where("status", "=", "sent").executeTakeFirstOrThrow();
  await worker.stop();
  await new Promise<void>((r) => server.close(() => r()));

  printTable("Cost added to the triggering request's transaction (200 runs)", [
    { what: "transaction with the event row", "p50 ms": percentile(samples, 50).toFixed(2), "p99 ms": percentile(samples, 99).toFixed(2) },
    { what: "same transaction without it", "p50 ms": percentile(baseline, 50).toFixed(2), "p99 ms": percentile(baseline, 99).toFixed(2) },
    { what: "added", "p50 ms": (percentile(samples, 50) - percentile(baseline, 50)).toFixed(2), "p99 ms": (percentile(samples, 99) - percentile(baseline, 99)).toFixed(2) },
  ]);
  printTable(`${FOLLOWERS} followers of one locality`, [
    { what: "commit of the event (ms)", value: (committed - start).toFixed(1) },
    { what: "commit → all handed to SMTP (s)", value: ((delivered - committed) / 1000).toFixed(2) },
    { what: "messages per second", value: Math.round(FOLLOWERS / ((delivered - committed) / 1000)) },
    { what: "outbox rows marked sent", value: Number(sent.n) },
    { what: "expanded", value: expandedAt.expanded_at ? "yes" : "no" },
  ]);
  if (Number(sent.n) < FOLLOWERS - 8) throw new Error("not every message was marked sent");
});
